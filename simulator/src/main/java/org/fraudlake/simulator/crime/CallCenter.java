package org.fraudlake.simulator.crime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.fraudlake.simulator.city.Geography;
import org.fraudlake.simulator.city.IdentityFactory;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.Booking;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.Transfer;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Enums.Channel;
import org.fraudlake.simulator.model.Enums.Occupation;
import org.fraudlake.simulator.model.Enums.PhoneStatus;
import org.fraudlake.simulator.model.Enums.Plan;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.truth.Roles;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times.Profile;
import org.fraudlake.simulator.util.Times;

/**
 * A telecom fraud call centre. It works prepaid numbers bought on other people's IDs for a few days each
 * (several SIMs per handset), dials strangers all day (mostly short or unanswered), sometimes shows
 * foreign numbers; it grooms victims (often elderly) over one or several days of long calls, then has
 * them transfer to first-layer mule accounts, which pass the money within minutes to second-layer mules
 * at other banks, from where it leaves as ATM cash in other cities, platform payments or transfers out.
 * Some victims report days later, with what they remember; investigators confirm part of it later still.
 */
public final class CallCenter extends Scheme {
    private final double intlShare;
    private final double victimRate;
    private final double residentShare;
    private final int officeCell;
    private final int lineTarget;
    private final int l1Target;
    private final int l2Target;
    private final List<String> handsets = new ArrayList<>();
    private final List<String> gangImeis = new ArrayList<>();
    private final List<Person> holders = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private final List<String> spoofed = new ArrayList<>();
    private final List<Mule> l1 = new ArrayList<>();
    private final List<Mule> l2 = new ArrayList<>();
    private final List<Account> cashouts = new ArrayList<>();
    private final List<Victim> victims = new ArrayList<>();
    private final Account platform;
    private final FraudCases cases;
    private boolean historyDone;

    private record Line(Phone phone, LocalDate until) {
    }

    /** A mule account in use, until a date. */
    private static final class Mule {
        private final Account account;
        private final LocalDate until;
        private int uses;

        Mule(Account account, LocalDate until) {
            this.account = account;
            this.until = until;
        }
    }


    /**
     * @param share this centre's share of the city's fraud (centres split it)
     * @param intlShare how much of its calling shows foreign numbers
     */
    public CallCenter(World world, TruthLog truth, String id, double share, double intlShare) {
        super(world, truth, id);
        Rand s = setup();
        int persons = world.residents().size();
        this.intlShare = intlShare;
        this.victimRate = Math.max(0.6, persons / 8_000.0 * share);
        this.residentShare = Math.min(0.4, persons / 40_000.0 + 0.04);
        this.officeCell = world.geography().cellIn(s.nextInt(world.geography().districts()), s);
        this.lineTarget = Math.max(3, Math.min(8, persons / 15_000 + 3));
        this.l1Target = Math.max(2, Math.min(6, persons / 25_000 + 2));
        this.l2Target = Math.max(2, Math.min(8, persons / 20_000 + 2));
        for (int i = s.between(2, 4); i > 0; i--) {
            handsets.add(world.ids().imei(s));
            entity(Roles.HANDSET, TruthLog.DEVICE, handsets.get(handsets.size() - 1));
        }
        for (int i = 0; i < 2; i++) {
            gangImeis.add(world.ids().imei(s));
        }
        for (int i = s.between(2, 3); i > 0; i--) {
            holders.add(straw(s));
            entity(Roles.SIM_HOLDER, holders.get(holders.size() - 1));
        }
        for (int i = s.between(4, 8); i > 0; i--) {
            spoofed.add(IdentityFactory.spoofedInternational(s));
        }
        LocalDate start = world.start();
        for (int i = 0; i < lineTarget; i++) {
            LocalDate activated = start.minusDays(s.between(1, 6));
            lines.add(newLine(s, activated, Times.at(activated, s.between(9, 20), s.nextInt(60), s.nextInt(60)),
                    start.plusDays(s.between(0, 4))));
        }
        for (int i = 0; i < 2; i++) {
            Person holder = straw(s);
            Account a = open(holder, -1, start.minusDays(s.between(30, 300)), s);
            cashouts.add(a);
        }
        this.platform = platformAccount(s);
        this.cases = new FraudCases(this, world);
        for (int i = 0; i < l1Target; i++) {
            recruit(s, l1, start);
        }
        for (int i = 0; i < l2Target; i++) {
            recruit(s, l2, start);
        }
    }

