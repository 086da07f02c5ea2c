package org.fraudlake.simulator.truth;

import java.util.List;

/**
 * The kinds of legitimate look-alikes (column {@code kind} of {@code truth/lookalikes.csv}): entities whose
 * ordinary activity resembles a scheme's, which a good detector leaves alone.
 */
public final class Lookalikes {
    /** A courier's work number, in the courier's own handset: dozens of short calls to strangers a day. */
    public static final String COURIER_PHONE = "COURIER_PHONE";
    /** A food delivery rider's own number: bursts of short calls to strangers at meal times. */
    public static final String DELIVERY_RIDER_PHONE = "DELIVERY_RIDER_PHONE";
    /** A sales office's line: many short cold calls from one cell, half unanswered. */
    public static final String SALES_LINE = "SALES_LINE";
    /** One of a batch of new staff lines a company registers on one day under its credit code. */
    public static final String STAFF_LINE_BATCH = "STAFF_LINE_BATCH";
    /** A resident's number called at night from abroad by a relative, long calls. */
    public static final String OVERSEAS_FAMILY_PHONE = "OVERSEAS_FAMILY_PHONE";
    /** A company account fanning salaries out to its staff on payday. */
    public static final String PAYROLL_ACCOUNT = "PAYROLL_ACCOUNT";
    /** The pension fund's account, fanning pensions out once a month. */
    public static final String PENSION_ACCOUNT = "PENSION_ACCOUNT";
    /** A payment platform's account: thousands of payments in, nightly settlements out. */
    public static final String PLATFORM_ACCOUNT = "PLATFORM_ACCOUNT";
    /** A shop's, restaurant's or supermarket's account: hundreds of small inflows from strangers. */
    public static final String MERCHANT_ACCOUNT = "MERCHANT_ACCOUNT";
    /** A merchant's account that sweeps its takings to the owner's own account every evening. */
    public static final String MERCHANT_SWEEP = "MERCHANT_SWEEP";
    /** An account of a firm group sharing legal representative and address, paying the head's fees. */
    public static final String GROUP_COMPANY_ACCOUNT = "GROUP_COMPANY_ACCOUNT";
    /** An elderly parent's account registered with a child's number. */
    public static final String FAMILY_PHONE_ON_ACCOUNT = "FAMILY_PHONE_ON_ACCOUNT";
    /**
     * A child paying an elderly parent's bills and care from the parent's account on the child's phone, after
     * calling the parent: listed as the child (PERSON) and the parent's account (ACCOUNT).
     */
    public static final String FAMILY_PAYER = "FAMILY_PAYER";
    /** An account opened during the period, mostly by students and young people, as account renters do. */
    public static final String NEW_ACCOUNT = "NEW_ACCOUNT";
    /** An account frozen by a court (civil dispute, debt enforcement), with no fraud label. */
    public static final String LEGAL_FREEZE = "LEGAL_FREEZE";

    /** Every kind, in the order {@code simulator/README.md} lists them. */
    public static final List<String> KINDS = List.of(COURIER_PHONE, DELIVERY_RIDER_PHONE, SALES_LINE,
            STAFF_LINE_BATCH, OVERSEAS_FAMILY_PHONE, PAYROLL_ACCOUNT, PENSION_ACCOUNT, PLATFORM_ACCOUNT,
            MERCHANT_ACCOUNT, MERCHANT_SWEEP, GROUP_COMPANY_ACCOUNT, FAMILY_PHONE_ON_ACCOUNT, FAMILY_PAYER, NEW_ACCOUNT,
            LEGAL_FREEZE);

    private Lookalikes() {
    }
}
