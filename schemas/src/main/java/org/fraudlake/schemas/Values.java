package org.fraudlake.schemas;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one raw CSV value by its contract column into the Java value Spark stores: {@link String},
 * {@link BigDecimal}, {@link Instant}, {@link LocalDate}, {@link Boolean}, {@link Integer} or {@link Double}.
 * Empty values are {@code null} for optional columns and an error for required ones. Enum values and
 * booleans are matched case-insensitively after trimming; enum values come back upper case.
 */
public final class Values {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,16}(\\.\\d{1,2})?");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d{3,20}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Date, 'T' or space, time, then an offset: Z, +HH:MM, +HHMM or +HH. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)([Zz]|[+-]\\d{2}(?::?\\d{2})?)");

    private Values() {
    }

    /** The typed value, or {@code null} for an empty optional value. */
    public static Object parse(Column column, String raw) throws BadValueException {
        String v = raw == null ? "" : raw.trim();
        if (v.isEmpty()) {
            if (column.required()) {
                throw new BadValueException(Problem.MISSING_VALUE, column.name() + ": required value is empty");
            }
            return null;
        }
        Object value = switch (column.type()) {
            case STRING -> v;
            case PHONE -> phone(column, v);
            case DECIMAL -> decimal(column, v);
            case TIMESTAMP -> timestamp(column, v);
            case DATE -> date(column, v);
            case ENUM -> enumValue(column, v);
            case BOOLEAN -> bool(column, v);
            case INT -> integer(column, v);
            case DOUBLE -> dbl(column, v);
            case CURRENCY -> currency(column, v);
        };
        checkRule(column, value);
        return value;
    }

    private static String phone(Column c, String v) throws BadValueException {
        if (!PHONE.matcher(v).matches()) {
            throw bad(Problem.BAD_VALUE, c, v, "is not a phone number (digits, a leading + allowed)");
        }
        return v;
    }

    private static BigDecimal decimal(Column c, String v) throws BadValueException {
        if (!DECIMAL.matcher(v).matches()) {
            throw bad(Problem.BAD_VALUE, c, v, "is not a decimal with at most 2 decimals");
        }
        return new BigDecimal(v).setScale(2);
    }

    /** Parses an ISO-8601 instant that carries an offset; a time without offset is an error. */
    public static Instant parseInstant(String v) {
        Matcher m = TIMESTAMP.matcher(v.trim());
        if (!m.matches()) {
            throw new DateTimeParseException("not an ISO-8601 time with offset", v, 0);
        }
        String offset = m.group(3).toUpperCase(Locale.ROOT);
        if (!offset.equals("Z")) {
            String digits = offset.substring(1).replace(":", "");
            offset = offset.charAt(0) + digits.substring(0, 2) + ":" + (digits.length() > 2 ? digits.substring(2) : "00");
        }
        String time = m.group(2).replace(',', '.');
        if (time.length() == 5) {
            time = time + ":00";
        }
        return OffsetDateTime.parse(m.group(1) + "T" + time + offset, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
    }

    private static Instant timestamp(Column c, String v) throws BadValueException {
        try {
            return parseInstant(v);
        } catch (DateTimeParseException e) {
            throw bad(Problem.BAD_TIME, c, v, "is not an ISO-8601 time with an offset or Z");
        }
    }

    private static LocalDate date(Column c, String v) throws BadValueException {
        try {
            if (!DATE.matcher(v).matches()) {
                throw new DateTimeParseException("shape", v, 0);
            }
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw bad(Problem.BAD_VALUE, c, v, "is not a date YYYY-MM-DD");
        }
    }

    private static String enumValue(Column c, String v) throws BadValueException {
        String upper = v.toUpperCase(Locale.ROOT);
        if (!c.enumValues().contains(upper)) {
            throw bad(Problem.BAD_ENUM, c, v, "is not one of " + String.join("|", c.enumValues()));
        }
        return upper;
    }

    private static Boolean bool(Column c, String v) throws BadValueException {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw bad(Problem.BAD_VALUE, c, v, "is not a boolean (true/false or 1/0)");
        };
    }

    private static Integer integer(Column c, String v) throws BadValueException {
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw bad(Problem.BAD_VALUE, c, v, "is not an integer");
        }
    }

    private static Double dbl(Column c, String v) throws BadValueException {
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException("not finite");
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(Problem.BAD_VALUE, c, v, "is not a finite number");
        }
    }

    private static String currency(Column c, String v) throws BadValueException {
        if (!CURRENCY.matcher(v).matches()) {
            throw bad(Problem.BAD_VALUE, c, v, "is not an ISO 4217 currency code");
        }
        return v.toUpperCase(Locale.ROOT);
    }

    private static void checkRule(Column c, Object value) throws BadValueException {
        if (c.rule() == Column.ValueRule.NONE) {
            return;
        }
        int sign = value instanceof BigDecimal d ? d.signum() : Integer.signum(((Number) value).intValue());
        if (c.rule() == Column.ValueRule.POSITIVE && sign <= 0) {
            throw bad(Problem.NOT_POSITIVE, c, String.valueOf(value), "must be > 0");
        }
        if (c.rule() == Column.ValueRule.NON_NEGATIVE && sign < 0) {
            throw bad(Problem.NEGATIVE_VALUE, c, String.valueOf(value), "must be >= 0");
        }
    }

    private static BadValueException bad(Problem problem, Column c, String v, String why) {
        String shown = v.length() > 60 ? v.substring(0, 60) + "..." : v;
        return new BadValueException(problem, c.name() + ": '" + shown + "' " + why);
    }
}
