package org.fraudlake.simulator.city;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fraudlake.simulator.SimulationConfig.Profile;
import org.fraudlake.simulator.SimulationConfig.Volumes;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Company;
import org.fraudlake.simulator.model.Enums.AccountStatus;
import org.fraudlake.simulator.model.Enums.AccountType;
import org.fraudlake.simulator.model.Enums.CompanyKind;
import org.fraudlake.simulator.model.Enums.Occupation;
import org.fraudlake.simulator.model.Enums.Plan;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times;

/**
 * Builds the city as it stands the evening before the first simulated day: residents with ages,
 * occupations, ID numbers, phones, handsets and 1-3 accounts at partner and outside banks; companies
 * (employers, shops, restaurants, builders, couriers, call-heavy sales firms, utilities, a pension fund,
 * payment platforms and firms outside the city) with accounts; employment and salaries; a small-world
 * social graph (households, neighbours, colleagues, a few far ties), elderly parents and landlords.
 */
public final class CityBuilder {
    private static final double[] AGE_WEIGHTS = {12, 19, 18, 17, 15, 12, 7};
    private static final int[][] AGE_BANDS = {{18, 24}, {25, 34}, {35, 44}, {45, 54}, {55, 64}, {65, 74}, {75, 90}};
    /** Partner banks A-E, then outside banks: where people keep accounts. */
    private static final double[] BANK_WEIGHTS = {22, 18, 16, 12, 8, 6, 5, 4, 3, 3, 3};
    private static final double[] CARRIER_WEIGHTS = {55, 25, 20};
    private final World world;
    private final Rand r;
    private final LocalDate start;
    private final int persons;
    private final Volumes volumes;

    private CityBuilder(World world, Rand r, int persons) {
        this.world = world;
        this.r = r;
        this.start = world.start();
        this.persons = persons;
        this.volumes = world.profile().volumes();
    }

    /** The default city of a seed: same seed and size, same city. */
    public static World build(int persons, long seed, LocalDate start) {
        return build(persons, seed, start, Profile.DEFAULT);
    }

    /** The city of a seed and profile: same seed, size and profile, same city. */
    public static World build(int persons, long seed, LocalDate start, Profile profile) {
        Rand r = Rand.of(seed, "city");
        Names names = new Names();
        Geography geo = new Geography(persons, r, names);
        World world = new World(seed, start, profile, geo, new IdentityFactory(), names);
        new CityBuilder(world, r, persons).build();
        return world;
    }

    private void build() {
        for (int i = 0; i < persons; i++) {
            person(i);
        }
        companies();
        employment();
        for (Person p : world.residents()) {
            accounts(p);
        }
        companyBalances();
        socialGraph();
        familyAndHomes();
        workLines();
    }

    private void person(int i) {
        int communities = world.geography().communities().size();
        int community = (int) ((long) i * communities / persons);
        int band = r.weighted(AGE_WEIGHTS);
        int age = r.between(AGE_BANDS[band][0], AGE_BANDS[band][1]);
        LocalDate birth = start.minusYears(age).minusDays(r.nextInt(365));
        boolean male = r.chance(0.5);
        Occupation occupation = occupation(age);
        int district = world.geography().community(community).district();
        boolean local = r.chance(0.65);
        String region = local ? (r.chance(0.7) ? world.geography().districtCode(district)
                : r.pick(IdentityFactory.LOCAL_REGIONS)) : r.pick(IdentityFactory.OTHER_REGIONS);
        Person p = world.addPerson(region, birth, male, community, occupation, true, r);
        int home = world.geography().cellIn(district, r);
        p.cells(home, home);
        p.homeIp(world.geography().broadbandIp(r));
        p.imei(world.ids().imei(r));
        p.billDay(r.between(1, 28));
        boolean prepaid = r.chance(occupation == Occupation.STUDENT ? 0.4
                : occupation == Occupation.RETIRED || !local ? 0.3 : 0.12);
        phone(p, prepaid, p.imei(), age);
        if (r.chance(volumes.secondPhone())) {
            phone(p, r.chance(0.5), r.chance(0.6) ? p.imei() : world.ids().imei(r), age);
        }
        String[] outside = new String[r.between(0, 3)];
        for (int k = 0; k < outside.length; k++) {
            outside[k] = world.ids().outsideMobile(r);
        }
        p.outsideContacts(outside);
        if (r.chance(0.02)) {
            p.overseasRelative(IdentityFactory.overseas(r));
        }
    }

