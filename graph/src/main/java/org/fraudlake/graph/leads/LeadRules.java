package org.fraudlake.graph.leads;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fraudlake.graph.series.SeriesLinker;

/**
 * The thresholds of the economic-crime lead detectors and of the incident-series linker, as settings
 * ({@code leads.<typology>.*} and {@code leads.incident-series.*}) with documented defaults. Each detector declares
 * its own {@link Rule rules} next to the code that reads them; {@link #all()} lists every one of them. The defaults
 * were read off the simulated city: a city whose money, firms or police data look otherwise sets its own.
 * Changing a rule changes the leads of later runs; re-run {@code fraudlake leads} over earlier dates for them to
 * agree.
 *
 * <p>Values are kept as exact decimals; {@link #of} refuses an unknown key, a value that is not a number, a
 * negative one, a fraction where the rule is a whole number, a share above 1, and rules that contradict each other
 * (a minimum above its maximum).
 */
public final class LeadRules {
    /** The prefix of every rule's key among the settings. */
    public static final String PREFIX = "leads.";

    /** What a rule's number is, which decides how it is checked and read. */
    public enum Kind {
        /** An amount of money (CNY), a decimal number. */
        AMOUNT("CNY", false),
        /** A whole number of things (transfers, accounts, days with an event). */
        COUNT("", true),
        /** A whole number of days. */
        DAYS("days", true),
        /** A whole number of hours. */
        HOURS("hours", true),
        /** A share from 0 to 1. */
        SHARE("share", false),
        /** A multiple, 0 or more (may exceed 1). */
        RATIO("times", false),
        /** A distance in metres. */
        METRES("metres", false);

        private final String unit;
        private final boolean whole;

        Kind(String unit, boolean whole) {
            this.unit = unit;
            this.whole = whole;
        }

        /** The unit a value is in, for the documentation ("" for a plain count). */
        public String unit() {
            return unit;
        }

        /** Whether a value must be a whole number. */
        public boolean whole() {
            return whole;
        }
    }

    /**
     * One threshold of a detector, declared once: its key, kind, default and documentation.
     *
     * @param key          key relative to {@link LeadRules#PREFIX}: the typology's code in kebab case, a dot, the rule
     *                     ({@code round-tripping.min-amount})
     * @param kind         what the number is, which decides how it is checked
     * @param defaultValue the value when no setting gives one, as text
     * @param doc          one sentence for {@code fraudlake config} and the documentation
     */
    public record Rule(String key, Kind kind, String defaultValue, String doc) {
        /**
         * The largest whole number a rule takes (read as an int). Declared here, not in {@link LeadRules}: declaring
         * a rule must not initialize {@link LeadRules}, whose {@link LeadRules#DEFAULTS} read every detector's rules.
         */
        private static final BigDecimal MAX_WHOLE = BigDecimal.valueOf(Integer.MAX_VALUE);

        public Rule {
            Objects.requireNonNull(key);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(doc);
            parse(kind, defaultValue);
        }

        /**
         * The value {@code text} stands for under this rule's kind.
         *
         * @throws IllegalArgumentException saying what is wrong with it (not a number, negative, not whole, a share
         *                                  above 1)
         */
        public BigDecimal parse(String text) {
            return parse(kind, text);
        }

        private static BigDecimal parse(Kind kind, String text) {
            BigDecimal v;
            try {
                v = new BigDecimal(Objects.requireNonNull(text, "no value").trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number, got '" + text + "'", e);
            }
            if (v.signum() < 0) {
                throw new IllegalArgumentException("must not be negative, got " + text.trim());
            }
            if (kind.whole() && (v.stripTrailingZeros().scale() > 0 || v.compareTo(MAX_WHOLE) > 0)) {
                throw new IllegalArgumentException("must be a whole number (" + (kind.unit().isEmpty() ? "a count"
                        : kind.unit()) + ") up to " + MAX_WHOLE + ", got " + text.trim());
            }
            if (kind == Kind.SHARE && v.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("must be a share from 0 to 1, got " + text.trim());
            }
            return v.scale() < 0 ? v.setScale(0) : v; // 1E+5: Spark refuses decimal literals of negative scale
        }
    }

