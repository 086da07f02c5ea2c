package org.fraudlake.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.fraudlake.simulator.model.Parties;

/**
 * What city to simulate.
 *
 * @param persons   residents of the city (at least 1)
 * @param days      business dates to simulate, from {@code startDate} on (at least 1)
 * @param seed      random seed: the same configuration writes byte-identical files
 * @param startDate first business date
 * @param faults    also write broken deliveries and bad rows (listed in {@code truth/faults.csv})
 * @param freedoms  which of the contract's freedoms the senders use beyond their house styles
 *                  ({@link Freedoms#DEFAULT}: all of them, at small rates)
 * @param profile   what kind of city: volumes, partners, scheme mix and look-alike mix ({@link Profile#DEFAULT}:
 *                  the city the models are tuned on; {@link Profile#RIVERSIDE}: another one, never tuned on)
 */
public record SimulationConfig(int persons, int days, long seed, LocalDate startDate, boolean faults,
                               Freedoms freedoms, Profile profile) {
    /** The first business date the demo city uses. */
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 10, 1);

    public SimulationConfig {
        if (persons < 1) {
            throw new IllegalArgumentException("persons must be at least 1, got " + persons);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        if (startDate == null) {
            throw new IllegalArgumentException("startDate is required (e.g. SimulationConfig.DEFAULT_START)");
        }
        if (freedoms == null) {
            throw new IllegalArgumentException("freedoms is required (e.g. Freedoms.DEFAULT or Freedoms.NONE)");
        }
        if (profile == null) {
            throw new IllegalArgumentException("profile is required (e.g. Profile.DEFAULT or Profile.RIVERSIDE)");
        }
    }

    /** The default city ({@link Profile#DEFAULT}) whose senders use every freedom ({@link Freedoms#DEFAULT}). */
    public SimulationConfig(int persons, int days, long seed, LocalDate startDate, boolean faults) {
        this(persons, days, seed, startDate, faults, Freedoms.DEFAULT);
    }

    /** The default city ({@link Profile#DEFAULT}) with the given freedoms. */
    public SimulationConfig(int persons, int days, long seed, LocalDate startDate, boolean faults,
                            Freedoms freedoms) {
        this(persons, days, seed, startDate, faults, freedoms, Profile.DEFAULT);
    }

    /** The same city with other freedoms. */
    public SimulationConfig withFreedoms(Freedoms value) {
        return new SimulationConfig(persons, days, seed, startDate, faults, value, profile);
    }

    /** The same size, seed and dates in another kind of city. */
    public SimulationConfig withProfile(Profile value) {
        return new SimulationConfig(persons, days, seed, startDate, faults, freedoms, value);
    }

    /**
     * Freedoms of {@code shared/feeds.md} that senders may use and that the house styles alone do not show: every
     * one is contract-valid, each can be switched off. Rates are shares of the entities or values they apply to.
     *
     * @param unlistedAccounts share of partner-bank accounts whose {@code bank_accounts} row comes 1-5 days after
     *                         the account first could have been listed, or (one in three of them) never, while the
     *                         account transacts all along
     * @param offNetContacts   share of residents with a contact whose mobile belongs to no partner carrier (prefixes
     *                         {@code 162}, {@code 165}, {@code 167}, {@code 170}, {@code 171}, {@code 192}), who calls
     *                         them and is called (reported by the subscriber's carrier)
     * @param silentPartner    one partner (a bank or a carrier, drawn from the seed) delivers nothing at all on one
     *                         day: no folder for any of its feeds; its bookings or calls of that day are not
     *                         reported, its register changes come with its next delivery
     * @param lateJoiners      {@code BANK_E} and {@code CARRIER_Z} join the partnership in the middle of the period:
     *                         no folder before their first day, then a full first delivery; before it, {@code BANK_E}
     *                         is an outside bank to the others (its accounts are counterparties under its code) and
     *                         calls between its subscribers and the partners' are reported by the partner's carrier
     * @param quietSpellDays   {@code case_labels} of {@code CASE_MGMT} is header-only for this many days in the middle
     *                         of the period (the labels confirmed then come with the first delivery after it)
     * @param blankOptional    share of values of every optional column of every feed left empty (booleans only when
     *                         false, so an empty {@code ported_in} still means not ported)
     */
    public record Freedoms(double unlistedAccounts, double offNetContacts, boolean silentPartner, boolean lateJoiners,
                           int quietSpellDays, double blankOptional) {
        /** Every freedom, at rates small enough for the demo to stay meaningful. */
        public static final Freedoms DEFAULT = new Freedoms(0.01, 0.02, true, true, 3, 0.01);
        /** Only the house styles of the senders. */
        public static final Freedoms NONE = new Freedoms(0, 0, false, false, 0, 0);

        public Freedoms {
            for (double rate : new double[]{unlistedAccounts, offNetContacts, blankOptional}) {
                if (!(rate >= 0 && rate <= 1)) {
                    throw new IllegalArgumentException("a freedom's rate is a share in [0, 1], got " + rate);
                }
            }
            if (quietSpellDays < 0) {
                throw new IllegalArgumentException("quietSpellDays must be at least 0, got " + quietSpellDays);
            }
        }
    }

    /**
     * What differs between two cities beyond their size and seed. {@link #DEFAULT} is the city the models are
     * tuned on (its landing bytes are those of the simulator before profiles existed); {@link #RIVERSIDE} is a
     * second city that nobody tunes on, to report every figure on both. Every rate, multiplier and count is
     * checked when the profile is made, with a message naming the setting and the bad value.
     *
     * @param name           the name {@code fraudlake simulate --profile} takes (lower case)
     * @param partnerBanks   partner banks, the first of {@code BANK_A}..{@code BANK_E} (1-5); the others are
     *                       outside banks for the whole period: no folder ever, their accounts are counterparties
     *                       under their code
     * @param partnerCarriers partner carriers, the first of {@code CARRIER_X}..{@code CARRIER_Z} (1-3); a call
     *                       between one of the others' subscribers and a partner's is reported by the partner
     * @param volumes        how much the residents hold, pay and call
     * @param schemes        how many schemes of each kind
     * @param lookalikes     how much legitimate activity looks like crime
     */
    public record Profile(String name, int partnerBanks, int partnerCarriers, Volumes volumes, SchemeMix schemes,
                          LookalikeMix lookalikes) {
        /** Today's city: five partner banks, three carriers, the scheme and look-alike mix the models know. */
        public static final Profile DEFAULT = new Profile("default", Parties.PARTNERS, Parties.CARRIERS.size(),
                Volumes.DEFAULT, SchemeMix.DEFAULT, LookalikeMix.DEFAULT);
        /**
         * A second city, never tuned on: four partner banks and two carriers, more accounts and numbers per
         * person, more calls and fewer card payments, more call centres, account renters, underground banks and
         * thefts but less structuring, round-tripping, fundraising and bid rigging, and every look-alike kind,
         * heavier.
         */
        public static final Profile RIVERSIDE = new Profile("riverside", 4, 2,
                new Volumes(1.6, 0.15, 1.3, 0.8),
                new SchemeMix(10_000, 20_000, 60_000, 120_000, 25_000, 120_000, 100_000, 10_000),
                new LookalikeMix(1.5, 1.4, 0.012, 1.0, 0.25, 0.35, 0.0005));
        /** The named profiles, in the order help lists them. */
        public static final List<Profile> NAMED = List.of(DEFAULT, RIVERSIDE);

        public Profile {
            if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("a profile's name is lower case letters, digits and '-', got '"
                        + name + "'");
            }
            if (partnerBanks < 1 || partnerBanks > Parties.PARTNERS) {
                throw new IllegalArgumentException("partnerBanks must be 1-" + Parties.PARTNERS + ", got "
                        + partnerBanks);
            }
            if (partnerCarriers < 1 || partnerCarriers > Parties.CARRIERS.size()) {
                throw new IllegalArgumentException("partnerCarriers must be 1-" + Parties.CARRIERS.size() + ", got "
                        + partnerCarriers);
            }
            if (volumes == null || schemes == null || lookalikes == null) {
                throw new IllegalArgumentException("a profile needs volumes, schemes and lookalikes (e.g. "
                        + "Volumes.DEFAULT, SchemeMix.DEFAULT, LookalikeMix.DEFAULT)");
            }
        }

        /** The named profile, case-insensitive; fails listing the known names. */
        public static Profile named(String name) {
            String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            for (Profile p : NAMED) {
                if (p.name().equals(wanted)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown city profile '" + name + "'; known profiles: "
                    + NAMED.stream().map(Profile::name).collect(Collectors.joining(", ")));
        }

        /** Whether the bank (an index of {@link Parties}) is a partner in this city. */
        public boolean partnerBank(int bank) {
            return bank >= 0 && bank < partnerBanks;
        }

        /** Whether the source code names a bank or carrier outside this city's partnership. */
        public boolean outsider(String source) {
            int bank = Parties.PARTNER_BANKS.indexOf(source);
            if (bank >= 0) {
                return bank >= partnerBanks;
            }
            int carrier = Parties.CARRIERS.indexOf(source);
            return carrier >= partnerCarriers;
        }

        /** The partner banks' codes. */
        public List<String> banks() {
            return Parties.PARTNER_BANKS.subList(0, partnerBanks);
        }

        /** The partner carriers' codes. */
        public List<String> carriers() {
            return Parties.CARRIERS.subList(0, partnerCarriers);
        }
    }

    /**
     * How much residents hold, pay and call. Multipliers of 1 keep today's city exactly.
     *
     * @param extraAccounts factor on the odds that an adult holds a second and third account, and that a student
     *                      or retiree holds a second one (1 = today)
     * @param secondPhone   share of residents with a second number (today 0.06)
     * @param callRate      factor on residents' daily calls (1 = today)
     * @param paymentRate   factor on residents' daily purchases (1 = today)
     */
    public record Volumes(double extraAccounts, double secondPhone, double callRate, double paymentRate) {
        public static final Volumes DEFAULT = new Volumes(1.0, 0.06, 1.0, 1.0);

        public Volumes {
            positive("extraAccounts", extraAccounts, 4);
            share("secondPhone", secondPhone);
            positive("callRate", callRate, 5);
            positive("paymentRate", paymentRate, 5);
        }
    }

    /**
     * How many schemes of each kind: one per this many persons, and at least one of each.
     *
     * @param callCentres        telecom fraud call centres (today one per 30,000 persons)
     * @param rentedAccounts     account-renting gangs (50,000)
     * @param structuring        structurers (25,000)
     * @param roundTripping      round-tripping shell rings (50,000)
     * @param undergroundBanking underground banks (60,000)
     * @param fundRaising        illegal fundraisers (60,000)
     * @param bidRigging         bid-rigging rings (50,000)
     * @param theftSeries        theft series (30,000)
     */
    public record SchemeMix(int callCentres, int rentedAccounts, int structuring, int roundTripping,
                            int undergroundBanking, int fundRaising, int bidRigging, int theftSeries) {
        public static final SchemeMix DEFAULT =
                new SchemeMix(30_000, 50_000, 25_000, 50_000, 60_000, 60_000, 50_000, 30_000);

        public SchemeMix {
            int[] values = {callCentres, rentedAccounts, structuring, roundTripping, undergroundBanking, fundRaising,
                bidRigging, theftSeries};
            String[] names = {"callCentres", "rentedAccounts", "structuring", "roundTripping", "undergroundBanking",
                "fundRaising", "bidRigging", "theftSeries"};
            for (int i = 0; i < values.length; i++) {
                if (values[i] < 1_000) {
                    throw new IllegalArgumentException("schemes." + names[i] + " is persons per scheme, at least "
                            + "1,000, got " + values[i]);
                }
            }
        }

        /** Schemes of a kind in a city: one per {@code personsPer} persons, at least one. */
        public static int count(int persons, int personsPer) {
            return Math.max(1, persons / personsPer);
        }
    }

    /**
     * How much legitimate activity looks like crime (each kind listed in {@code truth/lookalikes.csv}). The first
     * two scale look-alikes today's city has; the others are kinds today's city does not have (0 there). A share is
     * taken exactly of the candidates (rounded, at least one when above 0), drawn from the seed.
     *
     * @param courierCalls   factor on couriers' daily calls from their work numbers (1 = today)
     * @param salesCalls     factor on sales lines' daily cold calls (1 = today)
     * @param riders         share of workers and unemployed aged 20-45 who ride for a food delivery platform: dozens
     *                       of short calls to strangers at meal times from their own number, a daily payout
     * @param staffBatches   companies issuing a batch of 5-15 new staff lines on one day under their credit code,
     *                       per 10,000 persons and 10 days (at least one batch in the period when above 0)
     * @param familyPayers   share of working children of an elderly parent who pay the parent's bills and care from
     *                       the parent's account on their own phone, after calling the parent
     * @param merchantSweeps share of shops, restaurants and supermarkets that sweep the takings above a float to
     *                       the owner's own account every evening
     * @param legalFreezes   daily share of residents' and companies' partner-bank accounts frozen by a court
     *                       (civil disputes, debt enforcement), without any fraud label (at least one when above 0)
     */
    public record LookalikeMix(double courierCalls, double salesCalls, double riders, double staffBatches,
                               double familyPayers, double merchantSweeps, double legalFreezes) {
        public static final LookalikeMix DEFAULT = new LookalikeMix(1.0, 1.0, 0, 0, 0, 0, 0);

        public LookalikeMix {
            positive("courierCalls", courierCalls, 5);
            positive("salesCalls", salesCalls, 5);
            share("riders", riders);
            if (!(staffBatches >= 0 && staffBatches <= 100)) {
                throw new IllegalArgumentException("staffBatches is batches per 10,000 persons and 10 days, in "
                        + "[0, 100], got " + staffBatches);
            }
            share("familyPayers", familyPayers);
            share("merchantSweeps", merchantSweeps);
            if (!(legalFreezes >= 0 && legalFreezes <= 0.01)) {
                throw new IllegalArgumentException("legalFreezes is a daily share of accounts in [0, 0.01], got "
                        + legalFreezes);
            }
        }
    }

    private static void share(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " is a share in [0, 1], got " + value);
        }
    }

    private static void positive(String name, double value, double max) {
        if (!(value > 0 && value <= max)) {
            throw new IllegalArgumentException(name + " is a factor in (0, " + (int) max + "], got " + value);
        }
    }
}
