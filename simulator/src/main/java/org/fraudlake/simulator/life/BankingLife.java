package org.fraudlake.simulator.life;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fraudlake.simulator.city.Geography;
import org.fraudlake.simulator.city.IdentityFactory;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.Transfer;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Company;
import org.fraudlake.simulator.model.Enums.AccountType;
import org.fraudlake.simulator.model.Enums.Channel;
import org.fraudlake.simulator.model.Enums.CompanyKind;
import org.fraudlake.simulator.model.Enums.Occupation;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times.Profile;
import org.fraudlake.simulator.util.Times;

/**
 * Ordinary money: card and QR payments at shops and restaurants (busy ones collect hundreds a day),
 * online shopping, transfers among family and friends, ATM cash, moving savings between one's own
 * accounts, rent, utility and phone bills, credit card repayments (often right after a long call from the
 * bank's service line), salaries fanned out on paydays, pensions, platform settlements to merchants,
 * firms paying and being paid. Every look-alike of a crime pattern a naive rule would flag lives here.
 */
public final class BankingLife {
    private static final double[] SPEND_KINDS = {30, 30, 25, 20, 0.6};
    private static final long[] LUCKY = {20, 50, 66, 88, 100, 168, 200, 300, 500, 520, 666, 800, 888, 1_000, 1_314,
        1_500, 2_000, 3_000, 5_000};
    private static final double[] LUCKY_WEIGHTS = {4, 6, 3, 4, 10, 2, 10, 6, 10, 3, 2, 3, 2, 8, 1, 2, 4, 2, 1};
    private static final long[] ELECTRONICS_PRICES = {1_999, 2_499, 2_999, 3_999, 4_999, 5_999, 6_999, 8_999};
    private final World world;
    private final List<List<Company>> merchantsByDistrict = new ArrayList<>();
    private final List<Company> electronics = new ArrayList<>();
    private final List<Company> platforms = new ArrayList<>();
    private final List<Company> utilities = new ArrayList<>();
    private final List<Company> telecoms = new ArrayList<>();
    private final List<Company> outsideFirms = new ArrayList<>();
    private final List<Company> payers = new ArrayList<>();
    private final List<Company> merchants = new ArrayList<>();
    private final Map<String, List<Company>> groups = new LinkedHashMap<>();
    private final Map<Company, Long> payrolls = new LinkedHashMap<>();
    private final double paymentRate;
    private Company pensionFund;

    public BankingLife(World world) {
        this.world = world;
        this.paymentRate = world.profile().volumes().paymentRate();
        for (int d = 0; d < world.geography().districts(); d++) {
            merchantsByDistrict.add(new ArrayList<>());
        }
        for (Company c : world.companies()) {
            switch (c.kind()) {
                case SHOP, RESTAURANT, SUPERMARKET -> merchantsByDistrict.get(c.district()).add(c);
                case ELECTRONICS -> electronics.add(c);
                case PLATFORM -> platforms.add(c);
                case UTILITY -> utilities.add(c);
                case TELECOM -> telecoms.add(c);
                case OUTSIDE_FIRM -> outsideFirms.add(c);
                case PENSION_FUND -> pensionFund = c;
                default -> {
                }
            }
            if (c.kind().isMerchant()) {
                merchants.add(c);
            }
            if (c.employees().length > 0) {
                payers.add(c);
                long payroll = 0;
                for (int e : c.employees()) {
                    payroll += world.person(e).monthlyIncome();
                }
                payrolls.put(c, Math.max(1_000_000, payroll));
            }
            if (c.kind() == CompanyKind.EMPLOYER) {
                groups.computeIfAbsent(c.legalRepId() + "|" + c.address(), k -> new ArrayList<>()).add(c);
            }
        }
        groups.values().removeIf(g -> g.size() < 2);
    }

    /** Schedules the day's ordinary transfers. */
    public void simulate(DayContext ctx) {
        Rand r = ctx.rand("banking");
        double dayFactor = ctx.workday() ? 1.0 : 1.3;
        for (Person p : world.residents()) {
            Account main = world.mainAccount(p);
            if (main == null || !main.usable()) {
                continue;
            }
            person(ctx, r, p, main, dayFactor);
        }
        settlements(ctx, r);
        payroll(ctx, r);
        pensions(ctx, r);
        business(ctx, r);
    }

