package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.Checkpoints;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver.Calls;
import org.fraudlake.schemas.tables.Silver.Transactions;
import org.fraudlake.schemas.tables.Silver;

/**
 * Features: the gold daily aggregates and feature tables for one business date D.
 *
 * <p><b>Incremental maintenance.</b> Raw silver events are read for D (and D-1, which the 24-hour
 * pass-through and calls-before-payment windows reach into) and reduced to four additive daily aggregates:
 * per account, per account and counterparty, per number, per caller and callee. Each rolling 1/7/30-day
 * feature is then a conditional sum, or a count over first/last days and day bit masks, of the last 30
 * daily partitions of those aggregates (31 where "new" needs the 30 days before D), never a rescan of 30
 * days of transactions and calls. A night costs: one read of two days of silver events, one grouping per
 * aggregate and five small writes (the four aggregates and the {@code account_last_active} snapshot that lets
 * dormancy look back beyond 30 days by reading one partition); then one read of the 30 or 31 daily
 * partitions of each aggregate (partition-pruned), summarized once into per-account totals, counterparty
 * pairs and contact pairs that all feature tables share; D's call-then-pay events ({@link CallPayments}, read
 * from those pairs and the two days' events, written to {@code agg_call_payment_daily} for D only, so a night
 * that was never run has none); a handful of groupings and joins of per-entity frames, and four writes. Nothing
 * is collected to the driver but the dates present in the window.
 *
 * <p>The window's earlier days must have their aggregates. Any day of the 31 read that has silver events
 * but no aggregate (first run, a skipped night) is aggregated in the same pass, from the first such day to
 * D, so the first run on an existing lake costs one 31-day scan and later nights do not.
 *
 * <p><b>Point in time.</b> Features for D read business dates up to D only, and events timed before the end
 * of D (city time); the latest-state silver tables are cut back to what existed on D ({@link StateAsOf}),
 * labels included: a label confirmed after D does not count for D. Every table is written with
 * {@code replaceWhere} on its dates, and every transform is deterministic (exact decimal sums, sorted sets,
 * key tie-breaks), so running a date again gives the same rows. Restating the silver events of an earlier
 * day requires running the days after it again, as for any rolling feature.
 *
 * <p><b>Execution.</b> Independent steps (the account and the phone aggregates, the shared inputs, the four
 * feature tables) run as concurrent Spark jobs from {@value #PARALLELISM} threads, so that planning, commits
 * and small stages overlap instead of leaving the cores idle. Shared inputs are materialized with their
 * lineage cut (a local checkpoint), so the plans of the feature tables stay small; they are freed at the end.
 */
public final class FeaturesJob {
    /** Concurrent Spark jobs. */
    static final int PARALLELISM = 4;
    /** The order of the returned row counts. */
    private static final List<String> TABLES = List.of(Gold.AGG_ACCOUNT_DAILY, Gold.AGG_ACCOUNT_COUNTERPARTY_DAILY,
            Gold.AGG_PHONE_DAILY, Gold.AGG_PHONE_CONTACT_DAILY, Gold.ACCOUNT_LAST_ACTIVE, Gold.AGG_CALL_PAYMENT_DAILY,
            Gold.FEATURES_ACCOUNT_DAILY,
            Gold.FEATURES_PHONE_DAILY, Gold.FEATURES_PERSON_DAILY, Gold.FEATURES_COMPANY_DAILY);
    private final Lake lake;
    private final Consumer<String> progress;
    private final ReportingLines lines;
    private final SignalSettings signals;

    public FeaturesJob(Lake lake, Consumer<String> progress) {
        this(lake, progress, ReportingLines.DEFAULTS, SignalSettings.DEFAULTS);
    }

    /** A job whose below-threshold counts use the city's reporting lines, and its signals the city's thresholds. */
    public FeaturesJob(Lake lake, Consumer<String> progress, ReportingLines lines, SignalSettings signals) {
        this.lake = lake;
        this.progress = progress;
        this.lines = lines;
        this.signals = signals;
    }

