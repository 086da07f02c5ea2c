package org.fraudlake.simulator.city;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.fraudlake.simulator.model.Enums.AccountType;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.util.Rand;

/**
 * Issues identifiers in their real-world shapes, unique and with valid check characters: 18-character
 * resident ID numbers (region, birth date, sequence, ISO 7064 check), 18-character unified social credit
 * codes (GB 32100), 11-digit mobile numbers with carrier prefixes, card numbers with bank BINs and a Luhn
 * digit, corporate account numbers, 15-digit IMEIs. Criminals get the very same shapes: nothing here
 * marks a scheme.
 */
public final class IdentityFactory {
    /** Region codes of ID numbers issued in the city. */
    public static final String[] LOCAL_REGIONS = {"510104", "510105", "510106", "510107", "510108", "510112",
        "510113", "510114", "510115", "510116"};
    /** Region codes of people who moved in from elsewhere. */
    public static final String[] OTHER_REGIONS = {"511302", "513701", "500101", "510722", "511602", "420106",
        "370102", "411302", "433101", "522101", "450102", "130104", "511123", "512021", "350583", "440982"};
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = "10X98765432".toCharArray();
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
    private static final String[] TACS = {"86891203", "86769304", "35328511", "86024605", "35922110", "86415605",
        "86762104", "35407115", "86681505", "86888804", "35391110", "86958503"};
    private static final String[] OVERSEAS_CODES = {"1", "44", "61", "81", "65", "852", "60", "64", "886"};
    private static final String[] SPOOF_CODES = {"852", "853", "886", "63", "855", "95", "60", "66", "1"};
    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private final Map<String, Integer> idSequences = new HashMap<>();
    private final int[][] mobileSerials = new int[Parties.CARRIERS.size()][];
    private final int[] debitSerials = new int[Parties.BANKS];
    private final int[] creditSerials = new int[Parties.BANKS];
    private final int[] corporateSerials = new int[Parties.BANKS];
    private int usccSerial;
    private int imeiSerial;
    private int landlineSerial;

    public IdentityFactory() {
        for (int c = 0; c < mobileSerials.length; c++) {
            mobileSerials[c] = new int[Parties.prefixCount(c)];
        }
    }

    /** A resident ID number: region, birth date, sequence (odd for men), check character. */
    public String idNumber(String region, LocalDate birth, boolean male) {
        String prefix = region + birth.format(BIRTH);
        int n = idSequences.merge(prefix, 1, Integer::sum);
        int seq = (n * 2 + (male ? 1 : 0)) % 1000;
        String body = prefix + String.format("%03d", seq);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return body + ID_CHECK[sum % 11];
    }

    /** A unified social credit code of an enterprise registered in a region. */
    public String uscc(String region) {
        long serial = scramble(++usccSerial + 3_141_592L, 100_000_000L);
        String org = String.format("%08d", serial);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (org.charAt(i) - '0') * ORG_WEIGHTS[i];
        }
        int c9 = 11 - sum % 11;
        char orgCheck = c9 == 10 ? 'X' : c9 == 11 ? '0' : (char) ('0' + c9);
        String body = "91" + region + org + orgCheck;
        int total = 0;
        for (int i = 0; i < 17; i++) {
            total += USCC_CHARS.indexOf(body.charAt(i)) * USCC_WEIGHTS[i];
        }
        int check = (31 - total % 31) % 31;
        return body + USCC_CHARS.charAt(check);
    }

    /** A new mobile number of a carrier's number range. */
    public String mobile(int carrier, Rand r) {
        int p = r.nextInt(Parties.prefixCount(carrier));
        int serial = ++mobileSerials[carrier][p];
        return Parties.prefix(carrier, p) + String.format("%08d", scramble(serial + 1_000_003L * p + 7_777L * carrier,
                100_000_000L));
    }

    /** A mobile number of someone outside the city: a valid number that no partner carrier reports on. */
    public String outsideMobile(Rand r) {
        return mobile(r.nextInt(Parties.CARRIERS.size()), r);
    }

    /** A city landline (shops, offices): area code 028 and eight digits. */
    public String landline() {
        return "028" + String.format("%08d", 80_000_000L + scramble(++landlineSerial + 2_718_281L, 10_000_000L));
    }

    /** A foreign number of a relative abroad. */
    public static String overseas(Rand r) {
        return foreign(r.pick(OVERSEAS_CODES), r);
    }

    /** A foreign-looking caller number as call centres abroad show it (international or spoofed). */
    public static String spoofedInternational(Rand r) {
        return foreign(r.pick(SPOOF_CODES), r);
    }

    /** A number of a country, with that country's national number length. */
    private static String foreign(String cc, Rand r) {
        int length = switch (cc) {
            case "1", "44", "81", "63" -> 10;
            case "61", "60", "66", "64", "886", "95" -> 9;
            default -> 8;
        };
        StringBuilder sb = new StringBuilder("+").append(cc).append(r.between(2, 9));
        for (int i = 1; i < length; i++) {
            sb.append(r.nextInt(10));
        }
        return sb.toString();
    }

    /** A card or account number: debit cards 19 digits, credit cards 16 (Luhn), corporate 17. */
    public String accountNumber(int bank, AccountType type, int branchNo) {
        return switch (type) {
            case DEBIT -> luhn(Parties.debitBin(bank) + String.format("%04d", branchNo % 10_000)
                    + String.format("%08d", scramble(++debitSerials[bank] + 9_176_543L * bank, 100_000_000L)));
            case CREDIT -> luhn(Parties.creditBin(bank)
                    + String.format("%09d", scramble(++creditSerials[bank] + 37_654_321L * bank, 1_000_000_000L)));
            case CORPORATE -> Parties.corporatePrefix(bank) + String.format("%04d", branchNo % 10_000)
                    + String.format("%09d", scramble(++corporateSerials[bank] + 51_234_567L * bank, 1_000_000_000L));
        };
    }

    /** A handset IMEI: a type allocation code of a common model, a serial and a Luhn digit. */
    public String imei(Rand r) {
        String tac = r.pick(TACS);
        return luhn(tac + String.format("%06d", scramble(++imeiSerial + 271_828L, 1_000_000L)));
    }

    /** The device id a bank's app derives for a handset: stable per handset and bank. */
    public static String deviceId(String imei, int bank) {
        long h = Rand.mix(imei.hashCode() * 1_000_003L + bank);
        return String.format("%016X", h);
    }

    /** A bijection on {@code [0, modulus)} (modulus a power of ten) that makes serials look random. */
    static long scramble(long serial, long modulus) {
        return Math.floorMod(serial * 48_271L + 7_654_321L, modulus);
    }

    static String luhn(String body) {
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return body + (char) ('0' + (10 - sum % 10) % 10);
    }
}