    @Override
    public String type() {
        return "TELECOM_FRAUD";
    }

    @Override
    protected String description() {
        return "call centre: short-lived prepaid numbers on shared handsets, groomed victims, two mule layers,"
                + " cash-out";
    }

    /** Takes over an account (from an account renter) as a second-layer mule. */
    public void addSecondLayer(Account a, LocalDate until) {
        l2.add(new Mule(a, until));
    }

    private Line newLine(Rand r, LocalDate activated, long at, LocalDate until) {
        Person holder = r.pick(holders);
        Phone p = world.addPhone(r.nextInt(Parties.CARRIERS.size()), holder.idNumber(), activated,
                r.chance(0.75) ? Plan.PREPAID : Plan.POSTPAID, null, r.pick(handsets), officeCell, at, r);
        entity(Roles.CALLER_PHONE, p);
        return new Line(p, until);
    }

    private void recruit(Rand r, List<Mule> layer, LocalDate from) {
        Person p = recruit(r, 18, 32, x -> x.occupation() != Occupation.OWNER && x.monthlyIncome() < 900_000
                && x.accounts().length > 0);
        if (p == null) {
            return;
        }
        Account a = world.partnerDebit(p);
        if (a == null || r.chance(0.2)) {
            Account other = world.richestAccount(p);
            a = other != null ? other : a;
        }
        if (a != null) {
            layer.add(new Mule(a, from.plusDays(r.between(3, 7))));
        }
    }

    @Override
    public void simulate(DayContext ctx) {
        Rand r = rand(ctx);
        LocalDate d = ctx.date();
        if (!historyDone) {
            historyDone = true;
            cases.history(ctx, r, l1.stream().map(m -> m.account).toList(),
                    lines.stream().map(Line::phone).toList());
        }
        rotateLines(ctx, r);
        refresh(r, l1, l1Target, d);
        refresh(r, l2, l2Target, d);
        coldCalls(ctx, r);
        int fresh = r.poisson(victimRate);
        for (int i = 0; i < fresh; i++) {
            newVictim(ctx, r);
        }
        for (Victim v : new ArrayList<>(victims)) {
            work(ctx, r, v);
        }
        victims.removeIf(v -> v.payDays.get(v.payDays.size() - 1).isBefore(d.plusDays(1)));
        active(d);
    }

    private void rotateLines(DayContext ctx, Rand r) {
        LocalDate d = ctx.date();
        List<Line> expired = lines.stream().filter(l -> l.until().isBefore(d) || !l.phone().active()).toList();
        for (Line l : expired) {
            lines.remove(l);
            if (l.phone().active() && r.chance(0.6)) {
                l.phone().status(PhoneStatus.SUSPENDED);
                world.touch(l.phone(), ctx.at(r.between(8, 12), r.nextInt(60), r.nextInt(60)));
            }
        }
        while (lines.size() < lineTarget) {
            long at = ctx.at(r.between(8, 11), r.nextInt(60), r.nextInt(60));
            lines.add(newLine(r, d, at, d.plusDays(r.between(2, 6))));
        }
    }

    private void refresh(Rand r, List<Mule> layer, int target, LocalDate d) {
        layer.removeIf(m -> m.until.isBefore(d) || !m.account.usable());
        while (layer.size() < target) {
            int before = layer.size();
            recruit(r, layer, d);
            if (layer.size() == before) {
                return;
            }
        }
    }

    private Phone residentPhone(Rand r) {
        List<Person> residents = world.residents();
        for (int attempt = 0; attempt < 5; attempt++) {
            Person p = residents.get(r.nextInt(residents.size()));
            int age = p.age(world.start());
            if (age >= 55 || r.chance(0.5)) {
                Phone ph = world.mainPhone(p);
                if (ph != null && ph.active()) {
                    return ph;
                }
            }
        }
        return null;
    }