    private void person(DayContext ctx, Rand r, Person p, Account main, double dayFactor) {
        Account card = null;
        Account second = null;
        for (int id : p.accounts()) {
            Account a = world.account(id);
            if (a.type() == AccountType.CREDIT && a.usable()) {
                card = a;
            } else if (a != main && a.type() == AccountType.DEBIT && a.usable() && second == null) {
                second = a;
            }
        }
        long buffer = main.available() + (card == null ? 0 : card.available());
        double thrift = buffer < 50_000 ? 0.2 : buffer < 300_000 ? 0.6 : 1.0;
        int spends = r.poisson(spendRate(p) * dayFactor * thrift * paymentRate);
        double means = means(p);
        for (int i = 0; i < spends; i++) {
            spend(ctx, r, p, card != null && r.chance(0.35) ? card : main, means);
        }
        if (r.chance(0.1 * thrift)) {
            friends(ctx, r, p, main);
        }
        if (r.chance((p.occupation() == Occupation.RETIRED ? 0.06 : 0.03) * thrift)) {
            atm(ctx, r, p, main);
        }
        if (second != null && r.chance(0.012)) {
            ownMove(ctx, r, p, main, second);
        }
        monthly(ctx, r, p, main, card);
    }

    private static double spendRate(Person p) {
        return switch (p.occupation()) {
            case STUDENT -> 1.4;
            case WORKER -> 1.1;
            case OWNER -> 1.5;
            case RETIRED -> 0.55;
            case UNEMPLOYED -> 0.7;
        };
    }

    /** How much a person spends per purchase relative to an average worker. */
    private static double means(Person p) {
        return switch (p.occupation()) {
            case STUDENT -> 0.45;
            case RETIRED -> 0.7;
            case UNEMPLOYED -> 0.5;
            default -> Math.max(0.5, Math.min(2.0, p.monthlyIncome() / 650_000.0));
        };
    }

    private void spend(DayContext ctx, Rand r, Person p, Account from, double means) {
        int kind = r.weighted(SPEND_KINDS);
        if (kind == 3 || merchantsByDistrict.get(p.district()).isEmpty()) {
            Company platform = r.pick(platforms);
            long cents = cents(r.logNormal(90 * means, 1.0));
            boolean quick = r.chance(0.6);
            ctx.transfer(Transfer.of(ctx.sample(Profile.ONLINE, r), from, world.mainAccount(platform), cents,
                    quick ? Channel.THIRD_PARTY : Channel.ONLINE)
                    .device(quick ? null : IdentityFactory.deviceId(p.imei(), from.bank()))
                    .ip(quick ? null : p.homeIp()).remark(r.pick(new String[] {"网购", "网购", "购物", "充值", "游戏充值"})));
            return;
        }
        Company shop;
        long cents;
        if (kind == 4 && !electronics.isEmpty()) {
            shop = r.pick(electronics);
            cents = ELECTRONICS_PRICES[r.nextInt(ELECTRONICS_PRICES.length)] * 100;
        } else {
            List<Company> local = merchantsByDistrict.get(r.chance(0.8) ? p.district()
                    : r.nextInt(merchantsByDistrict.size()));
            if (local.isEmpty()) {
                local = merchantsByDistrict.get(p.district());
            }
            shop = r.pick(local);
            cents = switch (shop.kind()) {
                case SUPERMARKET -> cents(r.logNormal(85 * means, 0.7));
                case RESTAURANT -> cents(r.logNormal(60 * means, 0.6));
                default -> cents(r.logNormal(120 * means, 0.9));
            };
        }
        long time = ctx.sample(Profile.SPENDING, r);
        if (r.chance(0.35) || from.type() == AccountType.CREDIT && r.chance(0.7)) {
            ctx.transfer(Transfer.of(time, from, world.mainAccount(shop), cents, Channel.POS)
                    .device(posTerminal(shop)).remark("消费"));
        } else {
            Company platform = platforms.get(shop.id() % platforms.size());
            Transfer t = Transfer.of(time, from, world.mainAccount(platform), cents, Channel.THIRD_PARTY)
                    .remark("扫码支付")
                    .then((c, tr, amount, out, in) -> shop.pendingSettlement(shop.pendingSettlement() + amount));
            ctx.transfer(t);
        }
    }

