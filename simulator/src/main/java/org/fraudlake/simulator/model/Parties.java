package org.fraudlake.simulator.model;

import java.util.List;

/**
 * The parties of the city: partner banks, banks outside the partnership, carriers and the other senders,
 * with the number formats each uses (card BINs, mobile prefixes, service lines). Banks are numbered:
 * {@code 0..4} are the partners, the rest are outside banks that appear only as counterparties.
 */
public final class Parties {
    public static final List<String> PARTNER_BANKS = List.of("BANK_A", "BANK_B", "BANK_C", "BANK_D", "BANK_E");
    public static final List<String> OUTSIDE_BANKS =
            List.of("EXT_ICBC", "EXT_CCB", "EXT_ABC", "EXT_BOC", "EXT_PSBC", "EXT_CMB");
    public static final int PARTNERS = PARTNER_BANKS.size();
    public static final int BANKS = PARTNERS + OUTSIDE_BANKS.size();
    public static final List<String> CARRIERS = List.of("CARRIER_X", "CARRIER_Y", "CARRIER_Z");
    public static final String POLICE = "PSB_110";
    public static final String CASE_MANAGEMENT = "CASE_MGMT";
    public static final String REGULATOR = "SAMR";
    public static final String TRADING_CENTER = "PRTC";

    /** Debit card BIN per bank (partners then outside banks). */
    private static final String[] DEBIT_BIN =
            {"622202", "621700", "622848", "622588", "621483", "621226", "621284", "622845", "621661", "621799",
             "622609"};
    /** Credit card BIN per bank. */
    private static final String[] CREDIT_BIN =
            {"625965", "436742", "622836", "439225", "524047", "625330", "489592", "625996", "518378", "625919",
             "552534"};
    /** Corporate account prefix per bank. */
    private static final String[] CORPORATE_PREFIX =
            {"5100", "5101", "2280", "1289", "4402", "4402", "5105", "2280", "1285", "6510", "1289"};
    /** Customer service lines of each bank, which call customers (and are called). */
    private static final String[] SERVICE_LINE =
            {"95528", "95568", "95577", "95595", "95561", "95588", "95533", "95599", "95566", "95580", "95555"};

    /** Mobile number prefixes per carrier. */
    private static final String[][] MOBILE_PREFIXES = {
        {"134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159", "178", "182",
         "183", "184", "187", "188", "198"},
        {"130", "131", "132", "145", "155", "156", "166", "175", "176", "185", "186"},
        {"133", "149", "153", "173", "177", "180", "181", "189", "199"},
    };
    /** Mobile network code per carrier, used in cell ids. */
    private static final String[] MNC = {"00", "01", "11"};

    private Parties() {
    }

    public static boolean isPartner(int bank) {
        return bank >= 0 && bank < PARTNERS;
    }

    /** The bank's code as it appears in feeds ({@code BANK_A}, {@code EXT_CCB}). */
    public static String bankCode(int bank) {
        return bank < PARTNERS ? PARTNER_BANKS.get(bank) : OUTSIDE_BANKS.get(bank - PARTNERS);
    }

    public static String debitBin(int bank) {
        return DEBIT_BIN[bank];
    }

    public static String creditBin(int bank) {
        return CREDIT_BIN[bank];
    }

    public static String corporatePrefix(int bank) {
        return CORPORATE_PREFIX[bank];
    }

    public static String serviceLine(int bank) {
        return SERVICE_LINE[bank];
    }

    public static String[] mobilePrefixes(int carrier) {
        return MOBILE_PREFIXES[carrier].clone();
    }

    public static int prefixCount(int carrier) {
        return MOBILE_PREFIXES[carrier].length;
    }

    public static String prefix(int carrier, int index) {
        return MOBILE_PREFIXES[carrier][index];
    }

    public static String mnc(int carrier) {
        return MNC[carrier];
    }

    public static String carrierCode(int carrier) {
        return CARRIERS.get(carrier);
    }
}