    private static int coldDuration(Rand r) {
        double x = r.nextDouble();
        return x < 0.5 ? 0 : x < 0.85 ? r.between(3, 30) : r.between(30, 240);
    }

    private void coldCalls(DayContext ctx, Rand r) {
        double load = ctx.workday() ? 60 : 35;
        for (Line line : lines) {
            int n = r.poisson(load);
            for (int i = 0; i < n; i++) {
                long time = ctx.sample(Profile.CALL_CENTRE, r);
                boolean sms = r.chance(0.08);
                int seconds = sms ? 0 : coldDuration(r);
                Phone to = r.chance(residentShare) ? residentPhone(r) : null;
                if (to != null) {
                    ctx.call(line.phone(), officeCell, to, time, seconds, sms);
                } else {
                    ctx.callOut(line.phone(), officeCell, world.ids().outsideMobile(r), time, seconds, sms);
                }
            }
        }
        int foreign = r.poisson(intlShare * load * lines.size() * residentShare);
        for (int i = 0; i < foreign; i++) {
            Phone to = residentPhone(r);
            if (to != null) {
                String number = r.pick(spoofed);
                entity(Roles.CALLER_PHONE, TruthLog.PHONE, number);
                ctx.callIn(number, true, to, ctx.sample(Profile.CALL_CENTRE, r), coldDuration(r), false);
            }
        }
    }

    private void newVictim(DayContext ctx, Rand r) {
        List<Person> residents = world.residents();
        for (int attempt = 0; attempt < 80; attempt++) {
            Person p = residents.get(r.nextInt(residents.size()));
            int age = p.age(ctx.date());
            double accept = age >= 60 ? 1 : age >= 45 ? 0.5 : 0.3;
            Phone phone = world.mainPhone(p);
            Account from = world.richestAccount(p);
            if (p.involved() || phone == null || !phone.active() || from == null || from.available() < 500_000
                    || !r.chance(accept)) {
                continue;
            }
            p.involve();
            Victim v = new Victim(p, phone, fraudType(r, age));
            int groom = switch (v.fraudType) {
                case "INVESTMENT", "ROMANCE" -> r.between(2, 4);
                case "IMPERSONATION", "GAMING" -> r.between(0, 1);
                default -> 0;
            };
            LocalDate pay = ctx.date().plusDays(groom);
            v.payDays.add(pay);
            if (r.chance(0.25)) {
                v.payDays.add(pay.plusDays(r.between(1, 2)));
            }
            v.international = r.chance(intlShare);
            if (r.chance(0.6)) {
                int lag = r.chance(0.6) ? r.between(1, 2) : r.between(3, 7);
                v.reportOn = v.payDays.get(v.payDays.size() - 1).plusDays(lag);
                ctx.agenda().act(v.reportOn, c -> cases.report(c, v));
            }
            entity(Roles.VICTIM, p);
            entity(Roles.VICTIM_PHONE, phone);
            contact(ctx, r, v, ctx.sample(Profile.CALL_CENTRE, r), r.between(300, 1_500));
            victims.add(v);
            return;
        }
    }

    static String fraudType(Rand r, int age) {
        if (age >= 55) {
            return r.pick(new String[] {"IMPERSONATION", "IMPERSONATION", "INVESTMENT", "CUSTOMER_SERVICE", "OTHER"});
        }
        return r.pick(new String[] {"LOAN", "BRUSHING", "GAMING", "CUSTOMER_SERVICE", "ROMANCE", "INVESTMENT",
            "IMPERSONATION"});
    }

    /** A call from the centre to a victim: from a foreign-looking number or one of today's lines. */
    private void contact(DayContext ctx, Rand r, Victim v, long time, int seconds) {
        if (v.international && r.chance(0.7)) {
            String number = r.pick(spoofed);
            v.callers.add(number);
            entity(Roles.CALLER_PHONE, TruthLog.PHONE, number);
            ctx.callIn(number, true, v.phone, time, seconds, false);
            return;
        }
        Line line = lines.get(r.nextInt(lines.size()));
        if (v.callers.add(line.phone().number())) {
            v.callerPhones.add(line.phone());
        }
        ctx.call(line.phone(), officeCell, v.phone, time, seconds, false);
        if (r.chance(0.3)) {
            ctx.call(line.phone(), officeCell, v.phone, time + seconds * Times.SECOND_MS + 60_000, 0, true);
        }
    }