    private void phone(Person p, boolean prepaid, String imei, int age) {
        int carrier = r.weighted(CARRIER_WEIGHTS);
        int maxDays = Math.max(40, Math.min(5000, (age - 15) * 365));
        LocalDate activated = start.minusDays(r.between(30, maxDays));
        Phone ph = world.addPhone(carrier, p.idNumber(), activated, prepaid ? Plan.PREPAID : Plan.POSTPAID, p, imei,
                p.homeCell(), Times.at(activated, r.between(9, 19), r.nextInt(60), r.nextInt(60)), r);
        if (r.chance(0.03)) {
            int to = (carrier + r.between(1, 2)) % Parties.CARRIERS.size();
            LocalDate ported = activated.plusDays(r.between(1, (int) Math.max(2,
                    ChronoUnit.DAYS.between(activated, start))));
            ph.portTo(to, ported.isBefore(start) ? ported : start.minusDays(1));
            ph.updatedAt(Times.at(ph.carrierSince(), r.between(9, 19), r.nextInt(60), r.nextInt(60)));
        }
    }

    private Occupation occupation(int age) {
        double x = r.nextDouble();
        if (age <= 22) {
            return x < 0.7 ? Occupation.STUDENT : x < 0.95 ? Occupation.WORKER : Occupation.UNEMPLOYED;
        }
        if (age <= 24) {
            return x < 0.25 ? Occupation.STUDENT : x < 0.9 ? Occupation.WORKER : Occupation.UNEMPLOYED;
        }
        if (age < 60) {
            return x < 0.78 ? Occupation.WORKER : x < 0.9 ? Occupation.OWNER : Occupation.UNEMPLOYED;
        }
        return x < 0.92 ? Occupation.RETIRED : x < 0.96 ? Occupation.OWNER : Occupation.WORKER;
    }

    private void companies() {
        List<Person> reps = new ArrayList<>();
        for (Person p : world.residents()) {
            if (p.occupation() == Occupation.OWNER) {
                reps.add(p);
            }
        }
        int[] repCursor = {0};
        counts(CompanyKind.UTILITY, 3, reps, repCursor);
        counts(CompanyKind.TELECOM, 3, reps, repCursor);
        counts(CompanyKind.PENSION_FUND, 1, reps, repCursor);
        counts(CompanyKind.PLATFORM, 2, reps, repCursor);
        counts(CompanyKind.AGENCY, 1, reps, repCursor);
        counts(CompanyKind.DELIVERY, Math.max(2, persons / 30_000), reps, repCursor);
        counts(CompanyKind.TELEMARKETING, Math.max(1, persons / 40_000), reps, repCursor);
        counts(CompanyKind.SUPERMARKET, Math.max(2, persons / 2_000), reps, repCursor);
        counts(CompanyKind.ELECTRONICS, Math.max(1, persons / 5_000), reps, repCursor);
        counts(CompanyKind.SHOP, Math.max(6, persons / 100), reps, repCursor);
        counts(CompanyKind.RESTAURANT, Math.max(5, persons / 150), reps, repCursor);
        counts(CompanyKind.CONSTRUCTION, Math.max(8, persons / 1_500), reps, repCursor);
        counts(CompanyKind.SERVICES, Math.max(4, persons / 1_500), reps, repCursor);
        counts(CompanyKind.EMPLOYER, Math.max(8, persons / 120), reps, repCursor);
        counts(CompanyKind.OUTSIDE_FIRM, Math.max(10, persons / 500), reps, repCursor);
    }

    private void counts(CompanyKind kind, int n, List<Person> reps, int[] cursor) {
        Company groupHead = null;
        int groupLeft = 0;
        for (int i = 0; i < n; i++) {
            boolean inGroup = kind == CompanyKind.EMPLOYER && groupLeft > 0 && groupHead != null;
            Person rep = inGroup ? null : legalRep(reps, cursor);
            String repId = inGroup ? groupHead.legalRepId() : rep.idNumber();
            int district = inGroup ? groupHead.district() : r.nextInt(world.geography().districts());
            LocalDate reg = start.minusDays(r.between(200, 6_000));
            boolean registered = kind != CompanyKind.PLATFORM && kind != CompanyKind.OUTSIDE_FIRM
                    && kind != CompanyKind.PENSION_FUND;
            Company c = world.addCompany(kind, repId, capital(kind), reg, district,
                    inGroup ? groupHead.phone() : ownMobile(rep, kind), inGroup ? groupHead.address() : null,
                    registered, r);
            c.payday(r.pick(new int[] {5, 10, 10, 15, 15, 15, 20, 25}));
            c.officeIp(inGroup ? groupHead.officeIp() : world.geography().broadbandIp(r));
            int bank = companyBank(kind);
            LocalDate opened = reg.plusDays(r.between(3, 60));
            Account a = world.openCompanyAccount(c, bank, opened.isBefore(start) ? opened : start.minusDays(1),
                    Times.at(opened, 10, r.nextInt(60), r.nextInt(60)), r);
            a.balance(kind == CompanyKind.PLATFORM || kind == CompanyKind.OUTSIDE_FIRM
                    || kind == CompanyKind.PENSION_FUND ? 10_000_000_000_00L : 0);
            if (inGroup) {
                groupLeft--;
            } else if (kind == CompanyKind.EMPLOYER && r.chance(0.06)) {
                groupHead = c;
                groupLeft = r.between(1, 2);
            }
        }
    }

