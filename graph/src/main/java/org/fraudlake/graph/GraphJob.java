package org.fraudlake.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.Checkpoints;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.graph.network.EntityGraphFeatures;
import org.fraudlake.graph.network.GraphAlgorithms;
import org.fraudlake.graph.network.GraphEdges;
import org.fraudlake.graph.network.Seeds;
import org.fraudlake.graph.trace.FundTracer;
import org.fraudlake.graph.trace.TraceInputs;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.features.StateAsOf;
import org.fraudlake.schemas.tables.GraphTables.FundTraceFlows;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;
import org.fraudlake.schemas.tables.GraphTables;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Calls;
import org.fraudlake.schemas.tables.Silver.Incidents;
import org.fraudlake.schemas.tables.Silver.Transactions;
import org.fraudlake.schemas.tables.Silver;

/**
 * The graph stage for one business date D: victim fund tracing over the pooled money-flow graph, gang
 * communities and risk propagation over the combined money-flow and contact graph, written as
 * {@code gold/fund_traces}, {@code gold/fund_trace_flows}, {@code gold/graph_account_daily} and
 * {@code gold/graph_phone_daily} (see {@link GraphTables}).
 *
 * <p><b>What it reads.</b> The last {@code windowDays} business dates of silver transactions and calls (partition
 * pruned, events before the end of D, city time), the partner accounts opened by D, the police reports
 * delivered and reported by D, and the labels standing at the end of D. Nothing after D, so a date can be run
 * again later with the same result, and nothing from the simulator's truth.
 *
 * <p><b>Steps.</b> (1) Tracing ({@link FundTracer}): transfers from victims to suspect accounts named in a
 * report are traced first, up to {@code maxHops}; then transfers into labelled fraud and mule accounts not
 * already traced, sharing the outflows' capacity with the first pass. (2) Edges ({@link GraphEdges}): narrow
 * gang edges (shared handsets, overlapping callees, devices and IPs across holders, numbers on file, money among
 * suspicious accounts: labelled, named in a report, or receiving traced money) and, for propagation, every
 * transfer and call pair. (3) GraphX ({@link GraphAlgorithms}): connected components of the gang edges and a
 * personalized PageRank from the labelled accounts and numbers. (4) Per-entity features
 * ({@link EntityGraphFeatures}).
 *
 * <p><b>Costs.</b> One scan of the window's transactions and calls, each materialized once (a local checkpoint);
 * per hop and pass of tracing one join, one window and one interval join over the accounts the traced money
 * touches (small next to the window); one self-join of the narrow caller-callee pairs (callees with few
 * callers only); a GraphX components run (supersteps: the diameter of the largest gang component) and
 * {@code pprIterations} PageRank passes over all edges; four writes, each replacing D's partition only
 * ({@code replaceWhere}), so a re-run is idempotent: every transform is deterministic (exact decimals, key
 * tie-breaks, PageRank rounded to {@value GraphAlgorithms#PPR_DECIMALS} places). Nothing is collected to the
 * driver; the row counts come from the Delta commit metrics.
 */
public final class GraphJob {
    private final Lake lake;
    private final Settings settings;
    private final Consumer<String> progress;

    /**
     * @param windowDays    business dates of events the graphs span, ending on D
     * @param maxHops       hops money is traced downstream from a source transfer
     * @param maxShared     the most users a handset, device, IP, callee or number on file may have to tie them
     * @param pprIterations PageRank power iterations
     * @param resetProb     PageRank restart probability
     */
    public record Settings(int windowDays, int maxHops, int maxShared, int pprIterations, double resetProb) {
        public static final Settings DEFAULTS = new Settings(30, 4, 20, 15, 0.15);

        public Settings {
            require(windowDays >= 1 && windowDays <= 366, "windowDays must be 1..366", windowDays);
            require(maxHops >= 1 && maxHops <= 20, "maxHops must be 1..20", maxHops);
            require(maxShared >= 2, "maxShared must be at least 2", maxShared);
            require(pprIterations >= 1, "pprIterations must be at least 1", pprIterations);
            require(resetProb > 0 && resetProb < 1, "resetProb must be in (0, 1)", resetProb);
        }

