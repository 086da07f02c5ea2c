package org.fraudlake.simulator;

import java.time.LocalDate;

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
 */
public record SimulationConfig(int persons, int days, long seed, LocalDate startDate, boolean faults,
                               Freedoms freedoms) {
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
    }

    /** A city whose senders use every freedom ({@link Freedoms#DEFAULT}). */
    public SimulationConfig(int persons, int days, long seed, LocalDate startDate, boolean faults) {
        this(persons, days, seed, startDate, faults, Freedoms.DEFAULT);
    }

    /** The same city with other freedoms. */
    public SimulationConfig withFreedoms(Freedoms value) {
        return new SimulationConfig(persons, days, seed, startDate, faults, value);
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
}
