package org.fraudlake.publish.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.publish.decisions.DecisionsJob;
import org.fraudlake.schemas.tables.Published.Action;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.Status;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Subscribers;
import org.fraudlake.schemas.tables.Silver;

/**
 * The decisions' figures over the business dates FROM..TO, from what was sent (the outbox's rows in
 * {@code published/intercept_list} and {@code published/victim_warnings}) and a simulated city's ground truth.
 *
 * <p><b>Per action.</b> The new warnings sent (status NEW or ESCALATED, {@code sent}), detected ({@code known_by}
 * null) and echoes apart, and the share that was right: an account warning (FREEZE, MONITOR) when the account has
 * an offending role in some scheme, a number (BLOCK, MONITOR) when the phone has one, a CONTACT_VICTIM warning when
 * the warned person or account paid a scheme account within {@link PublishEvaluation#VICTIM_DAYS} days of the
 * warning's date.
 *
 * <p><b>Budgets.</b> Per partner and action: the nights with new detected warnings, the most in one night and the
 * median, against the partner's budget ({@link DecisionsJob.Budget#of} of its accounts or numbers in silver, the
 * same sizes the decisions use on TO); whether every night stayed within it.
 */
public final class DecisionEvaluation {
    private static final StructType LIST = StructType.fromDDL(InterceptList.PARTNER + " STRING, "
            + InterceptList.ENTITY_TYPE + " STRING, " + InterceptList.ENTITY_ID + " STRING, " + InterceptList.ACTION
            + " STRING, " + InterceptList.STATUS + " STRING, " + InterceptList.SENT + " BOOLEAN, "
            + InterceptList.KNOWN_BY + " STRING, " + Published.BUSINESS_DATE + " DATE");
    private static final StructType VICTIM_LIST = LIST.add(VictimWarnings.PERSON_ID, "STRING");

    private DecisionEvaluation() {
    }

    /** One action's new warnings: sent, right, and the same for the detected ones. */
    public record ActionFigures(String action, int sent, int right, int detected, int detectedRight) {
        public double precision() {
            return sent == 0 ? Double.NaN : (double) right / sent;
        }

        public double detectedPrecision() {
            return detected == 0 ? Double.NaN : (double) detectedRight / detected;
        }
    }

    /** One partner and action: nights with new detected warnings, the most and the median per night, the budget. */
    public record Load(String partner, String action, int nights, int most, double median, int budget) {
        public boolean within() {
            return most <= budget;
        }
    }

    /** One sent new warning. */
    record Sent(LocalDate date, String partner, String entityType, String entity, String person, String action,
                boolean detected) {
    }

    public record Figures(LocalDate from, LocalDate to, List<ActionFigures> actions, List<Load> loads) {
        public void print(PrintStream out) {
            out.printf("decisions, business dates %s to %s: new warnings sent (NEW or ESCALATED)%n", from, to);
            out.printf("  %-16s %8s %8s %10s   %10s %8s %10s%n", "action", "sent", "right", "precision", "detected",
                    "right", "precision");
            for (ActionFigures a : actions) {
                out.printf("  %-16s %8d %8d %9.1f%%   %10d %8d %9.1f%%%n", a.action(), a.sent(), a.right(),
                        100 * a.precision(), a.detected(), a.detectedRight(), 100 * a.detectedPrecision());
            }
            out.println("  (right: an offending scheme account or number; for CONTACT_VICTIM, the person or account paid "
                    + "a scheme account within " + PublishEvaluation.VICTIM_DAYS + " days)");
            out.printf("new detected warnings per partner and night, against its budget%n");
            out.printf("  %-12s %-16s %7s %6s %7s %7s  %s%n", "partner", "action", "nights", "most", "median", "budget",
                    "within");
            for (Load l : loads) {
                out.printf("  %-12s %-16s %7d %6d %7.1f %7d  %s%n", l.partner() == null ? "(no carrier)" : l.partner(),
                        l.action(), l.nights(), l.most(), l.median(), l.budget(), l.within() ? "yes" : "NO");
            }
            out.printf("  every partner within its budget on every night: %s%n",
                    loads.stream().allMatch(Load::within) ? "yes" : "NO");
        }
    }

