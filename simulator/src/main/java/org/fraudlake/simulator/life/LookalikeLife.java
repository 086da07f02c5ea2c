package org.fraudlake.simulator.life;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fraudlake.simulator.SimulationConfig.LookalikeMix;
import org.fraudlake.simulator.SimulationConfig.Profile;
import org.fraudlake.simulator.city.IdentityFactory;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.Transfer;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Company;
import org.fraudlake.simulator.model.Enums.AccountStatus;
import org.fraudlake.simulator.model.Enums.AccountType;
import org.fraudlake.simulator.model.Enums.Channel;
import org.fraudlake.simulator.model.Enums.CompanyKind;
import org.fraudlake.simulator.model.Enums.Occupation;
import org.fraudlake.simulator.model.Enums.Plan;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.truth.Lookalikes;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times;

/**
 * Legitimate activity that looks like crime, beyond what {@link BankingLife} and {@link TelecomLife} already do,
 * at the rates of the profile's {@link LookalikeMix}: food delivery riders calling strangers at meal times from
 * their own number, companies registering a batch of staff lines on one day, children paying an elderly parent's
 * bills from the parent's account on their own phone after calling the parent, merchants sweeping their takings to
 * the owner's account every evening, accounts frozen by a court. Lists every look-alike of the city, those of the
 * city as built included, in the truth ({@code truth/lookalikes.csv}).
 *
 * <p>Every draw comes from its own random stream ({@code lookalike-*}), and a kind at rate 0 draws, books and calls
 * nothing, so a city without these kinds (the default profile) writes the same landing bytes as before they existed.
 */
public final class LookalikeLife {
    /** Takings a sweeping merchant keeps, at least, in cents (5,000 yuan). */
    private static final long MIN_FLOAT = 500_000;
    private static final double RIDER_WORKS = 0.85;
    private static final double FAMILY_PAYER_ACTS = 0.15;
    private static final double FREEZE_LIFTED = 0.25;
    private final World world;
    private final TruthLog truth;
    private final Profile profile;
    private final List<Person> riders = new ArrayList<>();
    private final Map<Integer, List<Company>> batchesByDay = new HashMap<>();
    private final List<StaffLine> staffLines = new ArrayList<>();
    private final List<Person> familyPayers = new ArrayList<>();
    private final Map<Company, Account> sweeps = new LinkedHashMap<>();
    private final Map<Integer, List<Integer>> freezesByDay = new HashMap<>();
    private final List<Account> freezable = new ArrayList<>();
    private final List<Company> platforms = new ArrayList<>();
    private final List<Company> carers = new ArrayList<>();
    private final List<Company> utilities = new ArrayList<>();

    /** A staff line of a batch, with the colleagues' lines of the same batch. */
    private record StaffLine(Phone phone, Person staff, List<Phone> batch) {
    }

    /**
     * Lists the look-alikes of the city as built (after the schemes took their people) and plans the new kinds.
     *
     * @param days days simulated
     */
    public LookalikeLife(World world, TruthLog truth, int days) {
        this.world = world;
        this.truth = truth;
        this.profile = world.profile();
        for (Company c : world.companies()) {
            switch (c.kind()) {
                case PLATFORM -> platforms.add(c);
                case SERVICES -> carers.add(c);
                case UTILITY -> utilities.add(c);
                default -> {
                }
            }
        }
        listCity();
        LookalikeMix mix = profile.lookalikes();
        chooseRiders(mix.riders());
        planStaffBatches(mix.staffBatches(), days);
        chooseFamilyPayers(mix.familyPayers());
        chooseSweeps(mix.merchantSweeps());
        planFreezes(mix.legalFreezes(), days);
    }

