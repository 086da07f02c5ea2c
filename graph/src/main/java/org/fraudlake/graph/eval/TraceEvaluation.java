package org.fraudlake.graph.eval;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.spark.Sessions;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.pipelines.conform.Tokens;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;
import org.fraudlake.schemas.tables.GraphTables.SourceKind;
import org.fraudlake.schemas.tables.GraphTables;
import org.fraudlake.schemas.tables.TokenKind;

/**
 * Measures victim fund tracing on a simulated lake against the simulator's truth: how much of the victims'
 * money the traces of a date put on the accounts that really held it, and at the accounts it really left from.
 * The only reader of {@code truth/}; never part of the pipeline.
 *
 * <p>Truth, as of the end of D: the victim transfers ({@code truth/victim_transfers.csv}), and per account the
 * scheme money it held ({@code VICTIM_TO_L1} and {@code L1_TO_L2} in, minus {@code L1_TO_L2} and
 * {@code CASHOUT_*} out, at least 0) and cashed out ({@code CASHOUT_*}) from {@code truth/crime_transfers.csv}
 * of the schemes with victims; raw {@code BANK:account_no} identifiers are tokenized with the lake's key as
 * conform does. Traced: the {@code VICTIM_REPORT} rows of {@code gold/fund_traces} for D, per account held and
 * cashed out. Located money is, per account, the smaller of traced and true (held, and cashed out), summed.
 *
 * <p>Prints: victim money by D and reported by D; traced source money; located money as a share of all victim
 * money, of reported victim money and of the truly held and cashed-out money; and the share of traced money
 * that sits on (or left from) accounts of the schemes. Costs: two small CSV reads, one read of a partition,
 * a few aggregations to single rows.
 */
public final class TraceEvaluation {
    static final String VICTIM_TO_L1 = "VICTIM_TO_L1";
    static final String L1_TO_L2 = "L1_TO_L2";
    static final String CASHOUT = "CASHOUT_";
    /** The truth's account for cash (deposits, withdrawals). */
    static final String CASH_ACCOUNT = "CASH";
    private static final String ACCOUNT = "_account";
    private static final String HELD = "_held";
    private static final String CASHED = "_cashed";

    private final SparkSession spark;
    private final Lake lake;
    private final Tokens tokens;

    public TraceEvaluation(SparkSession spark, Lake lake, Pseudonymizer pseudonymizer) {
        this.spark = spark;
        this.lake = lake;
        this.tokens = new Tokens(pseudonymizer);
    }

    /** The figures of one date. */
    public record Figures(LocalDate date, double victimMoney, double reportedMoney, double tracedSourceMoney,
                          double trueHeldAndCashed, double tracedHeldAndCashed, double located,
                          double tracedOnSchemeAccounts) {
        public void print(PrintStream out) {
            out.printf("trace evaluation as of %s%n", date);
            out.printf("  victim money (truth, by D)                 %,14.2f%n", victimMoney);
            out.printf("  reported by D                              %,14.2f  %5.1f%%%n", reportedMoney,
                    pct(reportedMoney, victimMoney));
            out.printf("  traced from reports (source transfers)     %,14.2f  %5.1f%% of reported%n",
                    tracedSourceMoney, pct(tracedSourceMoney, reportedMoney));
            out.printf("  truly held or cashed out, per account      %,14.2f%n", trueHeldAndCashed);
            out.printf("  traced held or cashed out, per account     %,14.2f%n", tracedHeldAndCashed);
            out.printf("  located (traced to the account that held   %,14.2f%n", located);
            out.printf("    or cashed it out): of all victim money   %5.1f%%%n", pct(located, victimMoney));
            out.printf("                       of reported money     %5.1f%%%n", pct(located, reportedMoney));
            out.printf("                       of true holdings      %5.1f%%%n", pct(located, trueHeldAndCashed));
            out.printf("  traced money located correctly (precision) %5.1f%%%n", pct(located, tracedHeldAndCashed));
            out.printf("  traced money on scheme accounts            %5.1f%%%n",
                    pct(tracedOnSchemeAccounts, tracedHeldAndCashed));
        }

        private static double pct(double part, double whole) {
            return whole == 0 ? 0 : 100 * part / whole;
        }
    }

