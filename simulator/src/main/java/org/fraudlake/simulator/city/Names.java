package org.fraudlake.simulator.city;

import java.util.HashSet;
import java.util.Set;
import org.fraudlake.simulator.model.Enums.CompanyKind;
import org.fraudlake.simulator.util.Rand;

/**
 * Names of persons, companies, streets and communities. Mostly Chinese; a few foreign residents have
 * names with commas and quotes ({@code O'Brien, Patrick}), which partners must quote in their files.
 */
public final class Names {
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
        "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭",
        "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚"};
    private static final double[] SURNAME_WEIGHTS = {7.3, 7.2, 6.9, 5.4, 4.5, 3.1, 2.2, 2.1, 2.0, 1.9, 1.8, 1.5, 1.4,
        1.3, 1.3, 1.2, 1.2, 1.1, 1.1, 0.9, 0.9, 0.8, 0.8, 0.7, 0.7, 0.7, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.5, 0.5, 0.5,
        0.5, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.3, 0.3, 0.3, 0.3};
    private static final String[] MALE_GIVEN = {"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "浩",
        "宇", "俊", "建国", "建华", "志强", "国平", "永刚", "海波", "子轩", "梓豪", "浩然", "宇航", "晨阳", "俊杰", "文博",
        "鹏", "斌", "辉", "亮", "波", "峰", "飞", "鑫", "健", "振华", "德明", "光荣", "红军"};
    private static final String[] FEMALE_GIVEN = {"芳", "娜", "秀英", "敏", "静", "丽", "艳", "娟", "霞", "平",
        "桂英", "秀兰", "玉兰", "欣怡", "子涵", "梓涵", "思雨", "雨萱", "婷", "雪", "玲", "燕", "红", "琳", "倩",
        "淑珍", "桂芳", "丽华", "晓燕", "雅琪", "诗涵", "佳怡", "梦瑶", "慧", "颖", "洁", "萍", "兰", "凤英", "春梅"};
    private static final String[] FOREIGN = {"O'Brien, Patrick", "Smith, John", "Nguyen Van \"Tom\" Anh",
        "Müller, Anna", "Kim, Min-jun", "Ahmed \"Sam\" Khan", "Rossi, Giulia", "Tanaka, Yuki"};
    private static final String[] TRADE_NAMES = {"锦程", "恒信", "天府", "蜀源", "宏达", "鑫源", "瑞丰", "华西", "川能",
        "蓉城", "金沙", "合力", "万通", "众诚", "博远", "嘉禾", "腾飞", "盛世", "宏图", "新锐", "德润", "汇丰", "聚源",
        "同创", "兴旺", "安达", "祥和", "永盛", "卓越", "正元", "鼎盛", "富华", "丰泽", "隆昌", "佳美", "远航", "金穗",
        "通达", "立信", "晨光", "星河", "九洲", "青城", "峨眉", "岷江", "锦官", "浣花", "望江", "龙泉", "武侯"};
    private static final String[] STREETS = {"人民南路", "蜀都大道", "天府大道", "红星路", "春熙路", "建设路", "一环路",
        "二环路", "府青路", "玉林路", "科华路", "羊市街", "光华大道", "金府路", "双林路", "沙湾路", "盐市口", "青华路",
        "抚琴路", "驷马桥路", "万年场路", "桂溪路", "芳草街", "倪家桥路", "磨子桥路", "新鸿路", "东大街", "西玉龙街"};
    private static final String[] TOWERS = {"国际金融中心", "时代广场", "财富大厦", "环球中心", "创业大厦", "天府软件园",
        "银泰中心", "来福士广场", "新希望大厦", "世纪城"};
    private static final String[] COMMUNITY_A = {"东", "西", "南", "北", "新", "桂", "玉", "锦", "金", "青", "龙",
        "府", "沙", "双", "万", "跳", "红", "望", "芳", "桐", "紫", "水", "石", "河", "荷", "花", "柳", "梅"};
    private static final String[] COMMUNITY_B = {"门", "溪", "林", "苑", "湾", "桥", "坊", "坝", "城", "塘", "园",
        "街", "井", "江", "里", "院", "庙", "台", "岸", "池", "亭", "巷", "山", "湖"};
    private static final String[] UTILITIES = {"国网四川省电力公司成都供电公司", "成都燃气集团股份有限公司",
        "成都市自来水有限责任公司"};
    private static final String[] TELECOMS = {"中国移动通信集团四川有限公司成都分公司", "中国联合网络通信有限公司成都市分公司",
        "中国电信股份有限公司成都分公司"};
    private static final String[] PLATFORMS = {"财付通支付科技有限公司", "支付宝（中国）网络技术有限公司"};
    private final Set<String> usedCompanyNames = new HashSet<>();
    private final int[] specials = new int[CompanyKind.values().length];
    private final Set<String> usedCommunities = new HashSet<>();

    /** A person's name; about one in 300 is a foreign name written "Family, Given". */
    public String person(Rand r, boolean male) {
        if (r.chance(0.003)) {
            return r.pick(FOREIGN);
        }
        String surname = SURNAMES[r.weighted(SURNAME_WEIGHTS)];
        return surname + (male ? r.pick(MALE_GIVEN) : r.pick(FEMALE_GIVEN));
    }

    /** A unique registered company name fitting what it does. */
    public String company(Rand r, CompanyKind kind) {
        String[] fixed = switch (kind) {
            case UTILITY -> UTILITIES;
            case TELECOM -> TELECOMS;
            case PLATFORM -> PLATFORMS;
            case PENSION_FUND -> new String[] {"成都市社会保险事业管理局"};
            default -> null;
        };
        if (fixed != null && specials[kind.ordinal()] < fixed.length) {
            String name = fixed[specials[kind.ordinal()]++];
            usedCompanyNames.add(name);
            return name;
        }
        for (int attempt = 0; ; attempt++) {
            String trade = r.pick(TRADE_NAMES) + (attempt > 3 ? r.pick(TRADE_NAMES) : "")
                    + (attempt > 40 ? attempt : "");
            String name = switch (kind) {
                case SHOP -> r.chance(0.5) ? "成都" + trade + "商贸有限公司" : trade + "百货店";
                case RESTAURANT -> r.chance(0.3) ? "\"" + trade + "\"家常菜馆" : "成都" + trade + "餐饮管理有限公司";
                case SUPERMARKET -> "成都" + trade + "超市有限公司";
                case ELECTRONICS -> "成都" + trade + "电子科技有限公司";
                case CONSTRUCTION -> "四川" + trade + "建设工程有限公司";
                case SERVICES -> r.chance(0.5) ? "成都" + trade + "物业管理有限公司" : "成都" + trade + "企业管理咨询有限公司";
                case DELIVERY -> "成都" + trade + "快递服务有限公司";
                case TELEMARKETING -> r.chance(0.5) ? "成都" + trade + "房地产经纪有限公司" : "成都" + trade + "信息咨询有限公司";
                case UTILITY, TELECOM, PENSION_FUND, PLATFORM -> "成都" + trade + "公用事业有限公司";
                case AGENCY -> "四川" + trade + "招标代理有限公司";
                case SHELL -> r.pick(new String[] {"成都", "四川"}) + trade + r.pick(new String[] {"供应链管理有限公司",
                    "贸易有限公司", "商贸有限公司", "实业有限公司", "科技有限公司"});
                case INVESTMENT -> r.chance(0.5) ? "四川" + trade + "财富管理有限公司" : "成都" + trade + "投资咨询有限公司";
                case OUTSIDE_FIRM -> r.pick(new String[] {"深圳", "广州", "上海", "重庆", "西安"}) + trade + "实业有限公司";
                case EMPLOYER -> "成都" + trade + r.pick(new String[] {"科技有限公司", "制造有限公司", "实业有限公司",
                    "文化传媒有限公司", "医药有限公司", "食品有限公司", "软件有限公司", "供应链管理有限公司", "贸易有限公司",
                    "投资咨询有限公司", "财富管理有限公司"});
            };
            if (usedCompanyNames.add(name)) {
                return name;
            }
        }
    }

    /** A street address in a district. */
    public String address(Rand r, String districtName) {
        String base = "成都市" + districtName + r.pick(STREETS) + r.between(1, 399) + "号";
        return r.chance(0.4) ? base + r.pick(TOWERS) + r.between(2, 40) + String.format("%02d", r.between(1, 30)) + "室"
                : base;
    }

    /** A unique community name. */
    public String community(Rand r) {
        while (true) {
            String name = r.pick(COMMUNITY_A) + r.pick(COMMUNITY_B) + "社区";
            if (usedCommunities.add(name)) {
                return name;
            }
            String longer = r.pick(COMMUNITY_A) + r.pick(COMMUNITY_A) + r.pick(COMMUNITY_B) + "社区";
            if (usedCommunities.add(longer)) {
                return longer;
            }
        }
    }
}