    /** How many days back incidents are linked into series. */
    public static final Rule SERIES_LOOKBACK_DAYS = new Rule("incident-series.lookback-days", Kind.DAYS,
            String.valueOf(SeriesLinker.Settings.DEFAULTS.lookbackDays()), "Incidents that occurred this many days "
                    + "before the date or fewer are linked into series.");
    /** How long a series stays open after its last incident. */
    public static final Rule SERIES_OPEN_DAYS = new Rule("incident-series.open-days", Kind.DAYS,
            String.valueOf(SeriesLinker.Settings.DEFAULTS.openDays()), "A series is open while its last incident is "
                    + "at most this many days before the date; at most incident-series.lookback-days.");
    /** Most days between two linked incidents. */
    public static final Rule SERIES_MAX_GAP_DAYS = new Rule("incident-series.max-gap-days", Kind.DAYS,
            String.valueOf(SeriesLinker.Settings.DEFAULTS.maxGapDays()), "Two incidents with the same category and "
                    + "modus operandi link when they occurred at most this many days apart.");
    /** Distance under which incidents in different communities link. */
    public static final Rule SERIES_RADIUS_METRES = new Rule("incident-series.radius-metres", Kind.METRES,
            BigDecimal.valueOf(SeriesLinker.Settings.DEFAULTS.radiusMetres()).stripTrailingZeros().toPlainString(),
            "Incidents in different communities link when at most this many metres apart.");
    /** Fewest incidents of a series. */
    public static final Rule SERIES_MIN_MEMBERS = new Rule("incident-series.min-members", Kind.COUNT,
            String.valueOf(SeriesLinker.Settings.DEFAULTS.minMembers()), "Fewest linked incidents that make a series.");

    /** Every rule at its default. */
    public static final LeadRules DEFAULTS = of(Map.of());

    private final Map<String, BigDecimal> values;

    private LeadRules(Map<String, BigDecimal> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Every rule, by detector in the order the leads job runs them, then the incident series: documentation order. */
    public static List<Rule> all() {
        return Stream.of(
                List.of(RoundTripping.MIN_AMOUNT, RoundTripping.MAX_HOP_HOURS, RoundTripping.MIN_HOP_RATIO,
                        RoundTripping.MIN_HOPS, RoundTripping.MAX_HOPS),
                List.of(UndergroundBanking.ROUND_UNIT, UndergroundBanking.MIN_ROUND, UndergroundBanking.MIN_ROUND_IN,
                        UndergroundBanking.MIN_ROUND_OUT, UndergroundBanking.MIN_ROUND_VOLUME,
                        UndergroundBanking.MIN_PASS, UndergroundBanking.MAX_PASS, UndergroundBanking.MIN_RING,
                        UndergroundBanking.MIN_BANKS, UndergroundBanking.MIN_CUSTOMERS,
                        UndergroundBanking.MIN_RECIPIENTS),
                List.of(IllegalFundraising.MIN_INVESTMENT, IllegalFundraising.MIN_INVESTORS,
                        IllegalFundraising.MIN_BATCH, IllegalFundraising.MIN_RETURNED,
                        IllegalFundraising.MIN_RETURNED_SHARE, IllegalFundraising.MIN_SIPHON),
                List.of(ShellCompany.MAX_CAPITAL, ShellCompany.MIN_LOW_CAPITAL, ShellCompany.MIN_FLOW_TO_CAPITAL,
                        ShellCompany.MIN_INTERNAL_SHARE, ShellCompany.MIN_INTERNAL_AMOUNT, ShellCompany.MAX_SHARED),
                List.of(StructuringRing.MIN_BAND, StructuringRing.MIN_DAYS, StructuringRing.MIN_BAND_SHARE,
                        StructuringRing.MIN_SWEPT_SHARE, StructuringRing.MIN_SWEEP),
                List.of(BidRigging.MIN_SHARED_TENDERS, BidRigging.MIN_TIGHT_TENDERS, BidRigging.MAX_COVER),
                List.of(SERIES_LOOKBACK_DAYS, SERIES_OPEN_DAYS, SERIES_MAX_GAP_DAYS, SERIES_RADIUS_METRES,
                        SERIES_MIN_MEMBERS)).flatMap(List::stream).toList();
    }

    /**
     * The rules with {@code values} (keys relative to {@link #PREFIX}, values as text) over the defaults.
     *
     * @throws IllegalArgumentException naming the key and value: an unknown key (listing the valid ones), a value
     *                                  its rule refuses, or two rules that contradict each other
     */
    public static LeadRules of(Map<String, String> values) {
        Map<String, Rule> byKey = new LinkedHashMap<>();
        all().forEach(r -> byKey.put(r.key(), r));
        for (String key : values.keySet()) {
            if (!byKey.containsKey(key)) {
                throw new IllegalArgumentException("unknown lead rule '" + PREFIX + key + "'; valid: "
                        + byKey.keySet().stream().map(k -> PREFIX + k).collect(Collectors.joining(", ")));
            }
        }
        Map<String, BigDecimal> parsed = new LinkedHashMap<>();
        for (Rule rule : byKey.values()) {
            String text = values.getOrDefault(rule.key(), rule.defaultValue());
            try {
                parsed.put(rule.key(), rule.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting " + PREFIX + rule.key() + " = '" + text + "' is invalid: "
                        + e.getMessage(), e);
            }
        }
        LeadRules rules = new LeadRules(parsed);
        rules.check();
        return rules;
    }

    private void check() {
        List<String> wrong = new ArrayList<>();
        atLeast(RoundTripping.MIN_HOPS, BigDecimal.valueOf(2), "a cycle has two transfers or more", wrong);
        notAbove(RoundTripping.MIN_HOPS, RoundTripping.MAX_HOPS, wrong);
        if (value(UndergroundBanking.ROUND_UNIT).signum() == 0) {
            wrong.add(PREFIX + UndergroundBanking.ROUND_UNIT.key() + " = 0 must be positive (a round sum is a whole "
                    + "multiple of it)");
        }
        notAbove(UndergroundBanking.MIN_PASS, UndergroundBanking.MAX_PASS, wrong);
        notAbove(SERIES_OPEN_DAYS, SERIES_LOOKBACK_DAYS, wrong);
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("lead rules contradict each other: " + String.join("; ", wrong));
        }
    }

