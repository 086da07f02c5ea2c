package org.fraudlake.simulator.delivery;

import java.time.LocalDate;
import java.util.Locale;
import org.fraudlake.simulator.util.Times;

/**
 * Value formats partners may choose under the contract, and fast formatting of times and amounts
 * (millions of values per simulated day, so no {@code String.format} here).
 */
public final class Formats {
    private Formats() {
    }

    /** How a source writes timestamps; all carry an offset or {@code Z}. */
    public enum TimeStyle {
        /** {@code 2026-10-01T09:12:33+08:00}. */
        OFFSET,
        /** {@code 2026-10-01T09:12:33.250+08:00}. */
        OFFSET_MILLIS,
        /** {@code 2026-10-01T01:12:33.250Z}. */
        UTC_MILLIS,
        /** {@code 2026-10-01T01:12:33Z}. */
        UTC
    }

    /** How a source writes amounts; never more than 2 decimals. */
    public enum AmountStyle {
        /** {@code 500}, {@code 12.5}, {@code 12.05}. */
        MINIMAL,
        /** {@code 500.00}, {@code 12.50}. */
        TWO_DECIMALS,
        /** {@code 500}, {@code 12.50}. */
        INTEGER_OR_TWO
    }

    /** How a source writes booleans. */
    public enum BoolStyle {
        /** {@code true}/{@code false}. */
        WORDS,
        /** {@code 1}/{@code 0}. */
        DIGITS,
        /** {@code TRUE}/{@code FALSE}. */
        UPPER_WORDS
    }

    /** How a source writes enum values (matched case-insensitively after trimming). */
    public enum EnumStyle {
        /** {@code IN}. */
        UPPER,
        /** {@code in}. */
        LOWER,
        /** {@code In}, {@code Third_party}. */
        TITLE,
        /** {@code " IN "}: padded with spaces. */
        PADDED
    }

    /** How a source writes header names (matched case-insensitively). */
    public enum HeaderCase {
        /** {@code account_no}. */
        LOWER,
        /** {@code Account_No}. */
        TITLE,
        /** {@code ACCOUNT_NO}. */
        UPPER
    }

    /** A time in a style. */
    public static String time(long epochMs, TimeStyle style) {
        boolean utc = style == TimeStyle.UTC || style == TimeStyle.UTC_MILLIS;
        boolean millis = style == TimeStyle.OFFSET_MILLIS || style == TimeStyle.UTC_MILLIS;
        long shifted = utc ? epochMs : epochMs + 8 * Times.HOUR_MS;
        long day = Math.floorDiv(shifted, Times.DAY_MS);
        long msOfDay = Math.floorMod(shifted, Times.DAY_MS);
        StringBuilder sb = new StringBuilder(30);
        sb.append(LocalDate.ofEpochDay(day)).append('T');
        two(sb, (int) (msOfDay / Times.HOUR_MS)).append(':');
        two(sb, (int) (msOfDay / Times.MINUTE_MS % 60)).append(':');
        two(sb, (int) (msOfDay / Times.SECOND_MS % 60));
        if (millis) {
            int ms = (int) (msOfDay % 1000);
            sb.append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
                    .append((char) ('0' + ms % 10));
        }
        return sb.append(utc ? "Z" : "+08:00").toString();
    }

    /** A local time with {@code +08:00}, as the truth files write it. */
    public static String isoLocal(long epochMs) {
        return time(epochMs, TimeStyle.OFFSET);
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** An amount of cents in a style; negative amounts keep their sign. */
    public static String amount(long cents, AmountStyle style) {
        StringBuilder sb = new StringBuilder(16);
        if (cents < 0) {
            sb.append('-');
        }
        long abs = Math.abs(cents);
        sb.append(abs / 100);
        int frac = (int) (abs % 100);
        switch (style) {
            case MINIMAL -> {
                if (frac != 0) {
                    sb.append('.').append((char) ('0' + frac / 10));
                    if (frac % 10 != 0) {
                        sb.append((char) ('0' + frac % 10));
                    }
                }
            }
            case TWO_DECIMALS -> two(sb.append('.'), frac);
            case INTEGER_OR_TWO -> {
                if (frac != 0) {
                    two(sb.append('.'), frac);
                }
            }
        }
        return sb.toString();
    }

    /** Two decimals, as the truth files write amounts. */
    public static String plainAmount(long cents) {
        return amount(cents, AmountStyle.TWO_DECIMALS);
    }

    public static String bool(boolean value, BoolStyle style) {
        return switch (style) {
            case WORDS -> value ? "true" : "false";
            case DIGITS -> value ? "1" : "0";
            case UPPER_WORDS -> value ? "TRUE" : "FALSE";
        };
    }

    /** An enum value (given upper case) in a style. */
    public static String enumValue(String value, EnumStyle style) {
        return switch (style) {
            case UPPER -> value;
            case LOWER -> value.toLowerCase(Locale.ROOT);
            case TITLE -> value.charAt(0) + value.substring(1).toLowerCase(Locale.ROOT);
            case PADDED -> " " + value + " ";
        };
    }

    /** A header name (given lower case) in a style. */
    public static String header(String name, HeaderCase style) {
        return switch (style) {
            case LOWER -> name;
            case UPPER -> name.toUpperCase(Locale.ROOT);
            case TITLE -> {
                StringBuilder sb = new StringBuilder(name.length());
                boolean up = true;
                for (char ch : name.toCharArray()) {
                    sb.append(up ? Character.toUpperCase(ch) : ch);
                    up = ch == '_';
                }
                yield sb.toString();
            }
        };
    }
}
