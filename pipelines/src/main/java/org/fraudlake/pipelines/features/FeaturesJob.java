package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.spark.DeltaIO;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver;

/**
 * Features: the gold daily aggregates and feature tables for one business date D.
 *
 * <p><b>Incremental maintenance.</b> Raw silver events are read for D (and D-1, which the 24-hour
 * pass-through and calls-before-payment windows reach into) and reduced to four additive daily aggregates:
 * per account, per account and counterparty, per number, per caller and callee. Each rolling 1/7/30-day
 * feature is then a conditional sum (or a distinct count over first/last days) of the last 30 (31 where a
 * "new" feature needs the day before the window) daily partitions of those aggregates, never a rescan of
 * 30 days of transactions and calls. A night costs: one read of two days of silver events, one shuffle per
 * aggregate, five small writes (the four aggregates and the {@code account_last_active} snapshot that lets
 * dormancy look back beyond 30 days by reading one partition); then a read of 30 daily partitions of the
 * aggregates (a few rows per active entity per day, far fewer than raw events, and partition-pruned), a
 * handful of groupings and joins of per-entity frames, four writes. Nothing is collected but the list of
 * dates present in the window.
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
 */
public final class FeaturesJob {
    private final Lake lake;
    private final Consumer<String> progress;

    public FeaturesJob(Lake lake, Consumer<String> progress) {
        this.lake = lake;
        this.progress = progress;
    }

    /** Rows written per gold table (aggregates: for all days aggregated; features: for D). */
    public Map<String, Long> run(SparkSession spark, LocalDate date) {
        AsOf asOf = new AsOf(date);
        Map<String, Long> counts = new LinkedHashMap<>();
        List<Dataset<Row>> cached = new ArrayList<>();
        try {
            LocalDate first = firstDayToAggregate(spark, asOf);
            Dataset<Row> transactions = cache(cached, silverEvents(spark, Silver.TRANSACTIONS, first.minusDays(1), date));
            Dataset<Row> calls = cache(cached, silverEvents(spark, Silver.CALLS, first.minusDays(1), date));
            aggregate(spark, first, date, transactions, calls, counts, cached);
            features(spark, asOf, transactions, calls, counts, cached);
        } finally {
            cached.forEach(Dataset::unpersist);
            spark.sparkContext().setJobDescription(null);
        }
        return counts;
    }

    private static Dataset<Row> cache(List<Dataset<Row>> cached, Dataset<Row> frame) {
        Dataset<Row> persisted = frame.persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(persisted);
        return persisted;
    }

    /** The first day of the history with silver events but no aggregate, else D. */
    private LocalDate firstDayToAggregate(SparkSession spark, AsOf asOf) {
        spark.sparkContext().setJobDescription("features: dates present " + asOf.date());
        LocalDate from = asOf.first(AsOf.HISTORY_DAYS);
        LocalDate to = asOf.date().minusDays(1);
        Set<LocalDate> missing = new TreeSet<>(days(spark, lake.silver(Silver.TRANSACTIONS), from, to));
        missing.removeAll(days(spark, lake.gold(Gold.AGG_ACCOUNT_DAILY), from, to));
        Set<LocalDate> missingCalls = new TreeSet<>(days(spark, lake.silver(Silver.CALLS), from, to));
        missingCalls.removeAll(days(spark, lake.gold(Gold.AGG_PHONE_DAILY), from, to));
        missing.addAll(missingCalls);
        missing.add(asOf.date());
        return missing.iterator().next();
    }

    /** The business dates in {@code [from, to]} present in a date-partitioned table. */
    private static Set<LocalDate> days(SparkSession spark, String path, LocalDate from, LocalDate to) {
        if (!to.isAfter(from.minusDays(1)) || !DeltaIO.exists(spark, path)) {
            return Set.of();
        }
        return DeltaIO.read(spark, path).filter(between(from, to)).select(Gold.BUSINESS_DATE).distinct()
                .collectAsList().stream().map(r -> r.getDate(0).toLocalDate()).collect(Collectors.toSet());
    }

