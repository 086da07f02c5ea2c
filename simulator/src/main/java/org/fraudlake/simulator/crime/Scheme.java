package org.fraudlake.simulator.crime;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.fraudlake.simulator.city.IdentityFactory;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Company;
import org.fraudlake.simulator.model.Enums.AccountType;
import org.fraudlake.simulator.model.Enums.CompanyKind;
import org.fraudlake.simulator.model.Enums.Occupation;
import org.fraudlake.simulator.model.Enums.Plan;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.truth.TruthLog.SchemeInfo;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times;

/**
 * One crime scheme: who is in it (set up before the first day from the scheme's own random stream), what
 * it does each day, and what the truth says about it. Offenders use the city's ordinary identities,
 * numbers, accounts and channels; only the pattern of their behaviour gives them away.
 */
public abstract class Scheme {
    protected final World world;
    protected final TruthLog truth;
    private final String id;
    private LocalDate first;
    private LocalDate last;

    protected Scheme(World world, TruthLog truth, String id) {
        this.world = world;
        this.truth = truth;
        this.id = id;
    }

    public final String id() {
        return id;
    }

    /** The {@code scheme_type} of the truth. */
    public abstract String type();

    /** One line on what the scheme is. */
    protected abstract String description();

    /** Acts on one simulated day. */
    public abstract void simulate(DayContext ctx);

    /** The scheme as {@code schemes.csv} lists it, active dates within the simulation. */
    public SchemeInfo info(LocalDate start, LocalDate end) {
        return new SchemeInfo(id, type(), first == null ? start : first, last == null ? end : last, description());
    }

    /** Notes that the scheme acted on a date. */
    protected final void active(LocalDate date) {
        if (first == null || date.isBefore(first)) {
            first = date;
        }
        if (last == null || date.isAfter(last)) {
            last = date;
        }
    }

    /** The scheme's setup stream. */
    protected final Rand setup() {
        return Rand.of(world.seed(), "setup:" + id);
    }

    /** The scheme's stream for a day (and an optional discriminator, such as a transfer's sequence). */
    protected final Rand rand(DayContext ctx, long... parts) {
        return ctx.rand("scheme:" + id, parts);
    }

    /**
     * A resident not yet in any scheme, of an age range and matching a condition; marked as involved.
     * Returns {@code null} when the city has nobody fitting.
     */
    protected final Person recruit(Rand r, int minAge, int maxAge, Predicate<Person> fits) {
        List<Person> residents = world.residents();
        LocalDate on = world.start();
        Predicate<Person> ok = p -> !p.involved() && p.age(on) >= minAge && p.age(on) <= maxAge && fits.test(p);
        for (int attempt = 0; attempt < 400; attempt++) {
            Person p = residents.get(r.nextInt(residents.size()));
            if (ok.test(p)) {
                p.involve();
                return p;
            }
        }
        int from = r.nextInt(residents.size());
        for (int k = 0; k < residents.size(); k++) {
            Person p = residents.get((from + k) % residents.size());
            if (ok.test(p)) {
                p.involve();
                return p;
            }
        }
        return null;
    }

    /** Like {@link #recruit}, but a city too small to have such a person lends an identity from elsewhere. */
    protected final Person recruitOrStraw(Rand r, int minAge, int maxAge, Predicate<Person> fits) {
        Person p = recruit(r, minAge, maxAge, fits);
        return p != null ? p : straw(r);
    }

    /** A person from elsewhere, in no daily life: a borrowed or bought identity. */
    protected final Person straw(Rand r) {
        int community = r.nextInt(world.geography().communities().size());
        LocalDate birth = world.start().minusYears(r.between(20, 55)).minusDays(r.nextInt(365));
        Person p = world.addPerson(r.pick(IdentityFactory.OTHER_REGIONS), birth, r.chance(0.6), community,
                Occupation.UNEMPLOYED, false, r);
        p.involve();
        p.imei(world.ids().imei(r));
        LocalDate activated = world.start().minusDays(r.between(100, 2_000));
        int cell = world.geography().cellIn(world.geography().community(community).district(), r);
        p.cells(cell, cell);
        world.addPhone(r.nextInt(Parties.CARRIERS.size()), p.idNumber(), activated,
                r.chance(0.5) ? Plan.PREPAID : Plan.POSTPAID, p, p.imei(), cell,
                Times.at(activated, r.between(9, 19), r.nextInt(60), r.nextInt(60)), r);
        return p;
    }

    /** Opens a debit account; {@code bank} -1 picks an outside bank. */
    protected final Account open(Person holder, int bank, LocalDate date, Rand r) {
        int b = bank >= 0 ? bank : r.between(Parties.PARTNERS, Parties.BANKS - 1);
        return world.openAccount(holder, b, AccountType.DEBIT, date, Times.at(date, r.between(9, 16), r.nextInt(60),
                r.nextInt(60)), 0, r);
    }

    protected final void entity(String role, Account a) {
        truth.entity(id, role, TruthLog.ACCOUNT, a.key());
    }

    protected final void entity(String role, Person p) {
        truth.entity(id, role, TruthLog.PERSON, p.idNumber());
    }

    protected final void entity(String role, Company c) {
        truth.entity(id, role, TruthLog.COMPANY, c.uscc());
    }

    protected final void entity(String role, Phone p) {
        truth.entity(id, role, TruthLog.PHONE, p.number());
    }

    protected final void entity(String role, String type, String entityId) {
        truth.entity(id, role, type, entityId);
    }

    /** The holder of an account, when a person. */
    protected final Person holder(Account a) {
        return a.companyHolder() ? null : world.person(a.holder());
    }

    /** A payment platform's account (the same ones everyone pays through). */
    protected final Account platformAccount(Rand r) {
        List<Company> platforms = world.companies().stream()
                .filter(c -> c.kind() == CompanyKind.PLATFORM).toList();
        return world.mainAccount(platforms.get(r.nextInt(platforms.size())));
    }

    /** Rounds cents down to a multiple of {@code unit} cents. */
    protected static long floor(long cents, long unit) {
        return cents / unit * unit;
    }
}