    /** A POS terminal id: eight digits, one terminal per shop. */
    private static String posTerminal(Company shop) {
        return Long.toString(10_000_000L + Math.floorMod(shop.id() * 7_919L + 1_234L, 89_999_999L));
    }

    private static long cents(double yuan) {
        double y = Math.max(1, yuan);
        return y > 50 ? Math.round(y * 10) * 10 : Math.round(y * 100);
    }

    private void friends(DayContext ctx, Rand r, Person p, Account main) {
        if (p.contacts().length == 0) {
            return;
        }
        Person friend = world.person(r.pick(p.contacts()));
        Account to = world.mainAccount(friend);
        if (to == null) {
            return;
        }
        long amount = LUCKY[r.weighted(LUCKY_WEIGHTS)] * 100;
        ctx.transfer(mobile(ctx, r, p, main, to, amount, ctx.sample(Profile.PEOPLE, r))
                .remark(r.pick(new String[] {"转账", "转账", "还款", "借款", "红包", ""})));
    }

    private Transfer mobile(DayContext ctx, Rand r, Person p, Account from, Account to, long amount, long time) {
        return Transfer.of(time, from, to, amount, Channel.MOBILE)
                .device(IdentityFactory.deviceId(p.imei(), from.bank()))
                .ip(r.chance(0.02) ? Geography.remoteIp(r) : ctx.geography().mobileIp(r));
    }

    private void atm(DayContext ctx, Rand r, Person p, Account main) {
        long amount = (p.occupation() == Occupation.RETIRED ? r.between(2, 20) : r.between(2, 30)) * 100L * 100;
        boolean away = r.chance(0.02);
        String city = away ? r.pick(Geography.OTHER_CITIES) : Geography.CITY_CODE;
        String terminal = away ? Geography.atmElsewhere(city, main.bank(), r.between(1, 40))
                : ctx.geography().atm(main.bank(), p.district(), r.between(1, 12));
        ctx.transfer(Transfer.of(ctx.sample(Profile.SPENDING, r), main, null, amount, Channel.ATM)
                .device(terminal).city(city).remark("ATM取款"));
    }

    private void ownMove(DayContext ctx, Rand r, Person p, Account main, Account second) {
        boolean toMain = r.chance(0.5);
        Account from = toMain ? second : main;
        Account to = toMain ? main : second;
        long amount = Math.round(from.balance() * r.uniform(0.2, 0.8) / 100_000) * 100_000;
        if (amount >= 100_000) {
            ctx.transfer(mobile(ctx, r, p, from, to, amount, ctx.sample(Profile.ONLINE, r))
                    .remark(r.pick(new String[] {"本人账户互转", "理财", ""})));
        }
    }

