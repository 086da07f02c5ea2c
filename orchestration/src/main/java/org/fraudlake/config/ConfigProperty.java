package org.fraudlake.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One setting: key, default, documentation and parser. Every setting is declared once in
 * {@link FraudlakeConfig}; nothing else reads a raw key.
 *
 * @param key          dotted key, as in the YAML file (nested maps) and in {@code --set key=value}
 * @param defaultValue the value when neither the file nor {@code --set} gives one, as text
 * @param doc          one sentence for {@code fraudlake config} and the README
 * @param parser       text to typed value; throws IllegalArgumentException with the reason
 * @param <T>          the value type
 */
public record ConfigProperty<T>(String key, String defaultValue, String doc, Function<String, T> parser) {
    public ConfigProperty {
        Objects.requireNonNull(key);
        Objects.requireNonNull(doc);
    }

    public static ConfigProperty<String> string(String key, String defaultValue, String doc) {
        return new ConfigProperty<>(key, defaultValue, doc, s -> s);
    }

    public static ConfigProperty<Integer> positiveInt(String key, int defaultValue, String doc) {
        return new ConfigProperty<>(key, Integer.toString(defaultValue), doc, s -> {
            int v = Integer.parseInt(s.trim());
            if (v <= 0) {
                throw new IllegalArgumentException("must be > 0");
            }
            return v;
        });
    }

    public static ConfigProperty<Long> longValue(String key, long defaultValue, String doc) {
        return new ConfigProperty<>(key, Long.toString(defaultValue), doc, s -> Long.parseLong(s.trim()));
    }

    public static ConfigProperty<Boolean> bool(String key, boolean defaultValue, String doc) {
        return new ConfigProperty<>(key, Boolean.toString(defaultValue), doc, s -> switch (s.trim().toLowerCase()) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        });
    }

    /** A number in [0, max]. */
    public static ConfigProperty<Double> fraction(String key, String defaultValue, String doc, double max) {
        return new ConfigProperty<>(key, defaultValue, doc, s -> {
            double v = Double.parseDouble(s.trim());
            if (!(v >= 0 && v <= max)) {
                throw new IllegalArgumentException("must be a number in [0, " + (max == 1 ? "1" : String.valueOf(max))
                        + "], got " + s.trim());
            }
            return v;
        });
    }

    public static ConfigProperty<Integer> nonNegativeInt(String key, int defaultValue, String doc) {
        return new ConfigProperty<>(key, Integer.toString(defaultValue), doc, s -> {
            int v = Integer.parseInt(s.trim());
            if (v < 0) {
                throw new IllegalArgumentException("must be >= 0");
            }
            return v;
        });
    }

    /** A positive amount, written as a plain decimal number ({@code 50000}, {@code 4999.99}). */
    static java.math.BigDecimal positiveAmount(String text) {
        java.math.BigDecimal v = new java.math.BigDecimal(text.trim());
        if (v.signum() <= 0) {
            throw new IllegalArgumentException("must be a positive amount");
        }
        return v;
    }

    /** A duration written as a number and a unit: {@code 90s}, {@code 10m}, {@code 2h}, {@code 0}. */
    public static ConfigProperty<java.time.Duration> duration(String key, String defaultValue, String doc) {
        return new ConfigProperty<>(key, defaultValue, doc, ConfigProperty::parseDuration);
    }

    static java.time.Duration parseDuration(String text) {
        String s = text.trim().toLowerCase();
        if (s.equals("0")) {
            return java.time.Duration.ZERO;
        }
        var m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a number with a unit: ms, s, m, h or d (for example 30s, 10m)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> java.time.Duration.ofMillis(n);
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            default -> java.time.Duration.ofDays(n);
        };
    }
}