    /** The look-alikes the city was built with (and that {@link BankingLife} and {@link TelecomLife} animate). */
    private void listCity() {
        Map<String, List<Company>> groups = new LinkedHashMap<>();
        for (Company c : world.companies()) {
            Account main = world.mainAccount(c);
            for (int id : c.phones()) {
                String kind = c.kind() == CompanyKind.DELIVERY ? Lookalikes.COURIER_PHONE : Lookalikes.SALES_LINE;
                phone(kind, world.phone(id));
            }
            if (main == null) {
                continue;
            }
            if (c.kind().isMerchant()) {
                account(Lookalikes.MERCHANT_ACCOUNT, main);
            }
            if (c.employees().length >= 5) {
                account(Lookalikes.PAYROLL_ACCOUNT, main);
            }
            if (c.kind() == CompanyKind.PENSION_FUND) {
                account(Lookalikes.PENSION_ACCOUNT, main);
            } else if (c.kind() == CompanyKind.PLATFORM) {
                account(Lookalikes.PLATFORM_ACCOUNT, main);
            } else if (c.kind() == CompanyKind.EMPLOYER) {
                groups.computeIfAbsent(c.legalRepId() + "|" + c.address(), k -> new ArrayList<>()).add(c);
            }
        }
        for (List<Company> group : groups.values()) {
            if (group.size() >= 2) {
                group.forEach(c -> account(Lookalikes.GROUP_COMPANY_ACCOUNT, world.mainAccount(c)));
            }
        }
        for (Person p : world.residents()) {
            if (p.involved()) {
                continue;
            }
            Phone main = world.mainPhone(p);
            if (p.overseasRelative() != null && main != null) {
                phone(Lookalikes.OVERSEAS_FAMILY_PHONE, main);
            }
            for (int id : p.accounts()) {
                Account a = world.account(id);
                if (a.phone() != null && !ownNumber(p, a.phone())) {
                    account(Lookalikes.FAMILY_PHONE_ON_ACCOUNT, a);
                }
            }
        }
    }

    private boolean ownNumber(Person p, String number) {
        for (int id : p.phones()) {
            if (world.phone(id).number().equals(number)) {
                return true;
            }
        }
        return false;
    }

    private void chooseRiders(double share) {
        if (share <= 0 || platforms.isEmpty()) {
            return;
        }
        List<Person> fit = new ArrayList<>();
        for (Person p : world.residents()) {
            boolean works = p.occupation() == Occupation.WORKER || p.occupation() == Occupation.UNEMPLOYED;
            int age = p.age(world.start());
            if (works && age >= 20 && age <= 45 && !p.involved() && world.mainPhone(p) != null
                    && world.mainAccount(p) != null) {
                fit.add(p);
            }
        }
        for (Person p : share(fit, share, Rand.of(world.seed(), "lookalike-riders"))) {
            riders.add(p);
            phone(Lookalikes.DELIVERY_RIDER_PHONE, world.mainPhone(p));
        }
    }

    /** That share of the candidates (rounded, at least one), drawn at random, in the candidates' order. */
    private static <T> List<T> share(List<T> candidates, double share, Rand r) {
        int n = candidates.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        r.shuffle(order);
        int take = n == 0 ? 0 : (int) Math.max(1, Math.min(n, Math.round(share * n)));
        int[] chosen = Arrays.copyOf(order, take);
        Arrays.sort(chosen);
        List<T> out = new ArrayList<>();
        for (int i : chosen) {
            out.add(candidates.get(i));
        }
        return out;
    }

    private void planStaffBatches(double perTenThousand, int days) {
        if (perTenThousand <= 0) {
            return;
        }
        List<Company> hiring = new ArrayList<>();
        for (Company c : world.companies()) {
            boolean office = c.kind() == CompanyKind.EMPLOYER || c.kind() == CompanyKind.SERVICES
                    || c.kind() == CompanyKind.CONSTRUCTION || c.kind() == CompanyKind.AGENCY;
            if (office && c.registered() && c.employees().length >= 5) {
                hiring.add(c);
            }
        }
        if (hiring.isEmpty()) {
            return;
        }
        Rand r = Rand.of(world.seed(), "lookalike-staff-batches");
        long batches = Math.max(1, Math.round(perTenThousand * world.residents().size() / 10_000.0 * days / 10.0));
        for (long i = 0; i < batches; i++) {
            int day = r.between(0, Math.max(0, days - 2));
            batchesByDay.computeIfAbsent(day, k -> new ArrayList<>()).add(r.pick(hiring));
        }
    }