    private void monthly(DayContext ctx, Rand r, Person p, Account main, Account card) {
        LocalDate date = ctx.date();
        if (Times.isMonthlyDay(date, p.billDay())) {
            for (int k = 0; k < utilities.size(); k++) {
                if (r.chance(0.7)) {
                    long amount = cents(r.logNormal(k == 0 ? 160 : 60, 0.5));
                    ctx.transfer(Transfer.of(ctx.sample(Profile.ONLINE, r), main, world.mainAccount(utilities.get(k)),
                            amount, Channel.THIRD_PARTY).remark(k == 0 ? "电费" : k == 1 ? "燃气费" : "水费"));
                }
            }
            Phone phone = world.mainPhone(p);
            if (phone != null && !telecoms.isEmpty()) {
                Company telecom = telecoms.get(Math.min(phone.carrier(), telecoms.size() - 1));
                ctx.transfer(Transfer.of(ctx.sample(Profile.ONLINE, r), main, world.mainAccount(telecom),
                        cents(r.logNormal(80, 0.5)), Channel.THIRD_PARTY).remark("话费充值"));
            }
        }
        if (p.landlord() >= 0 && Times.isMonthlyDay(date, p.rentDay())) {
            Account to = world.mainAccount(world.person(p.landlord()));
            if (to != null) {
                ctx.transfer(mobile(ctx, r, p, main, to, p.rent(), ctx.sample(Profile.ONLINE, r))
                        .remark("房租, " + date.getMonthValue() + "月"));
            }
        }
        if (card != null && card.balance() < 0 && Times.isMonthlyDay(date, p.billDay() % 28 + 1)) {
            long time = ctx.at(r.between(18, 21), r.nextInt(60), r.nextInt(60));
            Phone phone = world.mainPhone(p);
            if (phone != null && r.chance(0.5)) {
                long callAt = time - r.between(10, 50) * Times.MINUTE_MS;
                ctx.callIn(Parties.serviceLine(card.bank()), false, phone, callAt,
                        r.between(180, 900), false);
            }
            ctx.transfer(mobile(ctx, r, p, main, card, -card.balance(), time).capped().remark("信用卡还款"));
        }
        boolean earns = p.occupation() == Occupation.WORKER || p.occupation() == Occupation.OWNER;
        if (earns && p.parent() >= 0 && Times.isMonthlyDay(date, 1 + p.id() % 7)) {
            Account to = world.mainAccount(world.person(p.parent()));
            if (to != null) {
                ctx.transfer(mobile(ctx, r, p, main, to, r.between(5, 30) * 100L * 100,
                        ctx.sample(Profile.ONLINE, r)).remark("生活费"));
            }
        }
        if (p.occupation() == Occupation.STUDENT && p.parent() >= 0 && Times.isMonthlyDay(date, 1)) {
            Person parent = world.person(p.parent());
            Account from = world.mainAccount(parent);
            if (from != null && from.usable()) {
                ctx.transfer(mobile(ctx, r, parent, from, main, p.monthlyIncome(), ctx.sample(Profile.ONLINE, r))
                        .remark("生活费"));
            }
        }
        if (p.occupation() == Occupation.OWNER && ctx.workday() && r.chance(0.12)) {
            long amount = Math.round(r.logNormal(15_000, 0.9) / 100) * 100 * 100;
            if (amount > 0) {
                ctx.transfer(Transfer.of(ctx.at(r.between(9, 16), r.nextInt(60), r.nextInt(60)), null, main, amount,
                        Channel.COUNTER).remark("现金存入"));
            }
        }
    }

    private void settlements(DayContext ctx, Rand r) {
        for (Company shop : merchants) {
            long due = shop.pendingSettlement();
            if (due <= 0) {
                continue;
            }
            shop.pendingSettlement(0);
            Company platform = platforms.get(shop.id() % platforms.size());
            long net = due - due * 6 / 1000;
            if (net > 0) {
                ctx.transfer(Transfer.of(ctx.at(r.between(2, 5), r.nextInt(60), r.nextInt(60)),
                        world.mainAccount(platform), world.mainAccount(shop), net, Channel.THIRD_PARTY).remark("结算"));
            }
        }
    }

    private void payroll(DayContext ctx, Rand r) {
        for (Company c : payers) {
            if (!Times.isMonthlyWorkday(ctx.date(), c.payday())) {
                continue;
            }
            Account from = world.mainAccount(c);
            long time = ctx.at(r.between(9, 10), r.nextInt(60), 0);
            String device = IdentityFactory.deviceId(c.uscc(), from.bank());
            for (int e : c.employees()) {
                Person p = world.person(e);
                Account to = world.mainAccount(p);
                if (to == null || p.employer() != c.id()) {
                    continue;
                }
                time += r.between(1, 4) * Times.SECOND_MS;
                long pay = p.monthlyIncome() - r.nextInt(20_000);
                Transfer salary = Transfer.of(time, from, to, Math.max(100_00, pay), Channel.ONLINE).device(device)
                        .ip(c.officeIp()).remark("代发工资");
                Account onward = r.chance(0.12) ? onward(p, to) : null;
                if (onward != null) {
                    long later = time + r.between(5, 60) * Times.MINUTE_MS;
                    double share = r.uniform(0.3, 0.7);
                    String ip = ctx.geography().mobileIp(r);
                    salary.then((cx, t, amount, out, in) -> cx.transfer(Transfer.of(later, to, onward,
                            Math.max(10_000, Math.round(amount * share / 10_000) * 10_000), Channel.MOBILE)
                            .device(IdentityFactory.deviceId(p.imei(), to.bank())).ip(ip).capped().remark("转账")));
                }
                ctx.transfer(salary);
            }
        }
    }

