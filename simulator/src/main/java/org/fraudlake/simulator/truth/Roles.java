package org.fraudlake.simulator.truth;

import java.util.Set;

/** The roles entities play in schemes (column {@code role} of {@code truth/entities.csv}). */
public final class Roles {
    public static final String CALLER_PHONE = "CALLER_PHONE";
    public static final String HANDSET = "HANDSET";
    public static final String SIM_HOLDER = "SIM_HOLDER";
    public static final String VICTIM = "VICTIM";
    public static final String VICTIM_ACCOUNT = "VICTIM_ACCOUNT";
    public static final String VICTIM_PHONE = "VICTIM_PHONE";
    public static final String MULE_L1 = "MULE_L1";
    public static final String MULE_L2 = "MULE_L2";
    public static final String MULE_OWNER = "MULE_OWNER";
    public static final String CASHOUT = "CASHOUT";
    public static final String FRAUD_REPORT = "FRAUD_REPORT";
    public static final String ACCOUNT_RENTER = "ACCOUNT_RENTER";
    public static final String RENTED_ACCOUNT = "RENTED_ACCOUNT";
    public static final String GANG_PHONE = "GANG_PHONE";
    public static final String STRUCTURER = "STRUCTURER";
    public static final String STRUCTURING_ACCOUNT = "STRUCTURING_ACCOUNT";
    public static final String RECEIVER = "RECEIVER";
    public static final String SHELL = "SHELL";
    public static final String SHELL_ACCOUNT = "SHELL_ACCOUNT";
    public static final String LEGAL_REP = "LEGAL_REP";
    public static final String UB_OPERATOR = "UB_OPERATOR";
    public static final String UB_ACCOUNT = "UB_ACCOUNT";
    public static final String UB_CUSTOMER = "UB_CUSTOMER";
    public static final String UB_RECIPIENT = "UB_RECIPIENT";
    public static final String FUNDRAISER = "FUNDRAISER";
    public static final String FUNDRAISER_ACCOUNT = "FUNDRAISER_ACCOUNT";
    public static final String BOSS = "BOSS";
    public static final String SALES = "SALES";
    public static final String INVESTOR = "INVESTOR";
    public static final String INVESTOR_ACCOUNT = "INVESTOR_ACCOUNT";
    public static final String BIDDER = "BIDDER";
    public static final String BIDDER_ACCOUNT = "BIDDER_ACCOUNT";
    public static final String BID_AGENT = "BID_AGENT";
    public static final String RIGGED_TENDER = "RIGGED_TENDER";
    public static final String SERIES_INCIDENT = "SERIES_INCIDENT";
    public static final String BURGLARY_VICTIM = "BURGLARY_VICTIM";

    /** Roles of people harmed by a scheme: everything else is an offender's (or an offender's tool). */
    public static final Set<String> HARMED = Set.of(VICTIM, VICTIM_ACCOUNT, VICTIM_PHONE, INVESTOR, INVESTOR_ACCOUNT,
            BURGLARY_VICTIM, FRAUD_REPORT, SERIES_INCIDENT, RIGGED_TENDER);

    private Roles() {
    }

    /** Whether the role belongs to an offender side (mule, shell, bidder ...), not to a victim or a report. */
    public static boolean offending(String role) {
        return !HARMED.contains(role);
    }
}