    private void chooseFamilyPayers(double share) {
        if (share <= 0) {
            return;
        }
        List<Person> fit = new ArrayList<>();
        for (Person p : world.residents()) {
            boolean earns = p.occupation() == Occupation.WORKER || p.occupation() == Occupation.OWNER;
            if (!earns || p.parent() < 0 || p.involved()) {
                continue;
            }
            Person parent = world.person(p.parent());
            Account account = world.mainAccount(parent);
            if (parent.age(world.start()) >= 60 && !parent.involved() && account != null
                    && account.type() == AccountType.DEBIT && world.mainPhone(p) != null
                    && world.mainPhone(parent) != null) {
                fit.add(p);
            }
        }
        for (Person p : share(fit, share, Rand.of(world.seed(), "lookalike-family-payers"))) {
            familyPayers.add(p);
            truth.lookalike(Lookalikes.FAMILY_PAYER, TruthLog.PERSON, p.idNumber());
            account(Lookalikes.FAMILY_PAYER, world.mainAccount(world.person(p.parent())));
        }
    }

    private void chooseSweeps(double share) {
        if (share <= 0) {
            return;
        }
        Map<String, Person> byId = new HashMap<>();
        for (Person p : world.residents()) {
            byId.put(p.idNumber(), p);
        }
        List<Company> fit = new ArrayList<>();
        for (Company c : world.companies()) {
            boolean shop = c.kind() == CompanyKind.SHOP || c.kind() == CompanyKind.RESTAURANT
                    || c.kind() == CompanyKind.SUPERMARKET;
            Person owner = byId.get(c.legalRepId());
            Account own = owner == null || owner.involved() ? null : world.mainAccount(owner);
            if (shop && c.registered() && world.mainAccount(c) != null && own != null
                    && own.type() == AccountType.DEBIT) {
                fit.add(c);
            }
        }
        for (Company c : share(fit, share, Rand.of(world.seed(), "lookalike-sweeps"))) {
            sweeps.put(c, world.mainAccount(byId.get(c.legalRepId())));
            account(Lookalikes.MERCHANT_SWEEP, world.mainAccount(c));
        }
    }

    private void planFreezes(double dailyShare, int days) {
        if (dailyShare <= 0) {
            return;
        }
        for (Person p : world.residents()) {
            for (int id : p.accounts()) {
                Account a = world.account(id);
                if (!p.involved() && a.type() == AccountType.DEBIT && profile.partnerBank(a.bank())) {
                    freezable.add(a);
                }
            }
        }
        for (Company c : world.companies()) {
            Account a = world.mainAccount(c);
            boolean trades = c.kind() == CompanyKind.EMPLOYER || c.kind() == CompanyKind.CONSTRUCTION
                    || c.kind() == CompanyKind.SHOP || c.kind() == CompanyKind.RESTAURANT;
            if (trades && c.registered() && a != null && profile.partnerBank(a.bank())) {
                freezable.add(a);
            }
        }
        if (freezable.isEmpty()) {
            return;
        }
        Rand r = Rand.of(world.seed(), "lookalike-freezes");
        long count = Math.max(1, Math.round(dailyShare * freezable.size() * days));
        for (long i = 0; i < count; i++) {
            freezesByDay.computeIfAbsent(r.between(0, days - 1), k -> new ArrayList<>())
                    .add(r.nextInt(freezable.size()));
        }
    }

    private void account(String kind, Account a) {
        truth.lookalike(kind, TruthLog.ACCOUNT, a.key());
    }

    private void phone(String kind, Phone p) {
        truth.lookalike(kind, TruthLog.PHONE, p.number());
    }