    private void work(DayContext ctx, Rand r, Victim v) {
        LocalDate d = ctx.date();
        if (d.isBefore(v.payDays.get(0))) {
            for (int k = r.between(1, 3); k > 0; k--) {
                contact(ctx, r, v, ctx.sample(Profile.CALL_CENTRE, r), r.between(300, 2_400));
            }
        } else if (v.payDays.contains(d)) {
            pay(ctx, r, v, d.equals(v.payDays.get(0)));
        }
    }

    private void pay(DayContext ctx, Rand r, Victim v, boolean firstDay) {
        Account from = world.richestAccount(v.person);
        if (from == null || from.available() < 100_000) {
            return;
        }
        boolean counter = v.person.age(ctx.date()) >= 60 && r.chance(0.3);
        long t0 = ctx.at(counter ? r.between(9, 15) : r.between(9, 20), r.nextInt(60), r.nextInt(60));
        int callSeconds = r.between(1_200, 3_600);
        contact(ctx, r, v, t0, callSeconds);
        long budget = from.available();
        if (firstDay && r.chance(0.3)) {
            for (int id : v.person.accounts()) {
                Account other = world.account(id);
                if (other != from && other.usable() && other.type() == from.type() && other.balance() >= 200_000) {
                    long moved = floor(other.balance(), 10_000);
                    budget += moved;
                    v.paidFrom.add(other);
                    ctx.transfer(Transfer.of(t0 + 2 * Times.MINUTE_MS, other, from, moved, Channel.MOBILE)
                            .device(IdentityFactory.deviceId(v.person.imei(), other.bank()))
                            .ip(ctx.geography().mobileIp(r)).tag(id(), "VICTIM_CONSOLIDATION"));
                    break;
                }
            }
        }
        budget = Math.min(Math.round(budget * r.uniform(0.4, 0.95)), Math.round(r.logNormal(60_000, 1.0)) * 100);
        int n = r.between(1, 3);
        boolean round = !v.fraudType.equals("BRUSHING") && !v.fraudType.equals("GAMING");
        long time = t0 + r.between(3, 8) * Times.MINUTE_MS;
        for (int i = 0; i < n && budget >= 100_000; i++) {
            double share = i == 0 ? r.uniform(0.15, 0.3) : r.uniform(0.3, 0.6);
            long amount = i == n - 1 ? budget : Math.round(budget * share);
            amount = round ? Math.max(100_000, floor(amount, 100_000)) : Math.max(10_000, floor(amount, 100));
            budget -= amount;
            Mule mule = pickFirstLayer(r, ctx.date());
            if (mule == null) {
                return;
            }
            mule.uses++;
            Channel channel = counter ? Channel.COUNTER : r.chance(0.8) ? Channel.MOBILE : Channel.ONLINE;
            Transfer t = Transfer.of(time, from, mule.account, amount, channel).capped()
                    .tag(id(), "VICTIM_TO_L1").remark(r.pick(new String[] {"转账", "投资款", "保证金", "往来款", ""}))
                    .then((c, tr, moved, out, in) -> firstLayer(c, tr, moved, out, in, v));
            if (channel != Channel.COUNTER) {
                t.device(IdentityFactory.deviceId(v.person.imei(), from.bank()))
                        .ip(channel == Channel.MOBILE ? ctx.geography().mobileIp(r) : v.person.homeIp());
            }
            ctx.transfer(t);
            time += r.between(4, 12) * Times.MINUTE_MS;
        }
        if (!v.paidFrom.contains(from)) {
            v.paidFrom.add(from);
        }
    }

    private Mule pickFirstLayer(Rand r, LocalDate d) {
        if (l1.isEmpty()) {
            recruit(r, l1, d);
        }
        return l1.stream().min(Comparator.comparingInt(m -> m.uses)).orElse(null);
    }