    private static org.apache.spark.sql.Column between(LocalDate from, LocalDate to) {
        return col(Gold.BUSINESS_DATE).geq(AsOf.day(from)).and(col(Gold.BUSINESS_DATE).leq(AsOf.day(to)));
    }

    private static String replaceWhere(LocalDate from, LocalDate to) {
        return from.equals(to) ? Gold.BUSINESS_DATE + " = DATE'" + to + "'"
                : Gold.BUSINESS_DATE + " >= DATE'" + from + "' AND " + Gold.BUSINESS_DATE + " <= DATE'" + to + "'";
    }

    private Dataset<Row> silver(SparkSession spark, String table) {
        String path = lake.silver(table);
        if (!DeltaIO.exists(spark, path)) {
            throw new IllegalStateException("features need silver/" + table + ", not found at " + path
                    + ": run conform for the date first");
        }
        return DeltaIO.read(spark, path);
    }

    private Dataset<Row> silverEvents(SparkSession spark, String table, LocalDate from, LocalDate to) {
        return silver(spark, table).filter(between(from, to));
    }

    private Dataset<Row> gold(SparkSession spark, String table, AsOf asOf, int days) {
        return DeltaIO.read(spark, lake.gold(table)).filter(asOf.within(days));
    }

    /** Aggregates the days {@code [first, last]}, replacing their partitions, and snapshots last-active dates. */
    private void aggregate(SparkSession spark, LocalDate first, LocalDate last, Dataset<Row> transactions,
                           Dataset<Row> calls, Map<String, Long> counts, List<Dataset<Row>> cached) {
        String days = first.equals(last) ? last.toString() : first + ".." + last;
        Dataset<Row> before = cache(cached, lastActiveBefore(spark, first));
        // Each domain's per-entity table is written last: its partition marks the day as aggregated.
        write(spark, Gold.AGG_ACCOUNT_COUNTERPARTY_DAILY, days, first, last, counts,
                DailyAggregates.accountCounterpartyDaily(transactions, first, last)).unpersist();
        Dataset<Row> accountDaily = write(spark, Gold.AGG_ACCOUNT_DAILY, days, first, last, counts,
                DailyAggregates.accountDaily(transactions, before, first, last));
        write(spark, Gold.AGG_PHONE_CONTACT_DAILY, days, first, last, counts,
                DailyAggregates.phoneContactDaily(calls, first, last)).unpersist();
        write(spark, Gold.AGG_PHONE_DAILY, days, first, last, counts, DailyAggregates.phoneDaily(calls, first, last))
                .unpersist();
        write(spark, Gold.ACCOUNT_LAST_ACTIVE, last.toString(), last, last, counts,
                DailyAggregates.lastActive(before, accountDaily, last)).unpersist();
        accountDaily.unpersist();
    }

    /**
     * Last-active dates as of the day before {@code first}: that day's snapshot, or, when it is missing, the
     * latest day of each account in all earlier aggregates (one scan of two columns).
     */
    private Dataset<Row> lastActiveBefore(SparkSession spark, LocalDate first) {
        LocalDate day = first.minusDays(1);
        String snapshot = lake.gold(Gold.ACCOUNT_LAST_ACTIVE);
        if (!days(spark, snapshot, day, day).isEmpty()) {
            return DeltaIO.read(spark, snapshot).filter(between(day, day));
        }
        String aggregates = lake.gold(Gold.AGG_ACCOUNT_DAILY);
        if (!DeltaIO.exists(spark, aggregates)) {
            return spark.createDataFrame(List.of(), org.apache.spark.sql.types.StructType.fromDDL(
                    Gold.AccountLastActive.ACCOUNT_ID + " STRING, " + Gold.AccountLastActive.LAST_ACTIVE_DATE + " DATE"));
        }
        progress.accept("  gold/" + Gold.ACCOUNT_LAST_ACTIVE + " has no snapshot for " + day
                + ": rebuilding it from " + Gold.AGG_ACCOUNT_DAILY);
        return DailyAggregates.lastActiveFromAggregates(DeltaIO.read(spark, aggregates)
                .filter(col(Gold.BUSINESS_DATE).leq(AsOf.day(day))));
    }

