package org.fraudlake.simulator.city;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fraudlake.simulator.SimulationConfig.Profile;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Company;
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
 * The city's registers: persons, companies, accounts and phone numbers, with the lookups daily life
 * needs, and which records changed today (they go into the day's upsert deliveries). Ids are list
 * positions, so everything is iterated in creation order and output is deterministic.
 */
public final class World {
    private final long seed;
    private final LocalDate start;
    private final Profile profile;
    private final Geography geography;
    private final IdentityFactory ids;
    private final Names names;
    private final List<Person> persons = new ArrayList<>();
    private final List<Company> companies = new ArrayList<>();
    private final List<Account> accounts = new ArrayList<>();
    private final List<Phone> phones = new ArrayList<>();
    private final List<Account> touchedAccounts = new ArrayList<>();
    private final List<Phone> touchedPhones = new ArrayList<>();
    private final List<Company> touchedCompanies = new ArrayList<>();
    private final List<PortOut> portOuts = new ArrayList<>();
    private final List<List<Person>> residentsByDistrict = new ArrayList<>();
    private final List<Person> residents = new ArrayList<>();
    private int day = -1;

    /** A number that left a carrier today: the losing carrier reports it cancelled. */
    public record PortOut(Phone phone, int fromCarrier, long at) {
    }

    public World(long seed, LocalDate start, Profile profile, Geography geography, IdentityFactory ids, Names names) {
        this.seed = seed;
        this.start = start;
        this.profile = profile;
        this.geography = geography;
        this.ids = ids;
        this.names = names;
        for (int d = 0; d < geography.districts(); d++) {
            residentsByDistrict.add(new ArrayList<>());
        }
    }

    public long seed() {
        return seed;
    }

    /** What kind of city this is: its volumes, partners, scheme and look-alike mix. */
    public Profile profile() {
        return profile;
    }

    /** First simulated business date. */
    public LocalDate start() {
        return start;
    }

    public Geography geography() {
        return geography;
    }

    public IdentityFactory ids() {
        return ids;
    }

    public Names names() {
        return names;
    }

    public List<Person> persons() {
        return Collections.unmodifiableList(persons);
    }

    public Person person(int id) {
        return persons.get(id);
    }

    /** Persons living in the city, in id order. */
    public List<Person> residents() {
        return Collections.unmodifiableList(residents);
    }

    public List<Person> residentsOf(int district) {
        return Collections.unmodifiableList(residentsByDistrict.get(district));
    }

    public List<Company> companies() {
        return Collections.unmodifiableList(companies);
    }

    public Company company(int id) {
        return companies.get(id);
    }

    public List<Account> accounts() {
        return Collections.unmodifiableList(accounts);
    }

    public Account account(int id) {
        return accounts.get(id);
    }

    public List<Phone> phones() {
        return Collections.unmodifiableList(phones);
    }

    public Phone phone(int id) {
        return phones.get(id);
    }

    /** Registers a person; residents live a daily life. */
    public Person addPerson(String region, LocalDate birth, boolean male, int community,
                            Occupation occupation, boolean resident, Rand r) {
        int district = geography.community(community).district();
        Person p = new Person(persons.size(), ids.idNumber(region, birth, male), names.person(r, male), birth, male,
                district, community, occupation, resident);
        persons.add(p);
        if (resident) {
            residents.add(p);
            residentsByDistrict.get(district).add(p);
        }
        return p;
    }

    /** Registers a company (and a landline or the given phone). */
    public Company addCompany(CompanyKind kind, String legalRepId, long capital, LocalDate regDate, int district,
                              String phone, boolean registered, Rand r) {
        return addCompany(kind, legalRepId, capital, regDate, district, phone, null, registered, r);
    }

    /** Registers a company at a given address (company groups and shells share one). */
    public Company addCompany(CompanyKind kind, String legalRepId, long capital, LocalDate regDate, int district,
                              String phone, String address, boolean registered, Rand r) {
        String region = kind == CompanyKind.OUTSIDE_FIRM || kind == CompanyKind.PLATFORM
                ? r.pick(IdentityFactory.OTHER_REGIONS) : geography.districtCode(district);
        Company c = new Company(companies.size(), ids.uscc(region), names.company(r, kind), kind, legalRepId, capital,
                regDate, address != null ? address : names.address(r, geography.districtName(district)),
                phone == null ? ids.landline() : phone,
                district, registered);
        c.updatedAt(Times.at(regDate, 10, r.nextInt(60), r.nextInt(60)));
        companies.add(c);
        touch(c, c.updatedAt());
        return c;
    }

    /** Opens an account for a person at a bank's branch in their district. */
    public Account openAccount(Person p, int bank, AccountType type, LocalDate open, long at, long creditLimit,
                               Rand r) {
        int branchNo = r.between(1, 12);
        String number = ids.accountNumber(bank, type, geography.districtCode(p.district()).hashCode() + branchNo);
        String phone = p.hasPhone() ? phones.get(p.mainPhone()).number() : null;
        Account a = new Account(accounts.size(), bank, number, type, false, p.id(), p.idNumber(), p.name(), p.birth(),
                open, geography.branch(bank, p.district(), branchNo), creditLimit, phone, at);
        accounts.add(a);
        p.addAccount(a.id());
        touch(a, at);
        return a;
    }

    /** Opens a company's corporate account; the first one becomes its main account. */
    public Account openCompanyAccount(Company c, int bank, LocalDate open, long at, Rand r) {
        int branchNo = r.between(1, 12);
        String number = ids.accountNumber(bank, AccountType.CORPORATE, c.id() + branchNo);
        Account a = new Account(accounts.size(), bank, number, AccountType.CORPORATE, true, c.id(), c.uscc(), c.name(),
                null, open, geography.branch(bank, c.district(), branchNo), 0, c.phone(), at);
        accounts.add(a);
        if (c.account() < 0) {
            c.account(a.id());
        }
        touch(a, at);
        return a;
    }

    /** Activates a number for a person (or a company, owner -1) at a carrier. */
    public Phone addPhone(int carrier, String holderId, LocalDate activated, Plan plan, Person owner, String imei,
                          int cell, long at, Rand r) {
        Phone ph = new Phone(phones.size(), ids.mobile(carrier, r), carrier, holderId, activated, plan,
                owner == null ? -1 : owner.id(), imei, cell, at);
        phones.add(ph);
        if (owner != null) {
            owner.addPhone(ph.id());
        }
        touch(ph, at);
        return ph;
    }

    /** Starts a business date: clears the list of records changed today. */
    public void beginDay(int dayIndex) {
        this.day = dayIndex;
        touchedAccounts.clear();
        touchedPhones.clear();
        touchedCompanies.clear();
        portOuts.clear();
    }

    public int day() {
        return day;
    }

    /** Records that an account changed (opened, status, phone) at a time. */
    public void touch(Account a, long at) {
        a.updatedAt(at);
        if (day >= 0 && a.touchedDay() != day) {
            a.touchedDay(day);
            touchedAccounts.add(a);
        }
    }

    public void touch(Phone p, long at) {
        p.updatedAt(at);
        if (day >= 0 && p.touchedDay() != day) {
            p.touchedDay(day);
            touchedPhones.add(p);
        }
    }

    public void touch(Company c, long at) {
        c.updatedAt(at);
        if (day >= 0 && c.touchedDay() != day) {
            c.touchedDay(day);
            touchedCompanies.add(c);
        }
    }

    /** Ports a number to another carrier today; the losing carrier reports it cancelled. */
    public void port(Phone p, int toCarrier, LocalDate date, long at) {
        portOuts.add(new PortOut(p, p.carrier(), at));
        p.portTo(toCarrier, date);
        touch(p, at);
    }

    public List<Account> touchedAccounts() {
        return touchedAccounts;
    }

    public List<Phone> touchedPhones() {
        return touchedPhones;
    }

    public List<Company> touchedCompanies() {
        return touchedCompanies;
    }

    public List<PortOut> portOuts() {
        return portOuts;
    }

    /** The main account of a person or company, or {@code null}. */
    public Account mainAccount(Person p) {
        return p.accounts().length == 0 ? null : accounts.get(p.accounts()[0]);
    }

    public Account mainAccount(Company c) {
        return c.account() < 0 ? null : accounts.get(c.account());
    }

    /** The person's main phone, or {@code null}. */
    public Phone mainPhone(Person p) {
        return p.hasPhone() ? phones.get(p.mainPhone()) : null;
    }

    /** The account with the most money that can move, among a person's usable accounts. */
    public Account richestAccount(Person p) {
        Account best = null;
        for (int id : p.accounts()) {
            Account a = accounts.get(id);
            if (a.usable() && a.type() == AccountType.DEBIT && (best == null || a.balance() > best.balance())) {
                best = a;
            }
        }
        return best;
    }

    /** Whether a person has an account at a partner bank. */
    public boolean banksWithPartner(Person p) {
        for (int id : p.accounts()) {
            if (Parties.isPartner(accounts.get(id).bank())) {
                return true;
            }
        }
        return false;
    }

    /** A partner-bank debit account of the person, or {@code null}. */
    public Account partnerDebit(Person p) {
        for (int id : p.accounts()) {
            Account a = accounts.get(id);
            if (a.atPartner() && a.type() == AccountType.DEBIT && a.usable()) {
                return a;
            }
        }
        return null;
    }
}