    private void firstLayer(DayContext ctx, Transfer t, long amount, Booking out, Booking in, Victim v) {
        Account mule = t.to();
        v.lost += amount;
        v.transfers++;
        if (v.firstPaid == 0) {
            v.firstPaid = t.time();
        }
        if (!v.mules.contains(mule)) {
            v.mules.add(mule);
        }
        truth.victimTransfer(id(), v.fraudType, v.person.idNumber(), t.from(), mule, t.time(), amount, out, in,
                v.reportOn == null ? null : v.reportOn.toString());
        entity(Roles.VICTIM_ACCOUNT, t.from());
        entity(Roles.MULE_L1, mule);
        Person owner = holder(mule);
        if (owner != null) {
            entity(Roles.MULE_OWNER, owner);
        }
        Rand r = rand(ctx, t.seq());
        List<Mule> targets = new ArrayList<>(l2);
        r.shuffle(targets);
        targets.sort(Comparator.comparingInt(m -> m.account.bank() == mule.bank() ? 1 : 0));
        int parts = Math.min(targets.size(), amount < 2_000_000 ? r.between(1, 2) : r.between(2, 3));
        if (parts == 0) {
            return;
        }
        long keep = Math.round(amount * r.uniform(0.01, 0.03));
        long left = amount - keep;
        long time = t.time() + r.between(2, 25) * Times.MINUTE_MS;
        for (int k = 0; k < parts; k++) {
            long part = k == parts - 1 ? left : floor(Math.round(left * r.uniform(0.3, 0.6)), 1_000);
            left -= part;
            Account next = targets.get(k).account;
            v.secondLayer.add(next);
            boolean gang = r.chance(0.6) || owner == null;
            ctx.transfer(Transfer.of(time, mule, next, part, Channel.MOBILE).capped()
                    .device(IdentityFactory.deviceId(gang ? r.pick(gangImeis) : owner.imei(), mule.bank()))
                    .ip(gang ? Geography.remoteIp(r) : ctx.geography().mobileIp(r))
                    .tag(id(), "L1_TO_L2").then(this::secondLayer));
            time += r.between(1, 4) * Times.MINUTE_MS;
        }
    }

    private void secondLayer(DayContext ctx, Transfer t, long amount, Booking out, Booking in) {
        Account mule = t.to();
        entity(Roles.MULE_L2, mule);
        Person owner = holder(mule);
        if (owner != null) {
            entity(Roles.MULE_OWNER, owner);
        }
        Rand r = rand(ctx, t.seq());
        long time = t.time() + r.between(30, 180) * Times.MINUTE_MS;
        double x = r.nextDouble();
        long left = amount;
        if (x < 0.45) {
            String city = r.pick(Geography.OTHER_CITIES);
            long cash = Math.min(amount, 2_000_000);
            while (cash >= 10_000) {
                long w = Math.min(floor(cash, 10_000), r.between(20, 50) * 10_000L);
                ctx.transfer(Transfer.of(time, mule, null, w, Channel.ATM).capped()
                        .device(Geography.atmElsewhere(city, mule.bank(), r.between(1, 40))).city(city)
                        .tag(id(), "CASHOUT_ATM"));
                cash -= w;
                left -= w;
                time += r.between(2, 8) * Times.MINUTE_MS;
            }
        }
        if (left < 10_000) {
            return;
        }
        if (x < 0.8) {
            ctx.transfer(Transfer.of(time, mule, platform, left, Channel.THIRD_PARTY).capped()
                    .remark(r.pick(new String[] {"充值", "购物", "游戏充值"})).tag(id(), "CASHOUT_THIRD_PARTY"));
        } else {
            Account out2 = r.pick(cashouts);
            entity(Roles.CASHOUT, out2);
            ctx.transfer(Transfer.of(time, mule, out2, left, Channel.ONLINE).capped()
                    .device(IdentityFactory.deviceId(r.pick(gangImeis), mule.bank())).ip(Geography.remoteIp(r))
                    .tag(id(), "CASHOUT_TRANSFER"));
        }
    }

}
