package org.fraudlake.simulator.crime;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.simulator.city.IdentityFactory;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.CaseLabel;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.Transfer;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Company;
import org.fraudlake.simulator.model.Enums.Channel;
import org.fraudlake.simulator.model.Enums.CompanyKind;
import org.fraudlake.simulator.model.Enums.Occupation;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.truth.Roles;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times.Profile;
import org.fraudlake.simulator.util.Times;

/**
 * Illegal fund-raising: a "wealth management" company takes many small investments from ordinary people
 * (mostly elderly, recruited through friends of earlier investors and a few sales staff), pays a weekly
 * "return" to every investor in one batch, and quietly moves money to the boss and out of the city. The
 * weekly fan-out looks like a payroll; the fan-in like a busy shop.
 */
public final class FundRaising extends Scheme {
    private final Company company;
    private final Account account;
    private final Person boss;
    private final List<Person> sales = new ArrayList<>();
    private final List<Person> investors = new ArrayList<>();
    private final List<Long> principal = new ArrayList<>();
    private final Account outside;
    private final DayOfWeek payoutDay;
    private final double weeklyRate;
    private final List<CaseLabel> pendingLabels = new ArrayList<>();
    private LocalDate labelDate;
    private long commissions;
    private LocalDate nextSiphon;

    public FundRaising(World world, TruthLog truth, String id) {
        super(world, truth, id);
        Rand s = setup();
        LocalDate start = world.start();
        this.boss = recruitOrStraw(s, 35, 60, p -> p.occupation() == Occupation.OWNER
                || p.occupation() == Occupation.WORKER);
        LocalDate reg = start.minusDays(s.between(240, 600));
        this.company = world.addCompany(CompanyKind.INVESTMENT, boss.idNumber(), s.between(10, 50) * 1_000_000L * 100,
                reg, boss.district(), null, true, s);
        company.officeIp(world.geography().broadbandIp(s));
        this.account = world.openCompanyAccount(company, s.nextInt(Parties.PARTNERS), reg.plusDays(5),
                Times.at(reg.plusDays(5), 10, 0, 0), s);
        account.balance(s.between(80, 200) * 10_000L * 100);
        entity(Roles.FUNDRAISER, company);
        entity(Roles.FUNDRAISER_ACCOUNT, account);
        entity(Roles.BOSS, boss);
        for (int i = s.between(2, 3); i > 0; i--) {
            Person p = recruit(s, 25, 45, x -> x.occupation() == Occupation.WORKER && x.accounts().length > 0);
            if (p != null) {
                p.employer(company.id());
                company.addEmployee(p.id());
                sales.add(p);
                entity(Roles.SALES, p);
            }
        }
        this.outside = open(straw(s), -1, start.minusDays(s.between(100, 600)), s);
        entity(Roles.RECEIVER, outside);
        int initial = Math.max(5, Math.min(80, world.residents().size() / 1_500));
        for (int i = 0; i < initial; i++) {
            Person p = recruit(s, 50, 85, x -> world.richestAccount(x) != null);
            if (p != null) {
                investors.add(p);
                principal.add(s.between(2, 30) * 10_000L * 100);
            }
        }
        this.payoutDay = DayOfWeek.of(s.between(1, 5));
        this.weeklyRate = s.uniform(0.004, 0.007);
        this.nextSiphon = start.plusDays(s.between(1, 4));
        LocalDate labelled = start.plusDays(s.between(8, 30));
        scheduleLabels(labelled, s);
    }

    private void scheduleLabels(LocalDate on, Rand s) {
        long at = Times.at(on, s.between(9, 16), s.nextInt(60), s.nextInt(60));
        String caseNo = "JJ" + on.toString().replace("-", "") + String.format("%03d", s.nextInt(1000));
        pendingLabels.add(new CaseLabel(TruthLog.COMPANY, company.uscc(), "ECONOMIC_CRIME", at, caseNo, null, null));
        pendingLabels.add(new CaseLabel(TruthLog.PERSON, boss.idNumber(), "ECONOMIC_CRIME", at + 60_000, caseNo, null,
                null));
        pendingLabels.add(new CaseLabel(TruthLog.ACCOUNT, account.key(), "LAUNDERING", at + 120_000, caseNo, account,
                null));
        labelDate = on;
    }

    @Override
    public String type() {
        return "ILLEGAL_FUNDRAISING";
    }

    @Override
    protected String description() {
        return "many small investments from ordinary people into one company, weekly 'returns', money siphoned";
    }

