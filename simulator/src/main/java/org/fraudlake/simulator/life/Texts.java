package org.fraudlake.simulator.life;

import java.text.NumberFormat;
import java.util.Locale;
import org.fraudlake.simulator.util.Rand;

/**
 * Free text of police reports, in Chinese as officers write it: commas (full-width and ASCII), quoted
 * words, amounts with thousands separators, and now and then a second paragraph on a new line.
 */
public final class Texts {
    /** Modus operandi codes per category, shared by crime series and ordinary reports. */
    public static final String[] BURGLARY_MO = {"BALCONY_ENTRY", "DOOR_PRY", "WINDOW_SMASH", "LOCK_PICK", "NIGHT",
        "DAYTIME", "CASH_JEWELRY", "ELECTRONICS", "GROUND_FLOOR", "HIGH_RISE"};
    public static final String[] THEFT_MO = {"PICKPOCKET", "ELECTRIC_BIKE", "CUT_LOCK", "CAR_WINDOW", "SHOPLIFT",
        "PHONE_SNATCH", "NIGHT", "DAYTIME", "METRO", "MARKET"};
    public static final String[] ROBBERY_MO = {"KNIFE", "SNATCH", "NIGHT", "MOTORBIKE"};
    public static final String[] OTHER_MO = {"DISPUTE", "LOST_PROPERTY", "NOISE", "TRAFFIC"};

    private Texts() {
    }

    /** Yuan with thousands separators, e.g. {@code 12,500}. */
    public static String yuan(long cents) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(cents / 100);
    }

    /** A victim's account of a telecom fraud. */
    public static String fraud(String fraudType, int transfers, long lossCents, Rand r) {
        String loss = yuan(lossCents);
        String story = switch (fraudType) {
            case "IMPERSONATION" -> "受害人接到自称\"公安局民警\"的电话，称其银行卡涉嫌洗钱，要求将资金转入\"安全账户\"配合调查";
            case "INVESTMENT" -> "受害人在交友软件结识网友，被拉入\"投资群\"，按对方指导在虚假平台充值投资，无法提现";
            case "LOAN" -> "受害人急需用钱，接到\"低息贷款\"电话，被以交保证金、解冻费为由多次转账";
            case "BRUSHING" -> "受害人被邀请做\"刷单返利\"兼职，前几单返现后，被要求加大垫付金额";
            case "ROMANCE" -> "受害人与网恋对象交往数日，对方以家人住院、投资为由借钱";
            case "CUSTOMER_SERVICE" -> "受害人接到自称\"电商客服\"的电话，称其误开通会员将按月扣费，需配合取消";
            case "GAMING" -> "受害人在游戏中被低价出售装备吸引，在虚假交易网站付款后被拉黑";
            default -> "受害人接到陌生电话后被骗转账";
        };
        StringBuilder sb = new StringBuilder(story).append("，共转账").append(transfers).append("笔，损失约")
                .append(loss).append("元。");
        if (r.chance(0.3)) {
            sb.append("对方使用多个号码联系, 其中有境外号码。");
        }
        if (r.chance(0.15)) {
            sb.append("\n补充：受害人称对方知道其身份证号和住址。");
        }
        return sb.toString();
    }

    public static String burglary(long lossCents, String mo, Rand r) {
        String entry = mo.contains("BALCONY_ENTRY") ? "从阳台攀爬入室" : mo.contains("DOOR_PRY") ? "撬开入户门"
                : mo.contains("WINDOW_SMASH") ? "砸窗入室" : "技术开锁入室";
        String sb = "报警人称家中被盗，嫌疑人" + entry + "，翻动卧室抽屉，盗走"
                + (mo.contains("CASH_JEWELRY") ? "现金及金饰" : "笔记本电脑等物品") + "，损失约" + yuan(lossCents) + "元。";
        return r.chance(0.12) ? sb + "\n现场提取到鞋印一枚。" : sb;
    }

    public static String theft(long lossCents, String mo, Rand r) {
        if (mo.contains("ELECTRIC_BIKE")) {
            return "报警人停放在小区楼下的电动自行车被盗，锁被剪断，价值约" + yuan(lossCents) + "元。";
        }
        if (mo.contains("PICKPOCKET") || mo.contains("METRO")) {
            return "报警人在" + (mo.contains("METRO") ? "地铁车厢内" : "菜市场") + "手机被扒窃，价值约" + yuan(lossCents) + "元。";
        }
        return r.chance(0.5) ? "报警人称其财物被盗, 价值约" + yuan(lossCents) + "元。"
                : "报警人车辆\"车窗被砸\"，车内物品被盗，损失约" + yuan(lossCents) + "元。";
    }

    public static String other(String category, Rand r) {
        String text = switch (category) {
            case "ROBBERY" -> "报警人夜间步行回家途中被两名男子抢走挎包。";
            case "DRUG" -> "群众举报某出租屋内有人吸食毒品，民警到场查处。";
            case "ECONOMIC" -> "报警人称合作方以虚假合同骗取货款，对方已失联。";
            default -> "报警人称与邻居发生纠纷，请求民警调解。";
        };
        return r.chance(0.15) ? text + "\n处理结果：民警已到场处置，双方情绪稳定。" : text;
    }
}