    /** Small firms often register the owner's mobile instead of a landline. */
    private String ownMobile(Person rep, CompanyKind kind) {
        boolean small = kind == CompanyKind.SHOP || kind == CompanyKind.RESTAURANT || kind == CompanyKind.SERVICES;
        Phone phone = world.mainPhone(rep);
        return small && phone != null && r.chance(0.35) ? phone.number() : null;
    }

    private Person legalRep(List<Person> reps, int[] cursor) {
        if (cursor[0] < reps.size()) {
            return reps.get(cursor[0]++);
        }
        for (int attempt = 0; ; attempt++) {
            Person p = world.residents().get(r.nextInt(world.residents().size()));
            int age = p.age(start);
            if (age >= 30 && age <= 65 || attempt > 1_000) {
                return p;
            }
        }
    }

    private int companyBank(CompanyKind kind) {
        return switch (kind) {
            case PLATFORM -> r.chance(0.5) ? 10 : 5;
            case OUTSIDE_FIRM -> r.chance(0.7) ? r.between(Parties.PARTNERS, Parties.BANKS - 1) : r.nextInt(5);
            case PENSION_FUND, UTILITY, TELECOM -> r.nextInt(Parties.PARTNERS);
            default -> r.chance(0.9) ? r.weighted(new double[] {25, 20, 20, 15, 10}) : r.between(Parties.PARTNERS,
                    Parties.BANKS - 1);
        };
    }

    private long capital(CompanyKind kind) {
        double yuan = switch (kind) {
            case SHOP, RESTAURANT -> r.logNormal(200_000, 0.8);
            case SUPERMARKET, ELECTRONICS -> r.logNormal(2_000_000, 0.7);
            case CONSTRUCTION -> r.logNormal(20_000_000, 0.7);
            case EMPLOYER, SERVICES, AGENCY -> r.logNormal(3_000_000, 1.0);
            default -> r.logNormal(50_000_000, 0.5);
        };
        return Math.round(yuan / 10_000) * 10_000 * 100;
    }