    /** Where part of a salary goes right after payday: one's own other account, or a parent. */
    private Account onward(Person p, Account main) {
        for (int id : p.accounts()) {
            Account a = world.account(id);
            if (a != main && a.type() == AccountType.DEBIT && a.usable()) {
                return a;
            }
        }
        return p.parent() >= 0 ? world.mainAccount(world.person(p.parent())) : null;
    }

    private void pensions(DayContext ctx, Rand r) {
        if (pensionFund == null || !Times.isMonthlyWorkday(ctx.date(), 10)) {
            return;
        }
        long time = ctx.at(3, 0, 0);
        for (Person p : world.residents()) {
            Account to = world.mainAccount(p);
            boolean retired = p.occupation() == Occupation.RETIRED;
            if (!retired && p.occupation() != Occupation.UNEMPLOYED || to == null || p.monthlyIncome() <= 0) {
                continue;
            }
            time += r.between(0, 2) * Times.SECOND_MS;
            ctx.transfer(Transfer.of(time, world.mainAccount(pensionFund), to, p.monthlyIncome(), Channel.ONLINE)
                    .remark(retired ? "养老金" : "失业保险金"));
        }
    }

    private void business(DayContext ctx, Rand r) {
        if (!ctx.workday()) {
            return;
        }
        for (Company c : payers) {
            Account own = world.mainAccount(c);
            long payroll = payrolls.get(c);
            boolean merchant = c.kind().isMerchant();
            int in = r.poisson(merchant ? 0.05 : 1.0);
            for (int i = 0; i < in; i++) {
                Company client = r.pick(outsideFirms);
                long amount = Math.round(payroll * 0.08 * r.logNormal(1, 0.5) / 100) * 100;
                ctx.transfer(Transfer.of(ctx.sample(Profile.OFFICE, r), world.mainAccount(client), own,
                        Math.max(500_000, amount), Channel.ONLINE).remark(r.pick(new String[] {"货款", "服务费", "往来款",
                            "预付款", "咨询费", "技术服务费", "劳务费", "投资款"})));
            }
            int out = r.poisson(merchant ? 0.15 : 0.3);
            for (int i = 0; i < out; i++) {
                Company supplier = r.pick(outsideFirms);
                double share = r.uniform(0.02, 0.15);
                long amount = Math.round((merchant ? own.balance() * share : payroll * share) / 100) * 100;
                if (amount > 0) {
                    ctx.transfer(Transfer.of(ctx.sample(Profile.OFFICE, r), own, world.mainAccount(supplier), amount,
                            Channel.ONLINE).device(IdentityFactory.deviceId(c.uscc(), own.bank())).ip(c.officeIp())
                            .remark(r.pick(new String[] {"采购款", "办公费用", "货款", "保证金"})));
                }
            }
        }
        if (Times.isMonthlyWorkday(ctx.date(), 25)) {
            for (List<Company> group : groups.values()) {
                Company head = group.get(0);
                for (int k = 1; k < group.size(); k++) {
                    Account from = world.mainAccount(group.get(k));
                    long fee = Math.round(from.balance() * 0.08 / 100_000) * 100_000;
                    if (fee > 0) {
                        ctx.transfer(Transfer.of(ctx.at(14, r.nextInt(60), r.nextInt(60)), from,
                                world.mainAccount(head), fee, Channel.ONLINE).ip(head.officeIp()).remark("管理费"));
                    }
                }
            }
        }
    }
}
