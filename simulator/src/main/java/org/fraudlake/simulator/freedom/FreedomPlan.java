package org.fraudlake.simulator.freedom;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.fraudlake.schemas.Feeds.CaseLabels;
import org.fraudlake.simulator.SimulationConfig;
import org.fraudlake.simulator.SimulationConfig.Freedoms;
import org.fraudlake.simulator.SimulationConfig.Profile;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.util.Rand;

/**
 * Where and when a simulated city uses the contract's freedoms ({@link Freedoms}): which partner joins late and
 * when, which partner is silent on which day, when case management is quiet, which accounts go unlisted, which
 * residents have an off-net contact. Pure functions of the configuration: the same seed, the same plan. Days the
 * fault plan breaks a source's delivery are kept out of the silent day, so every planned fault is still written.
 * A bank or carrier beyond the {@link Profile}'s partner counts is treated as a late joiner who never joins: no
 * folder for the whole period, its accounts counterparties under its code, its subscribers' calls with partners'
 * subscribers reported by the partner's carrier.
 */
public final class FreedomPlan {
    /** The bank that joins the partnership in the middle of the period. */
    public static final String LATE_BANK = Parties.PARTNER_BANKS.get(Parties.PARTNERS - 1);
    /** The carrier that joins the partnership in the middle of the period. */
    public static final String LATE_CARRIER = Parties.CARRIERS.get(Parties.CARRIERS.size() - 1);
    /** Mobile prefixes of networks outside the partnership (a fourth operator and virtual operators). */
    public static final List<String> OFF_NET_PREFIXES = List.of("162", "165", "167", "170", "171", "192");
    /** The join day of a source outside the city's partnership: it never delivers. */
    public static final int NEVER = Integer.MAX_VALUE;
    /** Fault days of the late carrier are before this day, so its planned faults are still written. */
    private static final int LATE_CARRIER_LATEST_JOIN = 3;
    private static final int MAX_LISTING_DELAY_DAYS = 5;
    private static final double NEVER_LISTED_SHARE = 1.0 / 3;

    private final long seed;
    private final int days;
    private final Freedoms freedoms;
    private final Profile profile;
    private final int bankJoin;
    private final int carrierJoin;
    private final String silentSource;
    private final int silentDay;
    private final int quietFrom;
    private final int quietDays;

    public FreedomPlan(SimulationConfig config, BiPredicate<String, Integer> faulted) {
        this.seed = config.seed();
        this.days = config.days();
        this.freedoms = config.freedoms();
        this.profile = config.profile();
        boolean late = freedoms.lateJoiners() && days >= 2;
        this.bankJoin = late ? Math.max(1, days / 3) : 0;
        this.carrierJoin = late ? Math.min(Math.max(1, days / 3), LATE_CARRIER_LATEST_JOIN) : 0;
        String source = null;
        int day = -1;
        if (freedoms.silentPartner() && days >= 2) {
            List<String> candidates = new ArrayList<>(Parties.PARTNER_BANKS.subList(0,
                    Math.min(profile.partnerBanks(), Parties.PARTNERS - 1)));
            candidates.addAll(Parties.CARRIERS.subList(0, Math.min(profile.partnerCarriers(),
                    Parties.CARRIERS.size() - 1)));
            Rand r = Rand.of(seed, "freedom-silent");
            source = r.pick(candidates);
            int last = Math.max(1, days - 2);
            int from = r.between(1, last);
            for (int k = 0; k < days - 1 && day < 0; k++) {
                int d = 1 + Math.floorMod(from - 1 + k, days - 1);
                if (!faulted.test(source, d)) {
                    day = d;
                }
            }
            if (day < 0) {
                source = null;
            }
        }
        this.silentSource = source;
        this.silentDay = day;
        int spell = Math.min(freedoms.quietSpellDays(), Math.max(0, days - 2));
        this.quietDays = spell;
        this.quietFrom = spell == 0 ? -1 : Math.max(1, (days - spell) / 2);
    }

    public Freedoms freedoms() {
        return freedoms;
    }

    public long seed() {
        return seed;
    }

    /** The city's kind: its partners among them. */
    public Profile profile() {
        return profile;
    }

    /** The first day the source delivers (0 unless it joins late; {@link #NEVER} outside the partnership). */
    public int joinDay(String source) {
        if (profile.outsider(source)) {
            return NEVER;
        }
        if (source.equals(LATE_BANK)) {
            return bankJoin;
        }
        return source.equals(LATE_CARRIER) ? carrierJoin : 0;
    }

    /** Whether the source delivers anything on the day (it has joined and is not silent). */
    public boolean delivers(String source, int day) {
        return day >= joinDay(source) && !(source.equals(silentSource) && day == silentDay);
    }

    /** Whether a partner bank reports the day's bookings of its accounts. */
    public boolean books(int bank, int day) {
        return Parties.isPartner(bank) && delivers(Parties.bankCode(bank), day);
    }

    /** Whether the source is a partner of this city at some point of the period (it joins, maybe late). */
    public boolean partner(String source) {
        return !profile.outsider(source);
    }

    /** Whether the source's register delivery of the day is its first, holding everything. */
    public boolean firstDelivery(String source, int day) {
        return day == joinDay(source);
    }

    /** The partner silent for a day, or {@code null}. */
    public String silentSource() {
        return silentSource;
    }

    /** The day the silent partner delivers nothing, or -1. */
    public int silentDay() {
        return silentDay;
    }

    /** Whether the feed of the source is header-only on the day (its rows wait for the end of the spell). */
    public boolean quiet(String feed, String source, int day) {
        return quietDays > 0 && feed.equals(CaseLabels.NAME) && source.equals(Parties.CASE_MANAGEMENT)
                && day >= quietFrom && day < quietFrom + quietDays;
    }

    /**
     * The day an account's row may first be delivered when it could first have been listed on {@code firstDay}:
     * {@code firstDay} for most accounts, 1-5 days later for a few, -1 (never) for a third of those.
     */
    public int listedFrom(Account a, int firstDay) {
        if (freedoms.unlistedAccounts() <= 0) {
            return firstDay;
        }
        Rand r = Rand.of(seed, "freedom-unlisted", a.id());
        if (!r.chance(freedoms.unlistedAccounts())) {
            return firstDay;
        }
        return r.chance(NEVER_LISTED_SHARE) ? -1 : firstDay + r.between(1, MAX_LISTING_DELAY_DAYS);
    }

    /** The mobile number, on no partner carrier's network, of a resident's off-net contact, or {@code null}. */
    public String offNetContact(int person) {
        if (freedoms.offNetContacts() <= 0) {
            return null;
        }
        Rand r = Rand.of(seed, "freedom-off-net", person);
        if (!r.chance(freedoms.offNetContacts())) {
            return null;
        }
        return r.pick(OFF_NET_PREFIXES) + String.format("%08d", r.nextInt(100_000_000));
    }

    /** Share of optional values left empty. */
    public double blankOptional() {
        return freedoms.blankOptional();
    }

    /** Days simulated. */
    public int days() {
        return days;
    }
}