    private void employment() {
        List<Company> employers = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Company c : world.companies()) {
            double w = switch (c.kind()) {
                case EMPLOYER -> r.logNormal(20, 1.0);
                case CONSTRUCTION -> r.logNormal(15, 0.6);
                case SERVICES -> 10;
                case SHOP -> 2;
                case RESTAURANT -> 4;
                case SUPERMARKET -> 15;
                case ELECTRONICS -> 5;
                case DELIVERY -> Math.max(8, persons / 400.0);
                case TELEMARKETING -> 12;
                case AGENCY -> 4;
                case UTILITY -> 30;
                case TELECOM -> 20;
                default -> 0;
            };
            if (w > 0) {
                employers.add(c);
                weights.add(w);
            }
        }
        double[] cumulative = new double[weights.size()];
        double total = 0;
        for (int i = 0; i < cumulative.length; i++) {
            total += weights.get(i);
            cumulative[i] = total;
        }
        for (Person p : world.residents()) {
            switch (p.occupation()) {
                case WORKER -> {
                    int k = Arrays.binarySearch(cumulative, r.nextDouble() * total);
                    Company c = employers.get(k >= 0 ? k : -k - 1);
                    hire(p, c, Math.round(r.logNormal(6_500, 0.45)) * 100);
                }
                case OWNER -> p.monthlyIncome(Math.round(r.logNormal(15_000, 0.8)) * 100);
                case STUDENT -> p.monthlyIncome(Math.round(r.logNormal(2_000, 0.3) / 100) * 100 * 100);
                case RETIRED -> p.monthlyIncome(Math.round(r.logNormal(3_800, 0.35)) * 100);
                case UNEMPLOYED -> p.monthlyIncome(Math.round(r.logNormal(1_800, 0.15)) * 100);
            }
        }
    }

    private void hire(Person p, Company c, long salary) {
        p.employer(c.id());
        p.monthlyIncome(salary);
        c.addEmployee(p.id());
        p.cells(p.homeCell(), world.geography().cellIn(c.district(), r));
    }

    private void accounts(Person p) {
        int age = p.age(start);
        double more = volumes.extraAccounts();
        int count = switch (p.occupation()) {
            case STUDENT -> r.chance(0.7 / more) ? 1 : 2;
            case RETIRED -> r.chance(0.6 / more) ? 1 : 2;
            default -> r.weighted(new double[] {35, 45 * more, 20 * more}) + 1;
        };
        boolean[] used = new boolean[Parties.BANKS];
        for (int k = 0; k < count; k++) {
            int bank;
            do {
                bank = r.weighted(BANK_WEIGHTS);
            } while (used[bank] && k < 3);
            used[bank] = true;
            int yearsBack = Math.max(1, Math.min(age - 16, 20));
            LocalDate open = start.minusDays(r.between(20, yearsBack * 365));
            Account a = world.openAccount(p, bank, AccountType.DEBIT, open,
                    Times.at(open, r.between(9, 16), r.nextInt(60), r.nextInt(60)), 0, r);
            a.balance(k == 0 ? mainBalance(p) : Math.round(r.logNormal(20_000, 1.2)) * 100 + r.nextInt(100));
            if (r.chance(0.03)) {
                a.phone(null);
            }
            if (k > 0 && r.chance(0.06)) {
                a.status(AccountStatus.DORMANT);
                a.balance(r.nextInt(50_000));
            }
        }
        boolean earns = p.occupation() == Occupation.WORKER || p.occupation() == Occupation.OWNER;
        if (earns && age >= 22 && age <= 60 && r.chance(0.35)) {
            int bank = world.account(p.accounts()[0]).atPartner() ? world.account(p.accounts()[0]).bank()
                    : r.nextInt(Parties.PARTNERS);
            long limit = Math.round(r.uniform(1, 8)) * 10_000 * 100;
            LocalDate open = start.minusDays(r.between(60, 3_000));
            Account card = world.openAccount(p, bank, AccountType.CREDIT, open,
                    Times.at(open, r.between(9, 16), r.nextInt(60), r.nextInt(60)), limit, r);
            card.balance(-Math.round(limit * r.uniform(0, 0.4)));
        }
    }

    private long mainBalance(Person p) {
        double yuan = switch (p.occupation()) {
            case STUDENT -> r.logNormal(3_000, 0.8);
            case RETIRED -> r.logNormal(60_000, 0.9);
            case UNEMPLOYED -> r.logNormal(5_000, 1.0);
            default -> p.monthlyIncome() / 100.0 * r.uniform(0.3, 2.5) + r.logNormal(15_000, 1.1);
        };
        return Math.round(yuan * 100);
    }

    private void companyBalances() {
        for (Company c : world.companies()) {
            Account a = world.mainAccount(c);
            if (a.balance() > 0) {
                continue;
            }
            long payroll = 0;
            for (int e : c.employees()) {
                payroll += world.person(e).monthlyIncome();
            }
            a.balance(Math.round(payroll * r.uniform(3, 6)) + Math.round(r.logNormal(300_000, 0.8)) * 100);
        }
    }

    private void socialGraph() {
        List<Person> residents = world.residents();
        int n = residents.size();
        int[][] links = new int[n][];
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            links[i] = new int[12];
        }
        int household = 0;
        int left = 0;
        int[] householdOf = new int[n];
        for (int i = 0; i < n; i++) {
            if (left == 0) {
                household = i;
                left = r.weighted(new double[] {25, 35, 22, 18}) + 1;
            }
            householdOf[i] = household;
            left--;
        }
        for (int i = 0; i < n; i++) {
            for (int d = 1; d <= 2; d++) {
                link(links, sizes, i, (i + d) % n);
            }
            if (householdOf[i] != i) {
                for (int j = householdOf[i]; j < i; j++) {
                    link(links, sizes, i, j);
                }
            }
            for (int k = 0; k < 2; k++) {
                if (r.chance(0.6)) {
                    link(links, sizes, i, r.nextInt(n));
                }
            }
            Person p = residents.get(i);
            if (p.employer() >= 0) {
                int[] staff = world.company(p.employer()).employees();
                for (int k = 0; k < 2 && staff.length > 1; k++) {
                    link(links, sizes, i, staff[r.nextInt(staff.length)]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            residents.get(i).contacts(Arrays.copyOf(links[i], sizes[i]));
        }
    }

    private static void link(int[][] links, int[] sizes, int a, int b) {
        if (a == b) {
            return;
        }
        add(links, sizes, a, b);
        add(links, sizes, b, a);
    }

    private static void add(int[][] links, int[] sizes, int a, int b) {
        for (int k = 0; k < sizes[a]; k++) {
            if (links[a][k] == b) {
                return;
            }
        }
        if (sizes[a] == links[a].length) {
            links[a] = Arrays.copyOf(links[a], sizes[a] * 2);
        }
        links[a][sizes[a]++] = b;
    }

    private void familyAndHomes() {
        List<Person> residents = world.residents();
        List<Person> elderly = new ArrayList<>();
        List<Person> parentsOfStudents = new ArrayList<>();
        List<Person> owners = new ArrayList<>();
        for (Person p : residents) {
            int age = p.age(start);
            if (age >= 60) {
                elderly.add(p);
            }
            if (age >= 42 && age <= 60) {
                parentsOfStudents.add(p);
            }
            if (age >= 40 && (p.occupation() == Occupation.OWNER || p.occupation() == Occupation.RETIRED)) {
                owners.add(p);
            }
        }
        for (Person p : residents) {
            int age = p.age(start);
            if (p.occupation() == Occupation.STUDENT && !parentsOfStudents.isEmpty()) {
                Person parent = r.pick(parentsOfStudents);
                p.parent(parent.id());
                connect(p, parent);
            } else if (age >= 25 && age <= 50 && !elderly.isEmpty() && r.chance(0.4)) {
                Person parent = r.pick(elderly);
                p.parent(parent.id());
                connect(p, parent);
                if (r.chance(0.25)) {
                    Account a = world.mainAccount(parent);
                    Phone child = world.mainPhone(p);
                    if (a != null && child != null) {
                        a.phone(child.number());
                    }
                }
            }
            boolean renter = p.occupation() == Occupation.WORKER && age <= 40 && r.chance(0.35);
            if (renter && !owners.isEmpty()) {
                Person landlord = r.pick(owners);
                if (landlord != p) {
                    p.rents(landlord.id(), Math.round(r.logNormal(2_500, 0.35) / 100) * 100 * 100, r.between(1, 28));
                }
            }
        }
    }

    private void connect(Person a, Person b) {
        if (a == b) {
            return;
        }
        int[] ca = a.contacts();
        if (Arrays.stream(ca).noneMatch(x -> x == b.id())) {
            int[] grown = Arrays.copyOf(ca, ca.length + 1);
            grown[ca.length] = b.id();
            a.contacts(grown);
        }
        int[] cb = b.contacts();
        if (Arrays.stream(cb).noneMatch(x -> x == a.id())) {
            int[] grown = Arrays.copyOf(cb, cb.length + 1);
            grown[cb.length] = a.id();
            b.contacts(grown);
        }
    }

    /** Couriers get a work number in their own handset; sales firms run lines on desk phones in one office. */
    private void workLines() {
        for (Company c : world.companies()) {
            if (c.kind() == CompanyKind.DELIVERY) {
                for (int e : c.employees()) {
                    Person courier = world.person(e);
                    LocalDate activated = start.minusDays(r.between(30, 1_500));
                    Phone ph = world.addPhone(r.weighted(CARRIER_WEIGHTS), c.uscc(), activated, Plan.POSTPAID, courier,
                            courier.imei(), courier.workCell(), Times.at(activated, 10, r.nextInt(60), 0), r);
                    c.addPhone(ph.id());
                }
            } else if (c.kind() == CompanyKind.TELEMARKETING) {
                int office = world.geography().cellIn(c.district(), r);
                int lines = r.between(4, 8);
                for (int k = 0; k < lines; k++) {
                    LocalDate activated = start.minusDays(r.between(90, 2_000));
                    Phone ph = world.addPhone(r.weighted(CARRIER_WEIGHTS), c.uscc(), activated, Plan.POSTPAID, null,
                            world.ids().imei(r), office, Times.at(activated, 10, r.nextInt(60), 0), r);
                    c.addPhone(ph.id());
                }
            }
        }
    }
}