    private void atLeast(Rule rule, BigDecimal least, String why, List<String> wrong) {
        if (value(rule).compareTo(least) < 0) {
            wrong.add(PREFIX + rule.key() + " = " + value(rule).toPlainString() + " must be at least "
                    + least.toPlainString() + " (" + why + ")");
        }
    }

    private void notAbove(Rule low, Rule high, List<String> wrong) {
        if (value(low).compareTo(value(high)) > 0) {
            wrong.add(PREFIX + low.key() + " = " + value(low).toPlainString() + " is above " + PREFIX + high.key()
                    + " = " + value(high).toPlainString());
        }
    }

    private BigDecimal value(Rule rule) {
        BigDecimal v = values.get(rule.key());
        if (v == null || !all().contains(rule)) {
            throw new IllegalArgumentException("not a lead rule: " + rule);
        }
        return v;
    }

    /** An amount rule's value, exact: compare it with decimal amounts as a decimal literal. */
    public BigDecimal amount(Rule rule) {
        return value(expect(rule, Kind.AMOUNT));
    }

    /** A whole-number rule's value: a count, days or hours. */
    public int count(Rule rule) {
        if (!rule.kind().whole()) {
            throw new IllegalArgumentException(PREFIX + rule.key() + " is not a whole number but " + rule.kind());
        }
        return value(rule).intValueExact();
    }

    /** A share's or a ratio's value. */
    public double share(Rule rule) {
        if (rule.kind() != Kind.SHARE && rule.kind() != Kind.RATIO) {
            throw new IllegalArgumentException(PREFIX + rule.key() + " is not a share but " + rule.kind());
        }
        return value(rule).doubleValue();
    }

    /** The incident-series linker's settings ({@code leads.incident-series.*}). */
    public SeriesLinker.Settings series() {
        return new SeriesLinker.Settings(count(SERIES_LOOKBACK_DAYS), count(SERIES_OPEN_DAYS),
                count(SERIES_MAX_GAP_DAYS), value(expect(SERIES_RADIUS_METRES, Kind.METRES)).doubleValue(),
                count(SERIES_MIN_MEMBERS));
    }

    private static Rule expect(Rule rule, Kind kind) {
        if (rule.kind() != kind) {
            throw new IllegalArgumentException(PREFIX + rule.key() + " is not " + kind + " but " + rule.kind());
        }
        return rule;
    }

    /** Equal when every rule has the same value (compared as numbers: {@code 1000} equals {@code 1000.0}). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LeadRules other)) {
            return false;
        }
        return values.keySet().equals(other.values.keySet()) && values.entrySet().stream()
                .allMatch(e -> e.getValue().compareTo(other.values.get(e.getKey())) == 0);
    }

    @Override
    public int hashCode() {
        return values.entrySet().stream()
                .mapToInt(e -> e.getKey().hashCode() ^ e.getValue().stripTrailingZeros().hashCode()).sum();
    }

    /** Every rule with its value, {@code key=value}, in documentation order. */
    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().toPlainString())
                .collect(Collectors.joining(", ", "LeadRules[", "]"));
    }
}
