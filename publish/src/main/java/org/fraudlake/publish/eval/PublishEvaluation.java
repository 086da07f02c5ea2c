package org.fraudlake.publish.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.spark.Sessions;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.FeedbackLabels;
import org.fraudlake.models.Labels;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.schemas.tables.Published.Action;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.Status;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.CaseLabels;
import org.fraudlake.schemas.tables.Silver.Incidents;
import org.fraudlake.schemas.tables.Silver;

/**
 * Measures the published bank warnings of the business dates FROM..TO against a simulated city's ground truth
 * ({@link Truth}): the closing figures of the publishing issue. The only reader of {@code truth/} besides the
 * graph evaluations; never part of the pipeline. All dates are city dates (UTC+8, {@link Labels#cityDate}).
 *
 * <p><b>1. Precision of the bank warnings ranked by score.</b> Candidates: the rows of
 * {@code published/intercept_list} and {@code published/victim_warnings} with {@code sent = true},
 * {@code entity_type = ACCOUNT} and a business date in FROM..TO; one per entity, its first sent warning (earliest
 * date, then highest score), with that warning's score. Excluded: entities already <i>named</i> before that
 * warning's business date D, i.e. a silver incident listing the account among its suspect or victim accounts
 * (or, for a victim warning, naming the person as its victim) with {@code reported_at} on a city date before D,
 * or a silver case label of any kind on the account (or person) with {@code confirmed_at} on a city date before D.
 * The rest are ranked by score descending, ties by entity token. A candidate is a hit when it is truly involved:
 * an account warning when the account has an offending role in some scheme of {@code truth/entities.csv} (mule,
 * fraud, laundering, shell ... any role but the harmed ones); a victim warning when
 * {@code truth/victim_transfers.csv} holds a payment from the warned person or from the warned account dated D to
 * D + {@value #VICTIM_DAYS} days. precision@k = hits among the first min(k, n) candidates / min(k, n), for k in
 * 20, 50, 100; printed for both lists together and for each list alone (then one per entity within that list).
 *
 * <p><b>2. Mule recall by the day after the first victim inflow.</b> Mules: the accounts paid by a victim in
 * {@code truth/victim_transfers.csv} (the first layer), whose first such payment (over the whole truth) falls on a
 * city date F within FROM..TO-1. Warned in time: a sent row of {@code published/intercept_list} for the account,
 * any action, with a business date on or before F + 1 (earlier than FROM included).
 *
 * <p><b>3. Victim money on the FREEZE list before it was cashed out.</b> A sent FREEZE row of the intercept list
 * of business date D puts the account on the list from the end of D (the night publishes it after D closes) to the
 * end of its {@code valid_until}, or to the end of the business date of a later WITHDRAWN row of the same warning.
 * The money: the victim-money steps of {@code truth/crime_transfers.csv} dated within FROM..TO, in time order:
 * {@code VICTIM_TO_L1} puts victim money on an account, {@code L1_TO_L2} moves it on, {@code CASHOUT_*} takes it
 * out. Each account is a pool in which money mixes in proportion (no FIFO); what leaves it is covered by the
 * pool's victim money up to the pool's balance (money from before FROM is ignored). Money is <i>flagged</i> when
 * it leaves an account that is on the FREEZE list at that moment, or when it left an earlier account so (the
 * pool's flagged share travels with what moves on). Figure: (flagged money cashed out within the window + money
 * still held at the end of TO on accounts on the FREEZE list then + the flagged share of the money held
 * elsewhere) / all victim money paid to scheme accounts within the window. Each unit of victim money counts at
 * most once.
 *
 * <p>Usage: {@code PublishEvaluation LAKE_DIR KEY_FILE FROM TO}. Costs: the truth files are read on the driver,
 * streaming (only victim-money transfers are kept); the sent and withdrawn account rows of both lists up to TO and
 * the named entities (an explode of the incidents' account lists, one aggregation) are collected to the driver.
 */