        private static void require(boolean ok, String what, Object value) {
            if (!ok) {
                throw new IllegalArgumentException("graph settings: " + what + ", got " + value);
            }
        }

        public Settings withMaxHops(int hops) {
            return new Settings(windowDays, hops, maxShared, pprIterations, resetProb);
        }

        public Settings withWindowDays(int days) {
            return new Settings(days, maxHops, maxShared, pprIterations, resetProb);
        }
    }

    public GraphJob(Lake lake, Consumer<String> progress) {
        this(lake, Settings.DEFAULTS, progress);
    }

    public GraphJob(Lake lake, Settings settings, Consumer<String> progress) {
        this.lake = lake;
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs the stage for D and returns the rows written per gold table, in {@link GraphTables#ALL} order. */
    public Map<String, Long> run(SparkSession spark, LocalDate date) {
        Run run = new Run(spark, new AsOf(date));
        try {
            return run.all();
        } finally {
            run.release();
            spark.sparkContext().setJobDescription(null);
        }
    }

    /** One run: the session, the date, and the frames to free at the end. */
    private final class Run {
        private final SparkSession spark;
        private final AsOf asOf;
        private final Checkpoints checkpoints = new Checkpoints();
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private String stepName;
        private long stepStarted;

        Run(SparkSession spark, AsOf asOf) {
            this.spark = spark;
            this.asOf = asOf;
        }

        Map<String, Long> all() {
            step("inputs");
            // Only the columns the steps read are stored: the window's events are the largest frames of the run.
            Dataset<Row> transactions = materialize(silver(Silver.TRANSACTIONS)
                    .filter(asOf.within(settings.windowDays()))
                    .filter(col(Transactions.TXN_TIME).lt(lit(asOf.endOfDay())))
                    .select(col(Transactions.TXN_KEY), col(Transactions.ACCOUNT_ID), col(Transactions.DIRECTION),
                            col(Transactions.AMOUNT), col(Transactions.TXN_TIME),
                            col(Transactions.COUNTERPARTY_ACCOUNT_ID), col(Transactions.CHANNEL),
                            col(Transactions.DEVICE_ID), col(Transactions.IP)));
            Dataset<Row> calls = materialize(silver(Silver.CALLS).filter(asOf.within(settings.windowDays()))
                    .filter(col(Calls.START_TIME).lt(lit(asOf.endOfDay())))
                    .select(col(Calls.CALLER), col(Calls.CALLEE), col(Calls.CALLER_IMEI)));
            Dataset<Row> accounts = materialize(StateAsOf.accounts(silver(Silver.ACCOUNTS), asOf));
            Dataset<Row> partners = accounts.select(col(Accounts.ACCOUNT_ID));
            Dataset<Row> incidents = materialize(silver(Silver.INCIDENTS)
                    .filter(col(Silver.BUSINESS_DATE).leq(asOf.day()))
                    .filter(col(Incidents.REPORTED_AT).lt(lit(asOf.endOfDay()))));
            Dataset<Row> labels = silver(Silver.CASE_LABELS);
            Dataset<Row> labelledAccounts = materialize(StateAsOf.labeledAccounts(labels, asOf));
            Dataset<Row> seeds = materialize(Seeds.labelled(labels, asOf));

            Dataset<Row> traces = trace(transactions, partners, incidents, labelledAccounts, accounts);

            step("gang and propagation edges");
            Dataset<Row> traced = traces.select(col(FundTraces.ACCOUNT_ID).as(GraphAlgorithms.TOKEN)).distinct();
            Dataset<Row> suspicious = labelledAccounts.select(col(Accounts.ACCOUNT_ID))
                    .union(traced.select(col(GraphAlgorithms.TOKEN).as(Accounts.ACCOUNT_ID)))
                    .union(incidents.select(explode(col(Incidents.SUSPECT_ACCOUNTS)).as(Accounts.ACCOUNT_ID)))
                    .distinct();
            int shared = settings.maxShared();
            Dataset<Row> handsets = materialize(GraphEdges.sharedHandsets(calls, shared));
            Dataset<Row> overlaps = materialize(GraphEdges.overlappingCallees(calls, shared));
            Dataset<Row> gangEdges = materialize(handsets.unionByName(overlaps)
                    .unionByName(GraphEdges.sharedDevicesAndIps(transactions, accounts, shared))
                    .unionByName(GraphEdges.contactPhones(accounts, shared))
                    .unionByName(GraphEdges.suspiciousFlows(transactions, suspicious)));
            Dataset<Row> propagationEdges = materialize(GraphEdges.propagation(gangEdges, transactions, calls));

            step("connected components");
            Dataset<Row> components = materialize(GraphAlgorithms.components(spark, gangEdges));
            step("personalized PageRank");
            Dataset<Row> ppr = materialize(GraphAlgorithms.personalizedPageRank(spark, propagationEdges, seeds,
                    settings.pprIterations(), settings.resetProb()));
            Dataset<Row> communities = materialize(EntityGraphFeatures.communities(components, seeds, traced));

            write(GraphTables.GRAPH_ACCOUNT_DAILY, EntityGraphFeatures.accounts(asOf.date(), ppr, communities,
                    EntityGraphFeatures.tracedAccounts(traces, asOf.endOfDay()), seeds, partners));
            write(GraphTables.GRAPH_PHONE_DAILY, EntityGraphFeatures.phones(asOf.date(), ppr, communities, seeds,
                    handsets, overlaps));
            return counts;
        }

        /**
         * Traces reports first, then labelled inflows not already traced, writes both trace tables and returns the
         * fund_traces rows of D.
         */
        private Dataset<Row> trace(Dataset<Row> transactions, Dataset<Row> partners, Dataset<Row> incidents,
                                   Dataset<Row> labelledAccounts, Dataset<Row> accounts) {
            step("fund tracing from reports");
            Dataset<Row> outflows = materialize(TraceInputs.outflows(transactions, partners));
            Dataset<Row> victims = materialize(TraceInputs.victimSources(incidents, transactions));
            Dataset<Row> none = spark.createDataFrame(List.of(),
                    StructType.fromDDL(FundTracer.TXN_KEY + " STRING, " + FundTracer.USED + " DECIMAL(28,2)"));
            FundTracer.Result first = FundTracer.trace(TraceInputs.firstParcels(victims, partners), outflows, none,
                    settings.maxHops(), this::materialize);
            Dataset<Row> firstFlows = materialize(first.flows()
                    .unionByName(TraceInputs.sourceFlows(victims, partners)));

            step("fund tracing from labelled accounts");
            Dataset<Row> carried = firstFlows.select(col(FundTracer.FROM).as(FundTraces.SOURCE_FROM_ACCOUNT),
                    col(FundTracer.TO).as(FundTraces.SOURCE_TO_ACCOUNT), col(FundTracer.TIME).as(FundTraces.SOURCE_TIME));
            Dataset<Row> labelled = materialize(TraceInputs.labelledSources(transactions, labelledAccounts)
                    .join(victims.select(col(FundTraces.TRACE_ID)), new String[]{FundTraces.TRACE_ID}, "left_anti")
                    .join(carried, new String[]{FundTraces.SOURCE_FROM_ACCOUNT, FundTraces.SOURCE_TO_ACCOUNT,
                            FundTraces.SOURCE_TIME}, "left_anti"));
            FundTracer.Result second = FundTracer.trace(TraceInputs.firstParcels(labelled, partners), outflows,
                    first.used(), settings.maxHops(), this::materialize);

            Dataset<Row> sources = victims.unionByName(labelled).drop(TraceInputs.SOURCE_TXN_KEY,
                    TraceInputs.SOURCE_CHANNEL);
            Dataset<Row> traces = materialize(first.accounts().unionByName(second.accounts())
                    .join(sources, FundTraces.TRACE_ID)
                    .join(accounts.select(col(Accounts.ACCOUNT_ID), col(Accounts.BANK)), FundTraces.ACCOUNT_ID, "left")
                    .select(col(FundTraces.TRACE_ID), col(FundTraces.SOURCE_KIND), col(FundTraces.SOURCE_REF),
                            col(FundTraces.SOURCE_FROM_ACCOUNT), col(FundTraces.SOURCE_TO_ACCOUNT),
                            col(FundTraces.SOURCE_TIME), col(FundTraces.SOURCE_AMOUNT), col(FundTraces.HOP),
                            col(FundTraces.ACCOUNT_ID), col(Accounts.BANK).as(FundTraces.BANK),
                            col(FundTraces.AMOUNT_IN), col(FundTraces.AMOUNT_HELD), col(FundTraces.AMOUNT_PASSED_ON),
                            col(FundTraces.AMOUNT_CASHED_OUT), col(FundTraces.FIRST_IN_AT), col(FundTraces.HELD_SINCE),
                            lit(Date.valueOf(asOf.date())).as(GraphTables.BUSINESS_DATE)));
            Dataset<Row> flows = firstFlows.unionByName(second.flows())
                    .unionByName(TraceInputs.sourceFlows(labelled, partners))
                    .select(col(FundTraceFlows.TRACE_ID), col(FundTraceFlows.HOP), col(FundTraceFlows.FROM_ACCOUNT),
                            col(FundTraceFlows.TO_ACCOUNT), col(FundTraceFlows.TXN_KEY), col(FundTraceFlows.TXN_TIME),
                            col(FundTraceFlows.AMOUNT), col(FundTraceFlows.CHANNEL), col(FundTraceFlows.EXIT_KIND),
                            col(FundTraceFlows.CASH_OUT), lit(Date.valueOf(asOf.date())).as(GraphTables.BUSINESS_DATE));
            write(GraphTables.FUND_TRACES, traces);
            write(GraphTables.FUND_TRACE_FLOWS, flows);
            return traces;
        }

        /** Starts a step: reports the previous one's time and names the Spark jobs that follow. */
        private void step(String what) {
            finish();
            spark.sparkContext().setJobDescription("graph " + what + " " + asOf.date());
            stepName = what;
            stepStarted = System.nanoTime();
        }

        private void finish() {
            if (stepName != null) {
                progress.accept(String.format("  %-40s %6.1f s", stepName, (System.nanoTime() - stepStarted) / 1e9));
            }
            stepName = null;
        }

        private Dataset<Row> silver(String table) {
            String path = lake.silver(table);
            if (!DeltaIO.exists(spark, path)) {
                throw new IllegalStateException("the graph stage needs silver/" + table + ", not found at " + path
                        + ": run conform for " + asOf.date() + " first");
            }
            return DeltaIO.read(spark, path);
        }

        /** Stores a frame read more than once and cuts its lineage (see the features job). */
        private Dataset<Row> materialize(Dataset<Row> frame) {
            return checkpoints.materialize(frame);
        }

        void release() {
            checkpoints.release();
        }

        /**
         * Replaces D's partition of a gold table (one file) and records the rows written, from the commit's
         * metrics; 0 when Delta made no commit (nothing to remove, nothing to add).
         */
        private void write(String table, Dataset<Row> rows) {
            step("gold/" + table);
            String path = lake.gold(table);
            long before = DeltaIO.versionOrNone(spark, path);
            DeltaIO.replaceWhere(rows.repartition(1), path,
                    GraphTables.BUSINESS_DATE + " = DATE'" + asOf.date() + "'", GraphTables.BUSINESS_DATE);
            long n = DeltaIO.rowsWritten(spark, path, before);
            counts.put(table, n);
            finish();
            progress.accept(String.format("  gold/%-22s %,9d rows for %s", table, n, asOf.date()));
        }
    }
}
