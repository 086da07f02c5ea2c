package org.fraudlake.simulator.model;

/** Small closed vocabularies of the city model. */
public final class Enums {
    private Enums() {
    }

    /** How a person lives: what they earn and how they spend. */
    public enum Occupation { STUDENT, WORKER, OWNER, RETIRED, UNEMPLOYED }

    /** Contract values of {@code account_type}. */
    public enum AccountType { DEBIT, CREDIT, CORPORATE }

    /** Contract values of bank account {@code status}. */
    public enum AccountStatus { ACTIVE, DORMANT, FROZEN, CLOSED }

    /** Contract values of subscriber {@code status}. */
    public enum PhoneStatus { ACTIVE, SUSPENDED, CANCELLED }

    /** Contract values of {@code plan}. */
    public enum Plan { PREPAID, POSTPAID }

    /** Contract values of company {@code status}. */
    public enum CompanyStatus { ACTIVE, REVOKED, CANCELLED }

    /** Contract values of {@code channel}. */
    public enum Channel { MOBILE, ONLINE, ATM, POS, COUNTER, THIRD_PARTY }

    /** What a company does, which decides its money flows. */
    public enum CompanyKind {
        EMPLOYER, SHOP, RESTAURANT, SUPERMARKET, ELECTRONICS, CONSTRUCTION, SERVICES, DELIVERY, TELEMARKETING,
        UTILITY, TELECOM, PENSION_FUND, PLATFORM, AGENCY, SHELL, INVESTMENT, OUTSIDE_FIRM;

        /** Shops where persons pay in person. */
        public boolean isMerchant() {
            return this == SHOP || this == RESTAURANT || this == SUPERMARKET || this == ELECTRONICS;
        }
    }
}