    /** The day's look-alike activity of the kinds the profile has. */
    public void simulate(DayContext ctx) {
        riders(ctx);
        staffBatches(ctx);
        staffCalls(ctx);
        familyPayers(ctx);
        sweeps(ctx);
        freezes(ctx);
    }

    /** Riders call strangers in bursts at lunch and dinner, and are paid by the platform the next morning. */
    private void riders(DayContext ctx) {
        for (Person p : riders) {
            Rand r = ctx.rand("lookalike-riders", p.id());
            Phone phone = world.mainPhone(p);
            if (!phone.active() || !r.chance(RIDER_WORKS)) {
                continue;
            }
            int calls = r.poisson(22);
            for (int i = 0; i < calls; i++) {
                boolean lunch = r.chance(0.55);
                long time = lunch ? ctx.at(11, 0, 0) + r.nextLong(150 * Times.MINUTE_MS)
                        : ctx.at(17, 0, 0) + r.nextLong(210 * Times.MINUTE_MS);
                List<Person> near = world.residentsOf(p.district());
                Phone to = near.isEmpty() ? null : world.mainPhone(near.get(r.nextInt(near.size())));
                boolean sms = r.chance(0.15);
                int seconds = sms || r.chance(0.2) ? 0 : r.between(8, 45);
                int cell = world.geography().cellIn(p.district(), r);
                if (to != null && to != phone) {
                    ctx.call(phone, cell, to, time, seconds, sms);
                } else {
                    ctx.callOut(phone, cell, world.ids().outsideMobile(r), time, seconds, sms);
                }
            }
            long pay = calls * (long) r.between(600, 900);
            Company platform = platforms.get(p.id() % platforms.size());
            ctx.transfer(Transfer.of(ctx.at(24 + r.between(9, 11), r.nextInt(60), r.nextInt(60)),
                    world.mainAccount(platform), world.mainAccount(p), Math.max(1_000, pay), Channel.THIRD_PARTY)
                    .remark("骑手配送费"));
        }
    }

    /** A company registers its new staff's lines on one afternoon, one carrier, its own credit code. */
    private void staffBatches(DayContext ctx) {
        List<Company> due = batchesByDay.get(ctx.day());
        if (due == null) {
            return;
        }
        Rand r = ctx.rand("lookalike-staff-batches");
        for (Company c : due) {
            int carrier = r.nextInt(profile.partnerCarriers());
            int[] staff = c.employees().clone();
            r.shuffle(staff);
            int lines = Math.min(staff.length, r.between(5, 15));
            long at = ctx.at(r.between(9, 15), r.nextInt(60), 0);
            List<Phone> batch = new ArrayList<>();
            for (int k = 0; k < lines; k++) {
                Person p = world.person(staff[k]);
                at += r.between(30, 240) * Times.SECOND_MS;
                Phone ph = world.addPhone(carrier, c.uscc(), ctx.date(), Plan.POSTPAID, p, p.imei(), p.workCell(), at,
                        r);
                c.addPhone(ph.id());
                batch.add(ph);
                phone(Lookalikes.STAFF_LINE_BATCH, ph);
            }
            for (Phone ph : batch) {
                staffLines.add(new StaffLine(ph, world.person(ph.owner()), batch));
            }
        }
    }

    /** Staff lines call colleagues and customers in office hours on workdays. */
    private void staffCalls(DayContext ctx) {
        if (!ctx.workday()) {
            return;
        }
        Rand r = ctx.rand("lookalike-staff-calls");
        for (StaffLine line : staffLines) {
            int calls = r.poisson(5);
            for (int i = 0; i < calls; i++) {
                long time = ctx.sample(Times.Profile.OFFICE, r);
                int seconds = r.chance(0.15) ? 0 : (int) Math.min(1_800, Math.round(r.logNormal(90, 0.8)));
                Phone to = r.chance(0.4) ? r.pick(line.batch()) : randomResident(r);
                if (to != null && to != line.phone()) {
                    ctx.call(line.phone(), line.staff().workCell(), to, time, seconds, false);
                } else {
                    ctx.callOut(line.phone(), line.staff().workCell(), world.ids().outsideMobile(r), time, seconds,
                            false);
                }
            }
        }
    }