    public static Figures evaluate(SparkSession spark, Lake lake, Pseudonymizer key, LocalDate from, LocalDate to,
                                   DecisionsJob.Settings settings) throws IOException {
        Truth truth = Truth.read(Path.of(lake.truth()), key);
        List<Sent> sent = new ArrayList<>(sent(spark, lake.published(Published.INTERCEPT_LIST), LIST, false, from, to));
        sent.addAll(sent(spark, lake.published(Published.VICTIM_WARNINGS), VICTIM_LIST, true, from, to));
        Map<String, Long> sizes = new HashMap<>();
        DeltaIO.read(spark, lake.silver(Silver.ACCOUNTS)).groupBy(Accounts.BANK).agg(count(lit(1))).collectAsList()
                .forEach(r -> sizes.put(r.getString(0), r.getLong(1)));
        DeltaIO.read(spark, lake.silver(Silver.SUBSCRIBERS)).groupBy(Subscribers.CARRIER).agg(count(lit(1)))
                .collectAsList().forEach(r -> sizes.put(r.getString(0), r.getLong(1)));
        return figures(truth, sent, sizes, settings, from, to);
    }

    static Figures figures(Truth truth, List<Sent> sent, Map<String, Long> sizes, DecisionsJob.Settings settings,
                           LocalDate from, LocalDate to) {
        Map<String, List<LocalDate>> paidOn = new HashMap<>();
        for (Truth.VictimTransfer v : truth.victimTransfers) {
            LocalDate day = AsOf.cityDate(v.time());
            paidOn.computeIfAbsent(v.victim(), k -> new ArrayList<>()).add(day);
            paidOn.computeIfAbsent(v.victimAccount(), k -> new ArrayList<>()).add(day);
        }
        List<ActionFigures> actions = new ArrayList<>();
        for (Action a : Action.values()) {
            int n = 0;
            int right = 0;
            int detected = 0;
            int detectedRight = 0;
            for (Sent s : sent) {
                if (!s.action().equals(a.name())) {
                    continue;
                }
                boolean ok = a == Action.CONTACT_VICTIM
                        ? paidWithin(paidOn.get(s.person()), s.date()) || paidWithin(paidOn.get(s.entity()), s.date())
                        : "PHONE".equals(s.entityType()) ? truth.offendingPhones.contains(s.entity())
                        : truth.offendingAccounts.contains(s.entity());
                n++;
                right += ok ? 1 : 0;
                detected += s.detected() ? 1 : 0;
                detectedRight += s.detected() && ok ? 1 : 0;
            }
            actions.add(new ActionFigures(a.name(), n, right, detected, detectedRight));
        }
        Map<List<String>, Map<LocalDate, Integer>> perNight = new TreeMap<>(
                java.util.Comparator.comparing((List<String> k) -> String.valueOf(k.get(0))).thenComparing(k -> k.get(1)));
        for (Sent s : sent) {
            if (s.detected()) {
                perNight.computeIfAbsent(java.util.Arrays.asList(s.partner(), s.action()), k -> new TreeMap<>())
                        .merge(s.date(), 1, Integer::sum);
            }
        }
        List<Load> loads = new ArrayList<>();
        perNight.forEach((k, nights) -> {
            List<Integer> counts = nights.values().stream().sorted().toList();
            int size = counts.size();
            double median = size % 2 == 1 ? counts.get(size / 2) : (counts.get(size / 2 - 1) + counts.get(size / 2)) / 2.0;
            int budget = settings.budget(Action.valueOf(k.get(1))).of(k.get(0) == null ? 0 : sizes.getOrDefault(k.get(0), 0L));
            loads.add(new Load(k.get(0), k.get(1), size, counts.get(size - 1), median, budget));
        });
        return new Figures(from, to, actions, loads);
    }

    private static boolean paidWithin(List<LocalDate> days, LocalDate warned) {
        return days != null && days.stream().anyMatch(d -> !d.isBefore(warned)
                && !d.isAfter(warned.plusDays(PublishEvaluation.VICTIM_DAYS)));
    }

    private static List<Sent> sent(SparkSession spark, String path, StructType schema, boolean victims, LocalDate from,
                                   LocalDate to) {
        Column person = victims ? col(VictimWarnings.PERSON_ID) : lit(null).cast("string");
        Dataset<Row> rows = DeltaIO.readOrEmpty(spark, path, schema)
                .filter(col(Published.BUSINESS_DATE).between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to))
                        .and(col(InterceptList.SENT))
                        .and(col(InterceptList.STATUS).isin(Status.NEW.name(), Status.ESCALATED.name())));
        List<Sent> out = new ArrayList<>();
        for (Row r : rows.select(col(Published.BUSINESS_DATE), col(InterceptList.PARTNER), col(InterceptList.ENTITY_TYPE),
                col(InterceptList.ENTITY_ID), person, col(InterceptList.ACTION), col(InterceptList.KNOWN_BY).isNull())
                .collectAsList()) {
            out.add(new Sent(r.getDate(0).toLocalDate(), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                    r.getString(5), r.getBoolean(6)));
        }
        return out;
    }
}