public final class PublishEvaluation {
    /** Days after a victim warning within which a payment by the person or account makes it a hit. */
    public static final int VICTIM_DAYS = 7;
    /** The cut-offs of the precision table. */
    public static final List<Integer> CUTOFFS = List.of(20, 50, 100);
    static final String ACCOUNT = "ACCOUNT";
    static final String TOKEN = "_token";
    static final String NAMED_ON = "_named_on";
    private static final StructType INCIDENTS_SCHEMA = new StructType()
            .add(Incidents.INCIDENT_ID, DataTypes.StringType).add(Incidents.REPORTED_AT, DataTypes.TimestampType)
            .add(Incidents.VICTIM_ID, DataTypes.StringType)
            .add(Incidents.VICTIM_ACCOUNTS, DataTypes.createArrayType(DataTypes.StringType))
            .add(Incidents.SUSPECT_ACCOUNTS, DataTypes.createArrayType(DataTypes.StringType));
    private static final StructType CASE_LABELS_SCHEMA = new StructType()
            .add(CaseLabels.ENTITY_TYPE, DataTypes.StringType).add(CaseLabels.ENTITY_ID, DataTypes.StringType)
            .add(CaseLabels.LABEL, DataTypes.StringType).add(CaseLabels.CONFIRMED_AT, DataTypes.TimestampType);

    private PublishEvaluation() {
    }

    /** Which published list a warning row comes from. */
    public enum WarningList {
        INTERCEPT, VICTIM
    }

    /** One account row of a published list: a sent warning, or a withdrawal. */
    record Warning(WarningList list, LocalDate date, String warningId, String entity, String person, String action,
                   double score, boolean sent, String status, LocalDate validUntil) {
    }

    /** Precision of one ranking: candidates after exclusion, entities excluded, hits at each of {@link #CUTOFFS}. */
    public record Ranking(String name, int candidates, int excluded, List<Integer> hits) {
        /** precision@k = hits among the first min(k, candidates) / min(k, candidates); 0 without candidates. */
        public double precisionAt(int k) {
            int n = Math.min(k, candidates);
            return n == 0 ? 0 : (double) hits.get(CUTOFFS.indexOf(k)) / n;
        }
    }

    /** Mules whose first victim inflow fell within FROM..TO-1, and those warned by the day after it. */
    public record MuleRecall(int mules, int warnedInTime) {
        public double recall() {
            return mules == 0 ? 0 : (double) warnedInTime / mules;
        }
    }

    /** Victim money paid to scheme accounts within the window, and the part that sat on the FREEZE list. */
    public record FrozenMoney(double victimMoney, double cashedOut, double onFreezeList, int frozenAccounts) {
        public double share() {
            return victimMoney == 0 ? 0 : onFreezeList / victimMoney;
        }
    }

    /** The figures of the window, printed by {@link #main}. */
    public record Figures(LocalDate from, LocalDate to, List<Ranking> rankings, MuleRecall muleRecall,
                          FrozenMoney money) {
        public void print(PrintStream out) {
            out.printf("publish evaluation, business dates %s to %s%n", from, to);
            out.printf("%-36s %10s %8s", "bank warnings ranked by score", "candidates", "excluded");
            CUTOFFS.forEach(k -> out.printf(" %16s", "precision@" + k));
            out.println();
            for (Ranking r : rankings) {
                out.printf("  %-34s %10d %8d", r.name(), r.candidates(), r.excluded());
                CUTOFFS.forEach(k -> out.printf(" %5.1f%% %4d/%-4d", 100 * r.precisionAt(k),
                        r.hits().get(CUTOFFS.indexOf(k)), Math.min(k, r.candidates())));
                out.println();
            }
            out.println("  (excluded: named by a police report or case label before the warning's date; a hit is an "
                    + "offending scheme account, or a victim paying within " + VICTIM_DAYS + " days)");
            out.printf("%-66s %,16.2f%n", "victim money paid to scheme accounts " + from + ".." + to,
                    money.victimMoney());
            out.printf("%-66s %,16.2f%n", "  of it cashed out within the window", money.cashedOut());
            out.printf("%-66s %,16.2f  %5.1f%%  (%d accounts listed by %s)%n",
                    "  sat on a FREEZE-listed account before cash-out (or at the end)", money.onFreezeList(),
                    100 * money.share(), money.frozenAccounts(), to);
            out.printf("%-66s %16s  %5.1f%%%n", "mule recall: first victim inflow " + from + ".." + to.minusDays(1)
                    + ", warned by the next day", muleRecall.warnedInTime() + "/" + muleRecall.mules(),
                    100 * muleRecall.recall());
            out.println("  (listed from the end of the warning's business date to the end of valid_until; money in "
                    + "an account mixes in proportion; each unit counted once)");
        }
    }