    private Phone randomResident(Rand r) {
        List<Person> all = world.residents();
        return world.mainPhone(all.get(r.nextInt(all.size())));
    }

    /** About weekly, a child calls the elderly parent, then pays a bill or care from the parent's account. */
    private void familyPayers(DayContext ctx) {
        for (Person child : familyPayers) {
            Rand r = ctx.rand("lookalike-family-payers", child.id());
            if (!r.chance(FAMILY_PAYER_ACTS)) {
                continue;
            }
            Person parent = world.person(child.parent());
            Account from = world.mainAccount(parent);
            long call = ctx.at(r.between(18, 21), r.nextInt(60), r.nextInt(60));
            ctx.call(world.mainPhone(child), child.homeCell(), world.mainPhone(parent), call, r.between(120, 900),
                    false);
            long time = call + r.between(10, 60) * Times.MINUTE_MS;
            double x = r.nextDouble();
            Account to;
            long cents;
            String remark;
            if (x < 0.5 && !carers.isEmpty()) {
                to = world.mainAccount(carers.get(parent.id() % carers.size()));
                cents = r.between(3, 30) * 100L * 100;
                remark = "护理费";
            } else if (x < 0.8 && !utilities.isEmpty()) {
                to = world.mainAccount(r.pick(utilities));
                cents = r.between(80, 400) * 100L;
                remark = "代缴水电费";
            } else {
                to = world.mainAccount(child);
                cents = r.between(2, 20) * 100L * 100;
                remark = "代付报销";
            }
            if (to != null) {
                ctx.transfer(Transfer.of(time, from, to, cents, Channel.MOBILE)
                        .device(IdentityFactory.deviceId(child.imei(), from.bank()))
                        .ip(ctx.geography().mobileIp(r)).capped().remark(remark));
            }
        }
    }

    /** Each evening a sweeping merchant moves what it took the day before, above its float, to the owner. */
    private void sweeps(DayContext ctx) {
        for (Map.Entry<Company, Account> e : sweeps.entrySet()) {
            Company shop = e.getKey();
            Account from = world.mainAccount(shop);
            long payroll = 0;
            for (int id : shop.employees()) {
                payroll += world.person(id).monthlyIncome();
            }
            long keep = Math.max(MIN_FLOAT, payroll * 3 / 2);
            long amount = (from.balance() - keep) / 100 * 100;
            if (amount >= 10_000) {
                Rand r = ctx.rand("lookalike-sweeps", shop.id());
                ctx.transfer(Transfer.of(ctx.at(22, r.nextInt(60), r.nextInt(60)), from, e.getValue(), amount,
                        Channel.ONLINE).capped().remark("日终归集"));
            }
        }
    }

    /** A court freezes an account in the morning; now and then the freeze is lifted a few days later. */
    private void freezes(DayContext ctx) {
        List<Integer> due = freezesByDay.get(ctx.day());
        if (due == null) {
            return;
        }
        Rand r = ctx.rand("lookalike-freezes");
        for (int index : due) {
            Account a = freezable.get(index);
            long at = ctx.at(r.between(9, 16), r.nextInt(60), r.nextInt(60));
            boolean lifted = r.chance(FREEZE_LIFTED);
            int after = r.between(2, 6);
            if (!a.usable()) {
                continue;
            }
            a.status(AccountStatus.FROZEN);
            world.touch(a, at);
            account(Lookalikes.LEGAL_FREEZE, a);
            if (lifted) {
                long liftAt = Times.dayStart(ctx.date().plusDays(after)) + (at - ctx.start());
                ctx.agenda().act(ctx.date().plusDays(after), c -> {
                    if (a.status() == AccountStatus.FROZEN) {
                        a.status(AccountStatus.ACTIVE);
                        c.world().touch(a, liftAt);
                    }
                });
            }
        }
    }
}