    /**
     * Aggregates D (and any earlier day of the window missing its aggregates) and writes the feature tables
     * for D. Returns the rows written per gold table, in {@link Gold} order (aggregates: over all days
     * aggregated; features: for D).
     */
    public Result run(SparkSession spark, LocalDate date) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, runnable -> {
            Thread t = new Thread(runnable, "features-" + date);
            t.setDaemon(true);
            return t;
        });
        Night night = new Night(spark, new AsOf(date), pool);
        try {
            night.run();
        } finally {
            night.release();
            pool.shutdownNow();
            spark.sparkContext().setJobDescription(null);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        TABLES.stream().filter(night.counts::containsKey).forEach(t -> counts.put(t, night.counts.get(t)));
        return new Result(counts, night.late.getOrDefault(Silver.TRANSACTIONS, 0L),
                night.late.getOrDefault(Silver.CALLS, 0L));
    }

    /**
     * What a run wrote, and the day's events left out of its features because they are timed after the end of their
     * business date in the city's time zone (a sender's clock or zone error, or a delivery filed under the wrong
     * date): counted, so the ledger and the operator see them.
     *
     * @param counts           rows written per gold table
     * @param lateTransactions transactions of D timed after the end of D (city time)
     * @param lateCalls        calls of D timed after the end of D (city time)
     */
    public record Result(Map<String, Long> counts, long lateTransactions, long lateCalls) {
        /** A note for the run ledger, or null when no event was late. */
        public String note() {
            return lateTransactions + lateCalls == 0 ? null : lateTransactions + " transactions and " + lateCalls
                    + " calls timed after the end of their business date (city time zone "
                    + AsOf.cityZone().getId() + ") left out of the features";
        }
    }

    /** One gold table to write for the dates {@code [from, to]}, its rows built when the step runs. */
    private record Step(String table, LocalDate from, LocalDate to, Supplier<Dataset<Row>> rows) {
        String days() {
            return from.equals(to) ? to.toString() : from + ".." + to;
        }

        String replaceWhere() {
            return from.equals(to) ? Gold.BUSINESS_DATE + " = DATE'" + to + "'"
                    : Gold.BUSINESS_DATE + " >= DATE'" + from + "' AND " + Gold.BUSINESS_DATE + " <= DATE'" + to + "'";
        }
    }

    private static Column between(LocalDate from, LocalDate to) {
        return col(Gold.BUSINESS_DATE).geq(AsOf.day(from)).and(col(Gold.BUSINESS_DATE).leq(AsOf.day(to)));
    }

    /** The work of one run: the session, the date, the threads, and what to free at the end. */
    private final class Night {
        private final SparkSession spark;
        private final AsOf asOf;
        private final ExecutorService pool;
        private final Checkpoints checkpoints = new Checkpoints();
        private final Map<String, Long> counts = new ConcurrentHashMap<>();
        private final Map<String, Long> late = new ConcurrentHashMap<>();
        private CompletableFuture<Dataset<Row>> accounts;
        private CompletableFuture<Dataset<Row>> subscribers;
        private CompletableFuture<Dataset<Row>> companies;
        private CompletableFuture<Dataset<Row>> labeled;

        Night(SparkSession spark, AsOf asOf, ExecutorService pool) {
            this.spark = spark;
            this.asOf = asOf;
            this.pool = pool;
        }

        void run() {
            LocalDate date = asOf.date();
            LocalDate first = firstDayToAggregate();
            accounts = async("input accounts", () -> materialize(StateAsOf.accounts(silver(Silver.ACCOUNTS), asOf)));
            subscribers = async("input subscribers",
                    () -> materialize(StateAsOf.subscribers(silver(Silver.SUBSCRIBERS), asOf)));
            companies = async("input companies", () -> materialize(StateAsOf.companies(silver(Silver.COMPANIES), asOf)));
            labeled = async("input labels",
                    () -> materialize(StateAsOf.labeledAccounts(silver(Silver.CASE_LABELS), asOf)));
            CompletableFuture<Dataset<Row>> transactions = async("silver transactions",
                    () -> materialize(silver(Silver.TRANSACTIONS).filter(between(first.minusDays(1), date))));
            CompletableFuture<Dataset<Row>> calls = async("silver calls",
                    () -> materialize(silver(Silver.CALLS).filter(between(first.minusDays(1), date))));
            CompletableFuture<Dataset<Row>> before = async("last active before " + first,
                    () -> materialize(lastActiveBefore(first)));
            CompletableFuture<Void> accountSide = transactions.thenCombineAsync(before, (txns, last) -> {
                write(new Step(Gold.AGG_ACCOUNT_COUNTERPARTY_DAILY, first, date,
                        () -> DailyAggregates.accountCounterpartyDaily(txns, first, date)));
                Dataset<Row> accountDaily = materialize(DailyAggregates.accountDaily(txns, last, first, date, lines));
                // The per-entity table of each side is written after its pair table: its partition marks the
                // day as aggregated.
                write(new Step(Gold.AGG_ACCOUNT_DAILY, first, date, () -> accountDaily));
                write(new Step(Gold.ACCOUNT_LAST_ACTIVE, date, date,
                        () -> DailyAggregates.lastActive(last, accountDaily, date)));
                return null;
            }, pool);
            CompletableFuture<Void> phoneSide = calls.thenAcceptAsync(c -> {
                write(new Step(Gold.AGG_PHONE_CONTACT_DAILY, first, date,
                        () -> DailyAggregates.phoneContactDaily(c, first, date)));
                write(new Step(Gold.AGG_PHONE_DAILY, first, date, () -> DailyAggregates.phoneDaily(c, first, date,
                        signals.shortCallSeconds())));
            }, pool);
            countLate(Silver.TRANSACTIONS, join(transactions), col(Transactions.TXN_TIME));
            countLate(Silver.CALLS, join(calls), col(Calls.START_TIME));
            features(accountSide, phoneSide, join(transactions), join(calls));
        }

        /** Counts (on the cached frame: no rescan) D's events timed after the end of D in the city. */
        private void countLate(String table, Dataset<Row> events, Column time) {
            long n = events.filter(col(Silver.BUSINESS_DATE).equalTo(asOf.day())
                    .and(not(AsOf.beforeEndOfBusinessDate(time, col(Silver.BUSINESS_DATE))))).count();
            late.put(table, n);
            if (n > 0) {
                progress.accept("  " + n + " " + table + " of " + asOf.date() + " are timed after the end of that day"
                        + " in the city (" + AsOf.cityZone().getId() + "): left out of the features");
            }
        }

        private <T> CompletableFuture<T> async(String what, Supplier<T> work) {
            return CompletableFuture.supplyAsync(() -> {
                spark.sparkContext().setJobDescription("features " + what + " " + asOf.date());
                return work.get();
            }, pool);
        }

        /** The first day of the history with silver events but no aggregate, else D. */
        private LocalDate firstDayToAggregate() {
            LocalDate from = asOf.first(AsOf.HISTORY_DAYS);
            LocalDate to = asOf.date().minusDays(1);
            List<CompletableFuture<Set<LocalDate>>> present = new ArrayList<>();
            for (String path : List.of(lake.silver(Silver.TRANSACTIONS), lake.gold(Gold.AGG_ACCOUNT_DAILY),
                    lake.silver(Silver.CALLS), lake.gold(Gold.AGG_PHONE_DAILY))) {
                present.add(async("dates present", () -> days(path, from, to)));
            }
            Set<LocalDate> missing = new TreeSet<>(join(present.get(0)));
            missing.removeAll(join(present.get(1)));
            Set<LocalDate> missingCalls = new TreeSet<>(join(present.get(2)));
            missingCalls.removeAll(join(present.get(3)));
            missing.addAll(missingCalls);
            missing.add(asOf.date());
            return missing.iterator().next();
        }

        /** The business dates in {@code [from, to]} present in a date-partitioned table. */
        private Set<LocalDate> days(String path, LocalDate from, LocalDate to) {
            if (to.isBefore(from) || !DeltaIO.exists(spark, path)) {
                return Set.of();
            }
            return DeltaIO.read(spark, path).filter(between(from, to)).select(Gold.BUSINESS_DATE).distinct()
                    .collectAsList().stream().map(r -> r.getDate(0).toLocalDate()).collect(Collectors.toSet());
        }

        private Dataset<Row> silver(String table) {
            String path = lake.silver(table);
            if (!DeltaIO.exists(spark, path)) {
                throw new IllegalStateException("features need silver/" + table + ", not found at " + path
                        + ": run conform for " + asOf.date() + " first");
            }
            return DeltaIO.read(spark, path);
        }

        private Dataset<Row> gold(String table, int days) {
            return DeltaIO.read(spark, lake.gold(table)).filter(asOf.within(days));
        }

        /**
         * Last-active dates as of the day before {@code first}: that day's snapshot, or, when it is missing, the
         * latest day of each account in all earlier aggregates (one scan of two columns).
         */
        private Dataset<Row> lastActiveBefore(LocalDate first) {
            LocalDate day = first.minusDays(1);
            String snapshot = lake.gold(Gold.ACCOUNT_LAST_ACTIVE);
            if (!days(snapshot, day, day).isEmpty()) {
                return DeltaIO.read(spark, snapshot).filter(between(day, day));
            }
            String aggregates = lake.gold(Gold.AGG_ACCOUNT_DAILY);
            if (!DeltaIO.exists(spark, aggregates)) {
                return spark.createDataFrame(List.of(), StructType.fromDDL(Gold.AccountLastActive.ACCOUNT_ID
                        + " STRING, " + Gold.AccountLastActive.LAST_ACTIVE_DATE + " DATE"));
            }
            progress.accept("  gold/" + Gold.ACCOUNT_LAST_ACTIVE + " has no snapshot for " + day
                    + ": rebuilding it from " + Gold.AGG_ACCOUNT_DAILY);
            return DailyAggregates.lastActiveFromAggregates(DeltaIO.read(spark, aggregates)
                    .filter(col(Gold.BUSINESS_DATE).leq(AsOf.day(day))));
        }

        /** The first business date with silver transactions (partition values only). */
        private LocalDate historyStart() {
            Row first = spark.read().format("delta").load(lake.silver(Silver.TRANSACTIONS))
                    .agg(org.apache.spark.sql.functions.min(Gold.BUSINESS_DATE)).first();
            return first.isNullAt(0) ? asOf.date() : first.getDate(0).toLocalDate();
        }

        /**
         * The inputs the feature tables share, each materialized as soon as what it reads is written (the
         * account side, the phone side), then the four tables concurrently.
         */
        private void features(CompletableFuture<Void> accountSide, CompletableFuture<Void> phoneSide,
                              Dataset<Row> transactions, Dataset<Row> calls) {
            CompletableFuture<Dataset<Row>> accountDaily = accountSide.thenApplyAsync(
                    written -> materialize(gold(Gold.AGG_ACCOUNT_DAILY, AsOf.WINDOW_DAYS)), pool);
            CompletableFuture<Dataset<Row>> totals = accountDaily.thenApplyAsync(
                    daily -> materialize(AccountFeatures.totals(asOf, daily)), pool);
            CompletableFuture<Dataset<Row>> counterparties = accountSide.thenApplyAsync(written -> materialize(
                    CounterpartyPairs.of(asOf, gold(Gold.AGG_ACCOUNT_COUNTERPARTY_DAILY, AsOf.HISTORY_DAYS))), pool);
            CompletableFuture<Dataset<Row>> contacts = phoneSide.thenApplyAsync(written -> materialize(
                    ContactPairs.of(asOf, gold(Gold.AGG_PHONE_CONTACT_DAILY, AsOf.HISTORY_DAYS))), pool);
            CompletableFuture<Dataset<Row>> phoneDaily = phoneSide.thenApplyAsync(
                    written -> materialize(gold(Gold.AGG_PHONE_DAILY, AsOf.WINDOW_DAYS)), pool);
            Dataset<Row> links = silver(Silver.ENTITY_LINKS);

            LocalDate d = asOf.date();
            CompletableFuture<Dataset<Row>> callPayments = CompletableFuture.allOf(counterparties, contacts, accounts,
                    subscribers, companies).thenApplyAsync(ready -> {
                        write(new Step(Gold.AGG_CALL_PAYMENT_DAILY, d, d, () -> CallPayments.of(asOf, transactions,
                                calls, join(contacts), join(counterparties), join(accounts), join(subscribers),
                                join(companies), signals)));
                        return materialize(gold(Gold.AGG_CALL_PAYMENT_DAILY, AsOf.WINDOW_DAYS));
                    }, pool);
            List<Step> steps = List.of(
                    new Step(Gold.FEATURES_ACCOUNT_DAILY, d, d, () -> AccountFeatures.compute(asOf, join(totals),
                            join(accountDaily), join(counterparties), join(accounts), join(labeled),
                            join(callPayments), historyStart(), signals)),
                    new Step(Gold.FEATURES_PHONE_DAILY, d, d, () -> PhoneFeatures.compute(asOf, join(phoneDaily),
                            join(contacts), join(subscribers), links, join(counterparties), join(labeled),
                            join(callPayments))),
                    new Step(Gold.FEATURES_PERSON_DAILY, d, d, () -> PersonFeatures.compute(asOf, join(totals),
                            join(counterparties), join(contacts), join(phoneDaily), transactions, calls,
                            join(accounts), join(subscribers), join(companies), join(callPayments), signals)),
                    new Step(Gold.FEATURES_COMPANY_DAILY, d, d, () -> CompanyFeatures.compute(asOf, join(totals),
                            join(accountDaily), join(counterparties), join(accounts), join(companies))));
            // Wait for the inputs here, not in the pool's threads, so that no step holds a thread the inputs need.
            for (CompletableFuture<?> input : List.of(accountDaily, totals, counterparties, contacts, phoneDaily,
                    accounts, subscribers, companies, labeled, callPayments)) {
                join(input);
            }
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (Step step : steps) {
                writes.add(CompletableFuture.runAsync(() -> write(step), pool));
            }
            writes.forEach(FeaturesJob::join);
        }

        /**
         * Materializes a frame that several steps read, cutting its lineage: later plans see a plain scan of
         * the stored rows, so the optimizer and adaptive re-planning do not re-walk (and the cache manager does
         * not re-match) the plan that built it, a cost that dominates on small data.
         */
        private Dataset<Row> materialize(Dataset<Row> frame) {
            return checkpoints.materialize(frame);
        }

        /** Frees what {@link #materialize} stored. */
        void release() {
            checkpoints.release();
        }

        /**
         * Builds and writes one gold table (one file per date), replacing its dates, and records the rows
         * written, from the commit's metrics (no second pass over the data).
         */
        private void write(Step step) {
            spark.sparkContext().setJobDescription("features gold/" + step.table() + " " + step.days());
            long t0 = System.nanoTime();
            Dataset<Row> rows = step.rows().get();
            String path = lake.gold(step.table());
            Dataset<Row> files = step.from().equals(step.to()) ? rows.repartition(1)
                    : rows.repartition(col(Gold.BUSINESS_DATE));
            long before = DeltaIO.versionOrNone(spark, path);
            // A table gains columns when the features gain some; an existing lake's table takes them on.
            DeltaIO.replaceWhereAddingColumns(files, path, step.replaceWhere(), Gold.BUSINESS_DATE);
            long n = DeltaIO.rowsWritten(spark, path, before);
            counts.put(step.table(), n);
            progress.accept(String.format("  gold/%-30s %,9d rows for %s (%.1f s)", step.table(), n, step.days(),
                    (System.nanoTime() - t0) / 1e9));
        }
    }

    /** The value of a future, rethrowing its failure unwrapped. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