    @Override
    public void simulate(DayContext ctx) {
        Rand r = rand(ctx);
        LocalDate d = ctx.date();
        if (d.equals(world.start())) {
            for (CaseLabel l : pendingLabels) {
                ctx.agenda().label(labelDate, l);
            }
        }
        active(d);
        int fresh = r.poisson(0.4 + world.residents().size() / 30_000.0);
        for (int i = 0; i < fresh; i++) {
            invite(ctx, r);
        }
        for (int i = 0; i < investors.size(); i++) {
            if (r.chance(0.01)) {
                invest(ctx, r, i);
            }
        }
        if (d.getDayOfWeek() == payoutDay) {
            payout(ctx, r);
        }
        if (!d.isBefore(nextSiphon)) {
            nextSiphon = d.plusDays(r.between(3, 5));
            long toBoss = r.between(10, 50) * 10_000L * 100;
            ctx.transfer(Transfer.of(ctx.at(r.between(14, 17), r.nextInt(60), 0), account, world.mainAccount(boss),
                    toBoss, Channel.ONLINE).ip(company.officeIp()).capped().remark("借款").tag(id(), "SIPHON"));
            ctx.transfer(Transfer.of(ctx.at(r.between(14, 17), r.nextInt(60), 0), account, outside,
                    r.between(20, 80) * 10_000L * 100, Channel.ONLINE).ip(company.officeIp()).capped()
                    .remark("投资款").tag(id(), "SIPHON"));
        }
    }

    /** A friend of an investor (or someone a salesperson met) joins. */
    private void invite(DayContext ctx, Rand r) {
        Person p = null;
        if (!investors.isEmpty()) {
            Person friendOf = investors.get(r.nextInt(investors.size()));
            if (friendOf.contacts().length > 0) {
                p = world.person(r.pick(friendOf.contacts()));
            }
        }
        if (p == null || p.involved() || p.age(ctx.date()) < 45 || world.richestAccount(p) == null) {
            p = recruit(r, 50, 85, x -> world.richestAccount(x) != null);
        } else {
            p.involve();
        }
        if (p == null) {
            return;
        }
        investors.add(p);
        principal.add(0L);
        invest(ctx, r, investors.size() - 1);
    }

    private void invest(DayContext ctx, Rand r, int index) {
        Person p = investors.get(index);
        Account from = world.richestAccount(p);
        if (from == null) {
            return;
        }
        long amount = floor(Math.round(Math.min(from.available() * r.uniform(0.3, 0.8), 50_000_000)), 1_000_000);
        if (amount < 1_000_000) {
            return;
        }
        boolean counter = p.age(ctx.date()) >= 60 && r.chance(0.6);
        long time = counter ? ctx.at(r.between(9, 15), r.nextInt(60), r.nextInt(60)) : ctx.sample(Profile.OFFICE, r);
        Transfer t = Transfer.of(time, from, account, amount, counter ? Channel.COUNTER : Channel.MOBILE)
                .remark(r.pick(new String[] {"理财", "认购款", "投资"})).tag(id(), "INVESTMENT")
                .then((c, tr, moved, out, in) -> {
                    principal.set(index, principal.get(index) + moved);
                    commissions += moved / 20;
                    entity(Roles.INVESTOR, p);
                    entity(Roles.INVESTOR_ACCOUNT, tr.from());
                });
        if (!counter) {
            t.device(IdentityFactory.deviceId(p.imei(), from.bank())).ip(ctx.geography().mobileIp(r));
        }
        ctx.transfer(t);
    }

    private void payout(DayContext ctx, Rand r) {
        long time = ctx.at(10, r.nextInt(30), 0);
        for (int i = 0; i < investors.size(); i++) {
            Person p = investors.get(i);
            Account to = world.richestAccount(p);
            long interest = Math.round(principal.get(i) * weeklyRate);
            if (to == null || interest < 100) {
                continue;
            }
            time += r.between(2, 6) * Times.SECOND_MS;
            ctx.transfer(Transfer.of(time, account, to, interest, Channel.ONLINE).ip(company.officeIp())
                    .remark("收益").tag(id(), "RETURN").then((c, t, moved, out, in) -> {
                        entity(Roles.INVESTOR, p);
                        entity(Roles.INVESTOR_ACCOUNT, t.to());
                    }));
        }
        if (commissions > 0 && !sales.isEmpty()) {
            long each = commissions / sales.size();
            commissions = 0;
            for (Person p : sales) {
                Account to = world.mainAccount(p);
                if (to != null && each > 0) {
                    ctx.transfer(Transfer.of(time + r.between(60, 600) * Times.SECOND_MS, account, to, each,
                            Channel.ONLINE).ip(company.officeIp()).remark("提成").tag(id(), "COMMISSION"));
                }
            }
        }
    }
}
