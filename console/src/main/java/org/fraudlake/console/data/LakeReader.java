package org.fraudlake.console.data;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.FeedbackLabels;
import org.fraudlake.models.Labels;
import org.fraudlake.models.Registry;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.catalog.ModelCatalog;
import org.fraudlake.publish.report.ReportQueries;
import org.fraudlake.schemas.tables.Gold.AggAccountCounterpartyDaily;
import org.fraudlake.schemas.tables.Gold.AggPhoneContactDaily;
import org.fraudlake.schemas.tables.Gold.Scores;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.GraphTables.FundTraceFlows;
import org.fraudlake.schemas.tables.GraphTables;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Calls;
import org.fraudlake.schemas.tables.Silver.Subscribers;
import org.fraudlake.schemas.tables.Silver.Transactions;
import org.fraudlake.schemas.tables.Silver;

/**
 * Everything the console reads from the lake, through one shared SparkSession. Each day's queue (intercept list
 * and victim warnings of one business date) is collected once, sorted by score, and kept in memory, so filtering
 * and paging thousands of rows costs no query; the model registry is read once. Every other read filters on the
 * business-date partition and the entity first and collects a bounded number of rows (a limit on every list), so
 * no page pulls a big frame to the driver.
 */
public final class LakeReader {
    /** Days of activity shown around an entity (the business date and the six before it). */
    public static final int ACTIVITY_DAYS = 7;
    private static final int ACTIVITY_ROWS = 40;
    private static final int FLOW_NEIGHBOURS = 8;
    private static final int CACHED_DATES = 2;
    /** Rows of counterparty aggregates or trace hops read for one entity's drawing at most. */
    private static final int MAX_EDGE_ROWS = 5000;
    private final SparkSession spark;
    private final Lake lake;
    private final Map<LocalDate, List<QueueRow>> queues = new ConcurrentHashMap<>();
    private final Map<LocalDate, List<Row>> funnels = new ConcurrentHashMap<>();
    private final Map<LocalDate, Map<String, Dataset<Row>>> frames = new LinkedHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "console-lake");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Boolean> existing = new ConcurrentHashMap<>();
    private volatile List<RegistryEntry> registry;
    private volatile List<LocalDate> dates;

    public LakeReader(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.lake = lake;
    }

    public Lake lake() {
        return lake;
    }

    /** Whether a Delta table exists; remembered, since asking reads the table's log. */
    private boolean exists(String path) {
        return existing.computeIfAbsent(path, p -> DeltaIO.exists(spark, p));
    }

    /** Drops the cached queues, frames, dates and registry (after a night ran). */
    public void refresh() {
        existing.clear();
        queues.clear();
        funnels.clear();
        registry = null;
        dates = null;
        synchronized (frames) {
            frames.values().forEach(m -> m.values().forEach(Dataset::unpersist));
            frames.clear();
        }
    }

    /**
     * A frame of one date (a day's partition, or the activity window ending on it) cached in Spark's memory the
     * first time it is asked for, so entity pages filter an in-memory columnar table instead of scanning files.
     * Frames of at most {@value #CACHED_DATES} dates are kept; the oldest date's are released.
     */
    private Dataset<Row> cached(LocalDate date, String name, Supplier<Dataset<Row>> read) {
        Map<String, Dataset<Row>> day;
        synchronized (frames) {
            day = frames.get(date);
            if (day == null) {
                day = new ConcurrentHashMap<>();
                frames.put(date, day);
                while (frames.size() > CACHED_DATES) {
                    LocalDate oldest = frames.keySet().iterator().next();
                    frames.remove(oldest).values().forEach(Dataset::unpersist);
                }
            }
        }
        return day.computeIfAbsent(name, k -> {
            Dataset<Row> d = read.get().persist(StorageLevel.MEMORY_AND_DISK());
            d.count();
            return d;
        });
    }

    /** Loads the date's queue and caches the frames its entity pages read; for a server about to take requests. */
    public void warm(LocalDate date) {
        queue(date);
        List<Future<?>> parts = new ArrayList<>();
        parts.add(pool.submit(() -> scoresOf(date)));
        for (EntityKind k : EntityKind.values()) {
            parts.add(pool.submit(() -> featuresOf(k, date)));
        }
        parts.add(pool.submit(() -> transactionsOf(date)));
        parts.add(pool.submit(() -> callsOf(date)));
        parts.add(pool.submit(() -> counterpartiesOf(date)));
        parts.add(pool.submit(() -> contactsOf(date)));
        parts.add(pool.submit(() -> traceFlowsOf(date)));
        for (Future<?> f : parts) {
            join(f);
        }
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the lake", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Dataset<Row> scoresOf(LocalDate date) {
        String path = lake.gold(Gold.SCORES);
        return !exists(path) ? null : cached(date, "scores", () -> DeltaIO.read(spark, path)
                .filter(onDate(date)).select(Scores.ENTITY_ID, Scores.MODEL, Scores.VERSION, Scores.SCORE,
                        Scores.THRESHOLD, Scores.ALERT, Scores.REASONS));
    }

    private Dataset<Row> featuresOf(EntityKind kind, LocalDate date) {
        String path = lake.gold(kind.featureTable());
        return !exists(path) ? null : cached(date, kind.featureTable(),
                () -> DeltaIO.read(spark, path).filter(onDate(date)));
    }

    private Dataset<Row> transactionsOf(LocalDate date) {
        String path = lake.silver(Silver.TRANSACTIONS);
        return !exists(path) ? null : cached(date, Silver.TRANSACTIONS, () -> DeltaIO.read(spark, path)
                .filter(between(date.minusDays(ACTIVITY_DAYS - 1L), date)).select(Transactions.TXN_TIME,
                        Transactions.ACCOUNT_ID, Transactions.DIRECTION, Transactions.AMOUNT, Transactions.CHANNEL,
                        Transactions.COUNTERPARTY_ACCOUNT_ID, Transactions.COUNTERPARTY_BANK, Transactions.TXN_KEY));
    }

    private Dataset<Row> callsOf(LocalDate date) {
        String path = lake.silver(Silver.CALLS);
        return !exists(path) ? null : cached(date, Silver.CALLS, () -> DeltaIO.read(spark, path)
                .filter(between(date.minusDays(ACTIVITY_DAYS - 1L), date)).select(Calls.START_TIME, Calls.CALLER,
                        Calls.CALLEE, Calls.KIND, Calls.DURATION_S, Calls.INTERNATIONAL, Calls.CALLER_IMEI));
    }

    private Dataset<Row> counterpartiesOf(LocalDate date) {
        String path = lake.gold(Gold.AGG_ACCOUNT_COUNTERPARTY_DAILY);
        return !exists(path) ? null : cached(date, Gold.AGG_ACCOUNT_COUNTERPARTY_DAILY,
                () -> DeltaIO.read(spark, path).filter(between(date.minusDays(ACTIVITY_DAYS - 1L), date)));
    }

    private Dataset<Row> contactsOf(LocalDate date) {
        String path = lake.gold(Gold.AGG_PHONE_CONTACT_DAILY);
        return !exists(path) ? null : cached(date, Gold.AGG_PHONE_CONTACT_DAILY,
                () -> DeltaIO.read(spark, path).filter(between(date.minusDays(ACTIVITY_DAYS - 1L), date)));
    }

    private Dataset<Row> traceFlowsOf(LocalDate date) {
        String path = lake.gold(GraphTables.FUND_TRACE_FLOWS);
        return !exists(path) ? null : cached(date, GraphTables.FUND_TRACE_FLOWS,
                () -> DeltaIO.read(spark, path).filter(col(GraphTables.BUSINESS_DATE).equalTo(lit(Date.valueOf(date)))));
    }

    /** The business dates with decisions, latest first. */
    public List<LocalDate> dates() {
        List<LocalDate> d = dates;
        if (d == null) {
            String path = lake.published(Published.INTERCEPT_LIST);
            d = !exists(path) ? List.of() : DeltaIO.read(spark, path)
                    .select(Published.BUSINESS_DATE).distinct().collectAsList().stream()
                    .map(r -> r.getDate(0).toLocalDate()).sorted(Comparator.reverseOrder()).toList();
            dates = d;
        }
        return d;
    }

    /** The latest business date with decisions, if any. */
    public Optional<LocalDate> latestDate() {
        List<LocalDate> d = dates();
        return d.isEmpty() ? Optional.empty() : Optional.of(d.get(0));
    }

    /** The day's decisions, highest score first; read once per date. */
    public List<QueueRow> queue(LocalDate date) {
        return queues.computeIfAbsent(date, this::readQueue);
    }

    private List<QueueRow> readQueue(LocalDate date) {
        List<QueueRow> out = new ArrayList<>();
        out.addAll(readWarnings(lake.published(Published.INTERCEPT_LIST), date, false));
        out.addAll(readWarnings(lake.published(Published.VICTIM_WARNINGS), date, true));
        out.sort(Comparator.comparingDouble(QueueRow::score).reversed().thenComparing(QueueRow::warningId));
        return List.copyOf(out);
    }

    private List<QueueRow> readWarnings(String path, LocalDate date, boolean victim) {
        if (!exists(path)) {
            return List.of();
        }
        Dataset<Row> rows = DeltaIO.read(spark, path).filter(onDate(date));
        Column person = victim ? col(VictimWarnings.PERSON_ID) : lit(null).cast("string");
        List<QueueRow> out = new ArrayList<>();
        for (Row r : rows.select(col(InterceptList.WARNING_ID), col(InterceptList.PARTNER),
                col(InterceptList.ENTITY_TYPE), col(InterceptList.ENTITY_ID), person.as("_person"),
                col(InterceptList.WARNING_TYPE), col(InterceptList.ACTION), col(InterceptList.SCORE),
                col(InterceptList.MODELS), col(InterceptList.REASONS), col(InterceptList.STATUS),
                col(InterceptList.SENT)).collectAsList()) {
            out.add(new QueueRow(r.getString(0), date, r.getString(1), r.getString(2), r.getString(3),
                    r.getString(4), r.getString(5), r.getString(6), r.isNullAt(7) ? 0 : r.getDouble(7),
                    r.isNullAt(8) ? List.of() : r.getList(8), r.isNullAt(9) ? List.of() : r.getList(9),
                    r.getString(10), !r.isNullAt(11) && r.getBoolean(11), victim));
        }
        return out;
    }

    private static Column onDate(LocalDate date) {
        return col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date)));
    }

    private static Column between(LocalDate from, LocalDate to) {
        return col(Gold.BUSINESS_DATE).between(lit(Date.valueOf(from)), lit(Date.valueOf(to)));
    }

    /** The model registry, read once. */
    public List<RegistryEntry> registry() {
        List<RegistryEntry> r = registry;
        if (r == null) {
            r = new Registry(spark, lake).all();
            registry = r;
        }
        return r;
    }

    /** The champion (else the latest) version of each model, by model name. */
    public Map<String, RegistryEntry> currentModels() {
        Map<String, RegistryEntry> out = new LinkedHashMap<>();
        for (RegistryEntry e : registry()) {
            RegistryEntry have = out.get(e.model());
            if (have == null || (!have.isChampion() && (e.isChampion() || e.version() > have.version()))) {
                out.put(e.model(), e);
            }
        }
        return out;
    }

    /** One model's score of an entity on a date. */
    public record ScoreRow(String model, int version, double score, double threshold, boolean alert,
                           List<String> reasons) {
    }

    /** One feature value of an entity, with the models that read it. */
    public record FeatureValue(String name, String value, List<String> models) {
    }

    /** What the entity page shows. */
    public record EntityView(String type, String id, LocalDate date, List<QueueRow> decisions, List<ScoreRow> scores,
                             List<FeatureValue> features, Grid transactions, Grid calls, List<FlowEdge> flows,
                             List<String> accounts) {
    }

    /**
     * An entity on a date: its decisions (from the cached queue), every model's score and reasons, its feature
     * row, the last {@value #ACTIVITY_ROWS} transactions and calls of the {@value #ACTIVITY_DAYS} days up to the
     * date, and the money (or call) flow around it with traced victim money marked.
     */
    public EntityView entity(String type, String id, LocalDate date) {
        EntityKind kind = kindOf(type);
        List<QueueRow> decisions = queue(date).stream()
                .filter(r -> id.equals(r.entityId()) || id.equals(r.personId())).toList();
        Future<List<ScoreRow>> scores = pool.submit(() -> scores(id, date));
        Future<List<FeatureValue>> features = pool.submit(() -> features(kind, id, date));
        Future<List<String>> phones = pool.submit(() -> kind == EntityKind.PHONE ? List.of(id)
                : kind == EntityKind.PERSON ? heldPhones(id) : List.of());
        List<String> accounts = switch (kind) {
            case ACCOUNT -> List.of(id);
            case PERSON, COMPANY -> heldAccounts(id);
            case PHONE -> List.of();
        };
        LocalDate from = date.minusDays(ACTIVITY_DAYS - 1L);
        Future<List<FlowEdge>> flows = pool.submit(() -> kind == EntityKind.PHONE ? callFlows(id, date)
                : moneyFlows(id, accounts, date));
        Future<Grid> txns = pool.submit(() -> transactions(accounts, date));
        Grid calls = calls(join(phones), date);
        return new EntityView(kind.name(), id, date, decisions, join(scores), join(features), join(txns), calls,
                join(flows), accounts);
    }

    /** The kind of an entity type name; an unknown one fails naming the valid ones. */
    public static EntityKind kindOf(String type) {
        try {
            return EntityKind.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown entity type '" + type + "'; use ACCOUNT, PHONE, PERSON or "
                    + "COMPANY", e);
        }
    }

    private List<ScoreRow> scores(String id, LocalDate date) {
        Dataset<Row> day = scoresOf(date);
        if (day == null) {
            return List.of();
        }
        List<ScoreRow> out = new ArrayList<>();
        for (Row r : day.filter(col(Scores.ENTITY_ID).equalTo(id))
                .select(Scores.MODEL, Scores.VERSION, Scores.SCORE, Scores.THRESHOLD, Scores.ALERT, Scores.REASONS)
                .limit(100).collectAsList()) {
            out.add(new ScoreRow(r.getString(0), r.getInt(1), r.getDouble(2), r.isNullAt(3) ? 0 : r.getDouble(3),
                    !r.isNullAt(4) && r.getBoolean(4), r.isNullAt(5) ? List.of() : r.getList(5)));
        }
        out.sort(Comparator.comparingDouble(ScoreRow::score).reversed());
        return out;
    }

    private List<FeatureValue> features(EntityKind kind, String id, LocalDate date) {
        Dataset<Row> day = featuresOf(kind, date);
        if (day == null) {
            return List.of();
        }
        List<Row> rows = day.filter(col(kind.key()).equalTo(id)).limit(1).collectAsList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> readers = new LinkedHashMap<>();
        for (RegistryEntry e : currentModels().values()) {
            if (kind.name().equals(e.entity()) && e.features() != null) {
                for (String f : e.features()) {
                    readers.computeIfAbsent(f, k -> new ArrayList<>()).add(e.model());
                }
            }
        }
        Row r = rows.get(0);
        List<FeatureValue> out = new ArrayList<>();
        for (String f : r.schema().fieldNames()) {
            if (f.equals(kind.key()) || f.equals(Gold.BUSINESS_DATE)) {
                continue;
            }
            Object v = r.getAs(f);
            out.add(new FeatureValue(f, v == null ? "" : v instanceof Double d
                    ? String.format(java.util.Locale.ROOT, "%.4g", d) : v.toString(),
                    readers.getOrDefault(f, List.of())));
        }
        out.sort(Comparator.comparing((FeatureValue fv) -> fv.models().isEmpty()));
        return out;
    }

    private List<String> heldAccounts(String holder) {
        String path = lake.silver(Silver.ACCOUNTS);
        if (!exists(path)) {
            return List.of();
        }
        return DeltaIO.read(spark, path).filter(col(Accounts.HOLDER_ID).equalTo(holder)).select(Accounts.ACCOUNT_ID)
                .distinct().limit(50).collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    private List<String> heldPhones(String holder) {
        String path = lake.silver(Silver.SUBSCRIBERS);
        if (!exists(path)) {
            return List.of();
        }
        return DeltaIO.read(spark, path).filter(col(Subscribers.HOLDER_ID).equalTo(holder))
                .select(Subscribers.PHONE).distinct().limit(20).collectAsList().stream().map(r -> r.getString(0))
                .toList();
    }

    private Grid transactions(List<String> accounts, LocalDate date) {
        List<String> cols = List.of(Transactions.TXN_TIME, Transactions.ACCOUNT_ID, Transactions.DIRECTION,
                Transactions.AMOUNT, Transactions.CHANNEL, Transactions.COUNTERPARTY_ACCOUNT_ID,
                Transactions.COUNTERPARTY_BANK, Transactions.TXN_KEY);
        Dataset<Row> window = accounts.isEmpty() ? null : transactionsOf(date);
        if (window == null) {
            return new Grid(cols, List.of());
        }
        return Grid.of(cols, window.filter(col(Transactions.ACCOUNT_ID).isin(accounts.toArray()))
                .orderBy(col(Transactions.TXN_TIME).desc()).limit(ACTIVITY_ROWS)
                .select(cols.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .collectAsList());
    }

    private Grid calls(List<String> phones, LocalDate date) {
        List<String> cols = List.of(Calls.START_TIME, Calls.CALLER, Calls.CALLEE, Calls.KIND, Calls.DURATION_S,
                Calls.INTERNATIONAL, Calls.CALLER_IMEI);
        Dataset<Row> window = phones.isEmpty() ? null : callsOf(date);
        if (window == null) {
            return new Grid(cols, List.of());
        }
        Object[] p = phones.toArray();
        return Grid.of(cols, window.filter(col(Calls.CALLER).isin(p).or(col(Calls.CALLEE).isin(p)))
                .orderBy(col(Calls.START_TIME).desc()).limit(ACTIVITY_ROWS)
                .select(cols.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .collectAsList());
    }

    /**
     * Money in and out of the entity's accounts over the window, by counterparty (the strongest
     * {@value #FLOW_NEIGHBOURS} each way), drawn from the entity itself; edges victim money was traced along are
     * marked, and traced hops into or out of the accounts that the aggregates do not show are added.
     */
    private List<FlowEdge> moneyFlows(String id, List<String> accounts, LocalDate date) {
        Dataset<Row> agg = accounts.isEmpty() ? null : counterpartiesOf(date);
        if (agg == null) {
            return List.of();
        }
        Object[] acc = accounts.toArray();
        Map<String, double[]> traced = new LinkedHashMap<>();
        Dataset<Row> traces = traceFlowsOf(date);
        if (traces != null) {
            for (Row r : traces.filter(col(FundTraceFlows.FROM_ACCOUNT).isin(acc)
                            .or(col(FundTraceFlows.TO_ACCOUNT).isin(acc)))
                    .select(col(FundTraceFlows.FROM_ACCOUNT), col(FundTraceFlows.TO_ACCOUNT),
                            col(FundTraceFlows.AMOUNT).cast("double"))
                    .limit(MAX_EDGE_ROWS).collectAsList()) {
                String f = r.isNullAt(0) ? "(outside)" : r.getString(0);
                String t = r.isNullAt(1) ? "(cash out)" : r.getString(1);
                add(traced, (accounts.contains(f) ? id : f) + ">" + (accounts.contains(t) ? id : t),
                        r.isNullAt(2) ? 0 : r.getDouble(2), 1);
            }
        }
        Map<String, double[]> in = new LinkedHashMap<>();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Row r : agg.filter(col(AggAccountCounterpartyDaily.ACCOUNT_ID).isin(acc))
                .select(col(AggAccountCounterpartyDaily.DIRECTION), col(AggAccountCounterpartyDaily.COUNTERPARTY_ID),
                        col(AggAccountCounterpartyDaily.AMT).cast("double"), col(AggAccountCounterpartyDaily.CNT))
                .limit(MAX_EDGE_ROWS).collectAsList()) {
            boolean incoming = "IN".equals(r.getString(0));
            String other = r.getString(1);
            add(incoming ? in : out, incoming ? other + ">" + id : id + ">" + other,
                    r.isNullAt(2) ? 0 : r.getDouble(2), r.isNullAt(3) ? 0 : r.getLong(3));
        }
        List<FlowEdge> edges = new ArrayList<>();
        for (Map<String, double[]> side : List.of(in, out)) {
            side.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0]))
                    .limit(FLOW_NEIGHBOURS).forEach(e -> edges.add(edge(e.getKey(), e.getValue(),
                            traced.remove(e.getKey()) != null)));
        }
        traced.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0]))
                .limit(FLOW_NEIGHBOURS).forEach(e -> {
                    FlowEdge t = edge(e.getKey(), e.getValue(), true);
                    if (!t.from().equals(t.to())) {
                        edges.add(t);
                    }
                });
        return edges;
    }

    private static void add(Map<String, double[]> sums, String key, double amount, long count) {
        double[] s = sums.computeIfAbsent(key, k -> new double[2]);
        s[0] += amount;
        s[1] += count;
    }

    private static FlowEdge edge(String key, double[] sums, boolean traced) {
        int gt = key.indexOf('>');
        return new FlowEdge(key.substring(0, gt), key.substring(gt + 1), sums[0], (long) sums[1], traced);
    }

    /** Calls and SMS to and from a number over the window, by contact (the strongest each way). */
    private List<FlowEdge> callFlows(String phone, LocalDate date) {
        Dataset<Row> window = contactsOf(date);
        if (window == null) {
            return List.of();
        }
        List<FlowEdge> out = new ArrayList<>();
        for (String side : List.of(AggPhoneContactDaily.CALLER, AggPhoneContactDaily.CALLEE)) {
            String other = side.equals(AggPhoneContactDaily.CALLER) ? AggPhoneContactDaily.CALLEE
                    : AggPhoneContactDaily.CALLER;
            for (Row r : window.filter(col(side).equalTo(phone))
                    .groupBy(other).agg(sum(AggPhoneContactDaily.DURATION_S).cast("double").as("_d"),
                            sum(AggPhoneContactDaily.CNT).as("_n"))
                    .orderBy(col("_n").desc()).limit(FLOW_NEIGHBOURS).collectAsList()) {
                boolean outgoing = side.equals(AggPhoneContactDaily.CALLER);
                out.add(new FlowEdge(outgoing ? phone : r.getString(0), outgoing ? r.getString(0) : phone,
                        r.isNullAt(1) ? 0 : r.getDouble(1), r.getLong(2), false));
            }
        }
        return out;
    }

    /** Leads of a date, highest score first (at most {@code limit}). */
    public List<Row> leads(LocalDate date, int limit) {
        String path = lake.published(Published.LEADS);
        if (!exists(path)) {
            return List.of();
        }
        return DeltaIO.read(spark, path).filter(onDate(date)).orderBy(col(Published.Leads.SCORE).desc())
                .limit(limit).collectAsList();
    }

    /** One lead of a date. */
    public Optional<Row> lead(LocalDate date, String leadId) {
        String path = lake.published(Published.LEADS);
        if (!exists(path)) {
            return Optional.empty();
        }
        return DeltaIO.read(spark, path).filter(onDate(date).and(col(Published.Leads.LEAD_ID).equalTo(leadId)))
                .limit(1).collectAsList().stream().findFirst();
    }

    /** The transactions behind a lead's evidence references (silver txn keys), within its time span. */
    public List<FlowEdge> leadTransfers(List<String> txnKeys, LocalDate from, LocalDate to) {
        String path = lake.silver(Silver.TRANSACTIONS);
        if (txnKeys.isEmpty() || !exists(path)) {
            return List.of();
        }
        List<FlowEdge> out = new ArrayList<>();
        for (Row r : DeltaIO.read(spark, path).filter(between(from, to)
                        .and(col(Transactions.TXN_KEY).isin(txnKeys.toArray()))
                        .and(col(Transactions.DIRECTION).equalTo("OUT")))
                .groupBy(Transactions.ACCOUNT_ID, Transactions.COUNTERPARTY_ACCOUNT_ID)
                .agg(sum(Transactions.AMOUNT).cast("double"), count(lit(1))).limit(200).collectAsList()) {
            if (!r.isNullAt(1)) {
                out.add(new FlowEdge(r.getString(0), r.getString(1), r.isNullAt(2) ? 0 : r.getDouble(2),
                        r.getLong(3), false));
            }
        }
        return out;
    }

    /** Incident series of a date, the largest first. */
    public List<Row> series(LocalDate date, int limit) {
        String path = lake.published(Published.INCIDENT_SERIES);
        if (!exists(path)) {
            return List.of();
        }
        return DeltaIO.read(spark, path).filter(onDate(date))
                .orderBy(col(Published.IncidentSeries.MEMBER_COUNT).desc(), col(Published.IncidentSeries.SERIES_ID))
                .limit(limit).collectAsList();
    }

    public Optional<Row> seriesOne(LocalDate date, String seriesId) {
        String path = lake.published(Published.INCIDENT_SERIES);
        if (!exists(path)) {
            return Optional.empty();
        }
        return DeltaIO.read(spark, path)
                .filter(onDate(date).and(col(Published.IncidentSeries.SERIES_ID).equalTo(seriesId)))
                .limit(1).collectAsList().stream().findFirst();
    }

    /** The incidents of a series, oldest first. */
    public List<Row> incidents(List<String> ids) {
        String path = lake.silver(Silver.INCIDENTS);
        if (ids.isEmpty() || !exists(path)) {
            return List.of();
        }
        return DeltaIO.read(spark, path).filter(col(Silver.Incidents.INCIDENT_ID).isin(ids.toArray()))
                .select(Silver.Incidents.INCIDENT_ID, Silver.Incidents.OCCURRED_AT, Silver.Incidents.CATEGORY,
                        Silver.Incidents.FRAUD_TYPE, Silver.Incidents.DISTRICT, Silver.Incidents.COMMUNITY,
                        Silver.Incidents.LAT, Silver.Incidents.LON, Silver.Incidents.LOSS_AMOUNT)
                .dropDuplicates(Silver.Incidents.INCIDENT_ID)
                .orderBy(Silver.Incidents.OCCURRED_AT).limit(500).collectAsList();
    }

    /**
     * The funnel of a date, one row per partner ({@link ReportQueries#funnel}, as the nightly report shows it):
     * partner, scored, at_risk, candidates, within_budget, sent_detected, sent_echo. gold/scores, gold/entity_risk
     * and victim_warnings read as empty where they do not exist; no intercept list: no rows. Read once per date.
     */
    public List<Row> funnel(LocalDate date) {
        String intercept = lake.published(Published.INTERCEPT_LIST);
        if (!exists(intercept)) {
            return List.of();
        }
        return funnels.computeIfAbsent(date, d -> ReportQueries.funnel(
                DeltaIO.readOrEmpty(spark, lake.gold(Gold.SCORES), ReportQueries.SCORED_ENTITIES),
                DeltaIO.readOrEmpty(spark, lake.gold(Gold.ENTITY_RISK), ReportQueries.RISK_ENTITIES),
                ReportQueries.warningColumns(DeltaIO.read(spark, intercept)).unionByName(ReportQueries.warningColumns(
                        DeltaIO.readOrEmpty(spark, lake.published(Published.VICTIM_WARNINGS),
                                FeedbackLabels.VICTIM_WARNINGS_SCHEMA))), d).collectAsList());
    }

    /** A model's daily figures over the scored dates: business_date, scored, alerts. */
    public List<Row> alertsPerDay(String model) {
        String path = lake.gold(Gold.SCORES);
        if (!exists(path)) {
            return List.of();
        }
        return DeltaIO.read(spark, path).filter(col(Scores.MODEL).equalTo(model)).groupBy(Gold.BUSINESS_DATE)
                .agg(count(lit(1)), sum(when(col(Scores.ALERT), 1).otherwise(0)))
                .orderBy(Gold.BUSINESS_DATE).limit(400).collectAsList();
    }

    /** A model's scores on a date in {@code bins} equal bins over [0, 1]. */
    public long[] scoreHistogram(String model, LocalDate date, int bins) {
        long[] out = new long[bins];
        String path = lake.gold(Gold.SCORES);
        if (!exists(path)) {
            return out;
        }
        Column bin = org.apache.spark.sql.functions.least(lit(bins - 1),
                org.apache.spark.sql.functions.floor(col(Scores.SCORE).multiply(bins)).cast("int"));
        for (Row r : DeltaIO.read(spark, path).filter(onDate(date).and(col(Scores.MODEL).equalTo(model)))
                .groupBy(bin.as("_bin")).count().collectAsList()) {
            out[Math.max(0, r.getInt(0))] += r.getLong(1);
        }
        return out;
    }

    /**
     * Precision-recall points of a model over every scored date, against the positives of its label spec known at
     * the end of asOf ({@link Labels}, dispositions included): each entity at its highest score, one point per
     * cut-off at each of {@code cuts} equal steps of [0, 1]. Points: cut-off, precision, recall. Cost: one
     * aggregation over the model's scores joined to the (small) positives.
     */
    public List<double[]> precisionRecall(String model, LocalDate asOf, int cuts) {
        String path = lake.gold(Gold.SCORES);
        List<double[]> out = new ArrayList<>();
        Optional<RiskModel> risk = ModelCatalog.all().stream().filter(m -> m.name().equals(model)).findFirst();
        if (!exists(path) || risk.isEmpty()) {
            return out;
        }
        Dataset<Row> positives = new Labels(spark, lake).positives(risk.get().spec().label(), asOf);
        Dataset<Row> s = DeltaIO.read(spark, path).filter(col(Scores.MODEL).equalTo(model))
                .groupBy(Scores.ENTITY_ID).agg(org.apache.spark.sql.functions.max(Scores.SCORE).as("_s"))
                .join(positives.select(col(org.fraudlake.models.FeatureStore.ENTITY_ID).as(Scores.ENTITY_ID))
                        .distinct().withColumn("_p", lit(1)), Scores.ENTITY_ID, "left");
        Column bin = org.apache.spark.sql.functions.least(lit(cuts - 1),
                org.apache.spark.sql.functions.floor(col("_s").multiply(cuts)).cast("int"));
        long[] all = new long[cuts];
        long[] pos = new long[cuts];
        for (Row r : s.groupBy(bin.as("_bin")).agg(count(lit(1)), sum(when(col("_p").isNotNull(), 1).otherwise(0)))
                .collectAsList()) {
            int b = Math.max(0, r.getInt(0));
            all[b] += r.getLong(1);
            pos[b] += r.getLong(2);
        }
        long totalPos = 0;
        for (long p : pos) {
            totalPos += p;
        }
        long n = 0;
        long tp = 0;
        for (int b = cuts - 1; b >= 0; b--) {
            n += all[b];
            tp += pos[b];
            if (n > 0 && totalPos > 0) {
                out.add(new double[]{b / (double) cuts, tp / (double) n, tp / (double) totalPos});
            }
        }
        return out;
    }

    /**
     * Input drift of a model since training: for each feature, its mean and standard deviation over the training
     * window and over the {@value #ACTIVITY_DAYS} days up to the date, and the shift in training standard
     * deviations. Rows: feature, train mean, train sd, recent mean, shift.
     */
    public List<Object[]> drift(RegistryEntry model, LocalDate date) {
        EntityKind kind = kindOf(model.entity());
        String path = lake.gold(kind.featureTable());
        List<Object[]> out = new ArrayList<>();
        if (model.features() == null || model.features().isEmpty() || model.trainFrom() == null
                || !exists(path)) {
            return out;
        }
        List<String> features = model.features().stream().limit(40).toList();
        Dataset<Row> t = DeltaIO.read(spark, path);
        List<String> have = List.of(t.columns());
        features = features.stream().filter(have::contains).toList();
        if (features.isEmpty()) {
            return out;
        }
        List<Column> aggs = new ArrayList<>();
        for (String f : features) {
            aggs.add(avg(col(f).cast("double")));
            aggs.add(stddev_pop(col(f).cast("double")));
        }
        Column window = when(between(model.trainFrom(), model.trainTo()), lit("train"))
                .when(between(date.minusDays(ACTIVITY_DAYS - 1L), date), lit("recent"));
        Map<String, Row> byWindow = new LinkedHashMap<>();
        for (Row r : t.filter(between(model.trainFrom(), model.trainTo())
                        .or(between(date.minusDays(ACTIVITY_DAYS - 1L), date)))
                .groupBy(window.as("_w")).agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                .collectAsList()) {
            byWindow.put(r.getString(0), r);
        }
        Row train = byWindow.get("train");
        Row recent = byWindow.get("recent");
        for (int i = 0; i < features.size(); i++) {
            Double tm = value(train, 1 + 2 * i);
            Double ts = value(train, 2 + 2 * i);
            Double rm = value(recent, 1 + 2 * i);
            Double shift = tm == null || rm == null ? null : (rm - tm) / (ts == null || ts == 0 ? 1 : ts);
            out.add(new Object[]{features.get(i), tm, ts, rm, shift});
        }
        out.sort(Comparator.comparingDouble((Object[] a) -> a[4] == null ? 0 : -Math.abs((Double) a[4])));
        return out;
    }

    private static Double value(Row r, int i) {
        return r == null || r.isNullAt(i) ? null : r.getDouble(i);
    }
}