    public Figures evaluate(LocalDate date) {
        AsOf asOf = new AsOf(date);
        Column beforeEnd = col("txn_time").cast("timestamp").lt(lit(asOf.endOfDay()));
        Dataset<Row> victims = csv("victim_transfers.csv").filter(beforeEnd);
        Dataset<Row> crime = csv("crime_transfers.csv").filter(beforeEnd)
                .join(victims.select(col("scheme_id")).distinct(), "scheme_id");
        Column amount = col("amount").cast("double");
        Row money = victims.agg(sum(amount), sum(when(col("reported_on").cast("date").leq(asOf.day()), amount)))
                .first();

        Column step = col("step");
        Column in = step.isin(VICTIM_TO_L1, L1_TO_L2);
        Column out = step.equalTo(L1_TO_L2).or(step.startsWith(CASHOUT));
        Dataset<Row> moves = crime.select(token(col("to_account")).as(ACCOUNT), when(in, amount).as("_in"),
                        lit(0.0).as("_out"), lit(0.0).as("_cash"))
                .unionByName(crime.select(token(col("from_account")).as(ACCOUNT), lit(0.0).as("_in"),
                        when(out, amount).as("_out"), when(step.startsWith(CASHOUT), amount).as("_cash")));
        Dataset<Row> truth = moves.filter(col(ACCOUNT).isNotNull()).groupBy(col(ACCOUNT))
                .agg(greatest(lit(0.0), coalesce(sum("_in"), lit(0.0)).minus(coalesce(sum("_out"), lit(0.0))))
                        .as(HELD), coalesce(sum("_cash"), lit(0.0)).as(CASHED));

        Dataset<Row> traces = DeltaIO.read(spark, lake.gold(GraphTables.FUND_TRACES))
                .filter(col(GraphTables.BUSINESS_DATE).equalTo(asOf.day())
                        .and(col(FundTraces.SOURCE_KIND).equalTo(SourceKind.VICTIM_REPORT)));
        double sources = traces.select(col(FundTraces.TRACE_ID), col(FundTraces.SOURCE_AMOUNT)).distinct()
                .agg(coalesce(sum(col(FundTraces.SOURCE_AMOUNT).cast("double")), lit(0.0))).first().getDouble(0);
        Dataset<Row> traced = traces.groupBy(col(FundTraces.ACCOUNT_ID).as(ACCOUNT))
                .agg(sum(col(FundTraces.AMOUNT_HELD).cast("double")).as("_t_held"),
                        sum(col(FundTraces.AMOUNT_CASHED_OUT).cast("double")).as("_t_cashed"));
        Dataset<Row> both = truth.join(traced, new String[]{ACCOUNT}, "full_outer").na().fill(0.0);
        Row totals = both.agg(sum(col(HELD).plus(col(CASHED))),
                sum(col("_t_held").plus(col("_t_cashed"))),
                sum(least(col(HELD), col("_t_held")).plus(least(col(CASHED), col("_t_cashed")))),
                sum(when(col(HELD).plus(col(CASHED)).gt(0), col("_t_held").plus(col("_t_cashed"))))).first();
        return new Figures(date, value(money, 0), value(money, 1), sources, value(totals, 0), value(totals, 1),
                value(totals, 2), value(totals, 3));
    }

    private static double value(Row row, int i) {
        return row.isNullAt(i) ? 0 : ((Number) row.get(i)).doubleValue();
    }

    private Column token(Column raw) {
        return when(raw.equalTo(CASH_ACCOUNT), lit(null).cast("string")).otherwise(tokens.of(TokenKind.ACCOUNT, raw));
    }

    private Dataset<Row> csv(String file) {
        String path = lake.truth() + "/" + file;
        if (!DeltaIO.pathExists(spark, path)) {
            throw new IllegalStateException("no " + path + ": evaluation needs a simulated lake with its truth");
        }
        return spark.read().option("header", "true").csv(path);
    }

    /** {@code TraceEvaluation LAKE_DIR KEY_FILE DATE}: prints the figures of the date's traces. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: TraceEvaluation LAKE_DIR KEY_FILE DATE (YYYY-MM-DD)");
            System.exit(2);
        }
        Path key = Path.of(args[1]);
        if (!Files.isRegularFile(key)) {
            throw new IOException(key + ": no key file; the lake's tokens need the key it was conformed with");
        }
        SparkSession spark = Sessions.create("trace-evaluation", "local[2]", 4);
        try {
            new TraceEvaluation(spark, new Lake(args[0]), Pseudonymizer.fromKeyFile(key))
                    .evaluate(LocalDate.parse(args[2])).print(System.out);
        } finally {
            spark.stop();
        }
    }
}