    /** Computes, counts and writes one gold table for {@code [from, to]}; returns the persisted rows. */
    private Dataset<Row> write(SparkSession spark, String table, String days, LocalDate from, LocalDate to,
                               Map<String, Long> counts, Dataset<Row> rows) {
        spark.sparkContext().setJobDescription("features gold/" + table + " " + days);
        long t0 = System.nanoTime();
        Dataset<Row> persisted = rows.persist(StorageLevel.MEMORY_AND_DISK());
        long n = persisted.count();
        Dataset<Row> files = from.equals(to) ? persisted.coalesce(1) : persisted.repartition(col(Gold.BUSINESS_DATE));
        DeltaIO.replaceWhere(files, lake.gold(table), replaceWhere(from, to), Gold.BUSINESS_DATE);
        counts.merge(table, n, Long::sum);
        progress.accept(String.format("  gold/%-30s %,9d rows for %s (%.1f s)", table, n, days,
                (System.nanoTime() - t0) / 1e9));
        return persisted;
    }

    private void features(SparkSession spark, AsOf asOf, Dataset<Row> transactions, Dataset<Row> calls,
                          Map<String, Long> counts, List<Dataset<Row>> cached) {
        String day = asOf.date().toString();
        spark.sparkContext().setJobDescription("features inputs " + day);
        Dataset<Row> accountDaily = cache(cached, gold(spark, Gold.AGG_ACCOUNT_DAILY, asOf, AsOf.WINDOW_DAYS));
        Dataset<Row> counterpartyDaily = cache(cached,
                gold(spark, Gold.AGG_ACCOUNT_COUNTERPARTY_DAILY, asOf, AsOf.HISTORY_DAYS));
        Dataset<Row> contactDaily = cache(cached, gold(spark, Gold.AGG_PHONE_CONTACT_DAILY, asOf, AsOf.HISTORY_DAYS));
        Dataset<Row> phoneDaily = gold(spark, Gold.AGG_PHONE_DAILY, asOf, AsOf.WINDOW_DAYS);
        Dataset<Row> accounts = cache(cached, StateAsOf.accounts(silver(spark, Silver.ACCOUNTS), asOf));
        Dataset<Row> subscribers = cache(cached, StateAsOf.subscribers(silver(spark, Silver.SUBSCRIBERS), asOf));
        Dataset<Row> companies = cache(cached, StateAsOf.companies(silver(spark, Silver.COMPANIES), asOf));
        Dataset<Row> labeled = cache(cached, StateAsOf.labeledAccounts(silver(spark, Silver.CASE_LABELS), asOf));
        Dataset<Row> links = silver(spark, Silver.ENTITY_LINKS);

        write(spark, Gold.FEATURES_ACCOUNT_DAILY, day, asOf.date(), asOf.date(), counts,
                AccountFeatures.compute(asOf, accountDaily, counterpartyDaily, accounts, labeled)).unpersist();
        write(spark, Gold.FEATURES_PHONE_DAILY, day, asOf.date(), asOf.date(), counts,
                PhoneFeatures.compute(asOf, phoneDaily, contactDaily, subscribers, links, counterpartyDaily, labeled))
                .unpersist();
        write(spark, Gold.FEATURES_PERSON_DAILY, day, asOf.date(), asOf.date(), counts,
                PersonFeatures.compute(asOf, accountDaily, counterpartyDaily, contactDaily, transactions, calls,
                        accounts, subscribers, companies)).unpersist();
        write(spark, Gold.FEATURES_COMPANY_DAILY, day, asOf.date(), asOf.date(), counts,
                CompanyFeatures.compute(asOf, accountDaily, counterpartyDaily, accounts, companies)).unpersist();
    }
}