    /** The figures of FROM..TO on the lake, with the truth tokenized by the key. */
    public static Figures evaluate(SparkSession spark, Lake lake, Pseudonymizer key, LocalDate from, LocalDate to)
            throws IOException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("evaluation window " + from + ".." + to + ": TO is before FROM");
        }
        Truth truth = Truth.read(Path.of(lake.truth()), key);
        spark.sparkContext().setJobDescription("publish evaluation: warnings up to " + to);
        List<Warning> warnings = new ArrayList<>(warnings(spark, lake.published(Published.INTERCEPT_LIST),
                FeedbackLabels.INTERCEPT_LIST_SCHEMA, WarningList.INTERCEPT, to));
        warnings.addAll(warnings(spark, lake.published(Published.VICTIM_WARNINGS),
                FeedbackLabels.VICTIM_WARNINGS_SCHEMA, WarningList.VICTIM, to));
        spark.sparkContext().setJobDescription("publish evaluation: entities named by reports and labels");
        Map<String, LocalDate> named = named(spark, lake);
        spark.sparkContext().setJobDescription(null);
        return figures(truth, warnings, named, from, to);
    }

    static Figures figures(Truth truth, List<Warning> warnings, Map<String, LocalDate> named, LocalDate from,
                           LocalDate to) {
        Map<String, List<LocalDate>> paidOn = new HashMap<>();
        for (Truth.VictimTransfer v : truth.victimTransfers) {
            LocalDate day = cityDate(v.time());
            paidOn.computeIfAbsent(v.victim(), k -> new ArrayList<>()).add(day);
            paidOn.computeIfAbsent(v.victimAccount(), k -> new ArrayList<>()).add(day);
        }
        Predicate<Warning> hit = w -> w.list() == WarningList.INTERCEPT
                ? truth.offendingAccounts.contains(w.entity())
                : paidWithin(paidOn.get(w.person()), w.date()) || paidWithin(paidOn.get(w.entity()), w.date());
        List<Warning> sent = warnings.stream().filter(w -> w.sent() && !w.date().isBefore(from)).toList();
        List<Ranking> rankings = List.of(
                ranking("all bank warnings", sent, hit, named),
                ranking("account warnings (intercept_list)",
                        sent.stream().filter(w -> w.list() == WarningList.INTERCEPT).toList(), hit, named),
                ranking("victim warnings (victim_warnings)",
                        sent.stream().filter(w -> w.list() == WarningList.VICTIM).toList(), hit, named));
        List<Warning> intercept = warnings.stream().filter(w -> w.list() == WarningList.INTERCEPT).toList();
        return new Figures(from, to, rankings, muleRecall(truth, intercept, from, to),
                frozenMoney(truth, intercept, from, to));
    }

    private static boolean paidWithin(List<LocalDate> days, LocalDate warned) {
        return days != null && days.stream()
                .anyMatch(d -> !d.isBefore(warned) && !d.isAfter(warned.plusDays(VICTIM_DAYS)));
    }

    static Ranking ranking(String name, List<Warning> sent, Predicate<Warning> hit, Map<String, LocalDate> named) {
        Map<String, Warning> first = new LinkedHashMap<>();
        sent.stream().sorted(Comparator.comparing(Warning::date)
                        .thenComparing(Warning::score, Comparator.reverseOrder()).thenComparing(Warning::warningId))
                .forEach(w -> first.putIfAbsent(w.entity(), w));
        List<Warning> candidates = first.values().stream()
                .filter(w -> !namedBefore(named, w.entity(), w.date()) && !namedBefore(named, w.person(), w.date()))
                .sorted(Comparator.comparing(Warning::score, Comparator.reverseOrder()).thenComparing(Warning::entity))
                .toList();
        List<Integer> hits = CUTOFFS.stream()
                .map(k -> (int) candidates.stream().limit(k).filter(hit).count()).toList();
        return new Ranking(name, candidates.size(), first.size() - candidates.size(), hits);
    }

    private static boolean namedBefore(Map<String, LocalDate> named, String token, LocalDate day) {
        LocalDate on = token == null ? null : named.get(token);
        return on != null && on.isBefore(day);
    }

    static MuleRecall muleRecall(Truth truth, List<Warning> intercept, LocalDate from, LocalDate to) {
        Map<String, Instant> firstInflow = new HashMap<>();
        truth.victimTransfers.forEach(v -> firstInflow.merge(v.mule(), v.time(), (a, b) -> a.isBefore(b) ? a : b));
        Map<String, LocalDate> firstWarned = new HashMap<>();
        intercept.stream().filter(Warning::sent)
                .forEach(w -> firstWarned.merge(w.entity(), w.date(), (a, b) -> a.isBefore(b) ? a : b));
        int mules = 0;
        int warned = 0;
        for (Map.Entry<String, Instant> e : firstInflow.entrySet()) {
            LocalDate day = cityDate(e.getValue());
            if (day.isBefore(from) || !day.isBefore(to)) {
                continue;
            }
            mules++;
            LocalDate w = firstWarned.get(e.getKey());
            warned += w != null && !w.isAfter(day.plusDays(1)) ? 1 : 0;
        }
        return new MuleRecall(mules, warned);
    }

    /** A pool of victim money on one account: its balance and the flagged part of it. */
    private static final class Pool {
        private double balance;
        private double flagged;
    }

    static FrozenMoney frozenMoney(Truth truth, List<Warning> intercept, LocalDate from, LocalDate to) {
        FreezeList list = FreezeList.of(intercept);
        Instant start = AsOf.startOf(from);
        Instant end = endOf(to);
        Map<String, Pool> pools = new HashMap<>();
        double paid = 0;
        double cashed = 0;
        double onList = 0;
        for (Truth.Move m : truth.moves) {
            if (m.time().isBefore(start) || !m.time().isBefore(end)) {
                continue;
            }
            if (m.step().equals(Truth.VICTIM_TO_L1)) {
                paid += m.amount();
                pools.computeIfAbsent(m.to(), k -> new Pool()).balance += m.amount();
                continue;
            }
            Pool pool = m.from() == null ? null : pools.get(m.from());
            if (pool == null || pool.balance <= 0) {
                continue;
            }
            double covered = Math.min(m.amount(), pool.balance);
            double flaggedShare = pool.flagged * covered / pool.balance;
            double flagged = list.listed(m.from(), m.time()) ? covered : flaggedShare;
            pool.balance -= covered;
            pool.flagged -= flaggedShare;
            if (m.cashout() || m.to() == null) {
                cashed += covered;
                onList += flagged;
            } else {
                Pool next = pools.computeIfAbsent(m.to(), k -> new Pool());
                next.balance += covered;
                next.flagged += flagged;
            }
        }
        for (Map.Entry<String, Pool> e : pools.entrySet()) {
            onList += list.listed(e.getKey(), end.minusMillis(1)) ? e.getValue().balance : e.getValue().flagged;
        }
        return new FrozenMoney(paid, cashed, onList, list.accounts());
    }

    /** When each account is on the FREEZE list: intervals [end of business date, end of valid_until or withdrawal). */
    private record FreezeList(Map<String, List<Instant[]>> intervals) {
        static FreezeList of(List<Warning> intercept) {
            Map<String, LocalDate> withdrawn = new HashMap<>();
            intercept.stream().filter(w -> Status.WITHDRAWN.name().equals(w.status()))
                    .forEach(w -> withdrawn.merge(w.warningId(), w.date(), (a, b) -> a.isBefore(b) ? a : b));
            Map<String, List<Instant[]>> out = new HashMap<>();
            for (Warning w : intercept) {
                if (!w.sent() || !Action.FREEZE.name().equals(w.action())) {
                    continue;
                }
                LocalDate last = w.validUntil() == null ? w.date() : w.validUntil();
                LocalDate cut = withdrawn.get(w.warningId());
                if (cut != null && cut.isBefore(last)) {
                    last = cut;
                }
                out.computeIfAbsent(w.entity(), k -> new ArrayList<>()).add(new Instant[]{
                        endOf(w.date()), endOf(last)});
            }
            return new FreezeList(out);
        }

        boolean listed(String account, Instant at) {
            return intervals.getOrDefault(account, List.of()).stream()
                    .anyMatch(i -> !at.isBefore(i[0]) && at.isBefore(i[1]));
        }

        int accounts() {
            return intervals.size();
        }
    }

    /** The end of a city date (the start of the next). */
    private static Instant endOf(LocalDate day) {
        return AsOf.startOf(day.plusDays(1));
    }

    private static LocalDate cityDate(Instant at) {
        return AsOf.cityDate(at);
    }

    /** The account rows of a list up to TO that were sent, or that withdraw a warning. */
    private static List<Warning> warnings(SparkSession spark, String path, StructType schema, WarningList list,
                                          LocalDate to) {
        Column person = list == WarningList.VICTIM ? col(VictimWarnings.PERSON_ID) : lit(null).cast("string");
        List<Warning> out = new ArrayList<>();
        for (Row r : DeltaIO.readOrEmpty(spark, path, schema)
                .filter(col(InterceptList.ENTITY_TYPE).equalTo(ACCOUNT)
                        .and(col(Published.BUSINESS_DATE).leq(lit(to.toString()).cast("date")))
                        .and(col(InterceptList.SENT).or(col(InterceptList.STATUS).equalTo(Status.WITHDRAWN.name()))))
                .select(col(Published.BUSINESS_DATE), col(InterceptList.WARNING_ID), col(InterceptList.ENTITY_ID),
                        person, col(InterceptList.ACTION), col(InterceptList.SCORE).cast("double"),
                        col(InterceptList.SENT), col(InterceptList.STATUS), col(InterceptList.VALID_UNTIL))
                .collectAsList()) {
            out.add(new Warning(list, date(r.get(0)), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                    r.isNullAt(5) ? 0 : r.getDouble(5), !r.isNullAt(6) && r.getBoolean(6), r.getString(7),
                    r.isNullAt(8) ? null : date(r.get(8))));
        }
        return out;
    }

    /**
     * Token to the first city date it was named: an incident's suspect and victim accounts and victim, by
     * reported_at; a case label's entity, by confirmed_at.
     */
    private static Map<String, LocalDate> named(SparkSession spark, Lake lake) {
        Dataset<Row> incidents = DeltaIO.readOrEmpty(spark, lake.silver(Silver.INCIDENTS), INCIDENTS_SCHEMA)
                .withColumn(NAMED_ON, Labels.cityDate(col(Incidents.REPORTED_AT)));
        Dataset<Row> labels = DeltaIO.readOrEmpty(spark, lake.silver(Silver.CASE_LABELS), CASE_LABELS_SCHEMA);
        Dataset<Row> all = incidents.select(explode(col(Incidents.SUSPECT_ACCOUNTS)).as(TOKEN), col(NAMED_ON))
                .unionByName(incidents.select(explode(col(Incidents.VICTIM_ACCOUNTS)).as(TOKEN), col(NAMED_ON)))
                .unionByName(incidents.select(col(Incidents.VICTIM_ID).as(TOKEN), col(NAMED_ON)))
                .unionByName(labels.select(col(CaseLabels.ENTITY_ID).as(TOKEN),
                        Labels.cityDate(col(CaseLabels.CONFIRMED_AT)).as(NAMED_ON)));
        Map<String, LocalDate> out = new HashMap<>();
        for (Row r : all.filter(col(TOKEN).isNotNull()).groupBy(TOKEN).agg(min(NAMED_ON)).collectAsList()) {
            out.put(r.getString(0), date(r.get(1)));
        }
        return out;
    }

    private static LocalDate date(Object value) {
        return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
    }

    /** {@code PublishEvaluation LAKE_DIR KEY_FILE FROM TO}: prints the figures of the business dates FROM..TO. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: PublishEvaluation LAKE_DIR KEY_FILE FROM TO (dates YYYY-MM-DD, inclusive)");
            System.exit(2);
        }
        Path key = Path.of(args[1]);
        if (!Files.isRegularFile(key)) {
            throw new IOException(key + ": no key file; the lake's tokens need the key it was conformed with");
        }
        SparkSession spark = Sessions.create("publish-evaluation", "local[2]", 4);
        try {
            evaluate(spark, new Lake(args[0]), Pseudonymizer.fromKeyFile(key), LocalDate.parse(args[2]),
                    LocalDate.parse(args[3])).print(System.out);
        } finally {
            spark.stop();
        }
    }
}
