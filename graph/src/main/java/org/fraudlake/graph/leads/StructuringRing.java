package org.fraudlake.graph.leads;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.fraudlake.pipelines.features.ReportingLines;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Typology;

/**
 * Structuring rings: a party (a holder across all its accounts at every bank) whose cash deposits sit just
 * under the large-cash reporting line ({@link ReportingLines#cashLine}, band [ringBand x line, line)) or whose
 * transfers sit just under the transfer line ({@link ReportingLines#transferLine}), at least {@link #MIN_BAND}
 * times on {@link #MIN_DAYS} days, clustered there rather than spread around the line (at least
 * {@link #MIN_BAND_SHARE} of the party's amounts between half and one and a half times the line are in the band),
 * and swept on: the band deposits leave again (outflow of at least {@link #MIN_SWEPT_SHARE} of them) or the band
 * transfers are themselves the outflow (sweeps are transfers of at least {@link #MIN_SWEEP} out of the party's band
 * accounts). Receivers of band transfers and sweeps are members. The lines are the city's settings
 * ({@code reporting.*}), not constants: a regulator sets them; the other thresholds are settings
 * ({@code leads.structuring-ring.*}, see {@link LeadRules}).
 *
 * <p>Look-alikes: shop owners depositing takings (amounts spread around the line), a 4,999-yuan phone (one
 * purchase, at a POS, which is not counted). Cost: two aggregations of the window's transfers by party.
 */
public final class StructuringRing {
    /** Fewest amounts in the band. */
    public static final LeadRules.Rule MIN_BAND = rule("min-band", LeadRules.Kind.COUNT, "4",
            "Fewest deposits or transfers of a party just under a reporting line (in the ring band) in the window.");
    /** Fewest days with amounts in the band. */
    public static final LeadRules.Rule MIN_DAYS = rule("min-days", LeadRules.Kind.COUNT, "3",
            "Fewest different days a party's amounts fall in the ring band.");
    /** Least share of the amounts near a line that are in the band. */
    public static final LeadRules.Rule MIN_BAND_SHARE = rule("min-band-share", LeadRules.Kind.SHARE, "0.5",
            "Least share of a party's amounts between half and one and a half times a line that are in the band "
                    + "(clustered under the line, not spread around it).");
    /** Least share of the band deposits swept on. */
    public static final LeadRules.Rule MIN_SWEPT_SHARE = rule("min-swept-share", LeadRules.Kind.SHARE, "0.3",
            "Least share of a party's band cash deposits that leave again as sweeps.");
    /** Smallest transfer that is a sweep. */
    public static final LeadRules.Rule MIN_SWEEP = rule("min-sweep", LeadRules.Kind.AMOUNT, "10000",
            "Smallest transfer (CNY) out of a party's band accounts, not itself in the band, that is a sweep.");

    private static final String PARTY = "_party";
    private static final String PARTY_TYPE = "_party_type";
    private static final String KIND = "_kind";
    private static final String CASH = "CASH";
    private static final String TRANSFER = "TRANSFER";

    private StructuringRing() {
    }

    /**
     * Leads from transfers with holders in the window (cash deposits have no source).
     *
     * @return rows of {@link LeadRows#finish}
     */
    public static Dataset<Row> detect(Dataset<Row> flows, LocalDate date) {
        return detect(flows, date, ReportingLines.DEFAULTS);
    }

    /** Leads from transfers with holders in the window, under the city's reporting lines and the default rules. */
    public static Dataset<Row> detect(Dataset<Row> flows, LocalDate date, ReportingLines lines) {
        return detect(flows, date, lines, LeadRules.DEFAULTS);
    }

    /** Leads from transfers with holders in the window, under the city's reporting lines and {@code rules}. */
    public static Dataset<Row> detect(Dataset<Row> flows, LocalDate date, ReportingLines lines, LeadRules rules) {
        int minBand = rules.count(MIN_BAND);
        double cashLine = lines.cashLine().doubleValue();
        double transferLine = lines.transferLine().doubleValue();
        Column amount = col(Flows.AMOUNT).cast("double");
        Column isCash = col(Flows.SRC).isNull().and(col(Flows.DST).isNotNull());
        Column isTransfer = col(Flows.SRC).isNotNull().and(col(Flows.DST).isNotNull())
                .and(col(Flows.CHANNEL).isNull().or(col(Flows.CHANNEL).notEqual("POS")));
        Dataset<Row> events = flows.select(col("*"),
                functions.when(isCash, lit(CASH)).when(isTransfer, lit(TRANSFER)).as(KIND),
                functions.when(isCash, Flows.party(col(Flows.DST_HOLDER), col(Flows.DST)))
                        .otherwise(Flows.party(col(Flows.SRC_HOLDER), col(Flows.SRC))).as(PARTY),
                functions.when(isCash, col(Flows.DST_HOLDER_TYPE)).otherwise(col(Flows.SRC_HOLDER_TYPE)).as(PARTY_TYPE),
                functions.when(isCash, col(Flows.DST)).otherwise(col(Flows.SRC)).as("_account"))
                .filter(col(KIND).isNotNull());
        Column line = functions.when(col(KIND).equalTo(CASH), lit(cashLine)).otherwise(lit(transferLine));
        Column low = functions.when(col(KIND).equalTo(CASH), lit(lines.ringLow(lines.cashLine()).doubleValue()))
                .otherwise(lit(lines.ringLow(lines.transferLine()).doubleValue()));
        Column inBand = amount.geq(low).and(amount.lt(line));
        Column nearLine = amount.geq(line.multiply(0.5)).and(amount.lt(line.multiply(1.5)));
        Dataset<Row> marked = events.withColumn("_band", inBand).withColumn("_near", nearLine);

        Dataset<Row> parties = marked.groupBy(PARTY).agg(
                functions.sum(functions.when(col("_band"), 1).otherwise(0)).as("_band_cnt"),
                functions.sum(functions.when(col("_near"), 1).otherwise(0)).as("_near_cnt"),
                functions.countDistinct(functions.when(col("_band"), functions.to_date(col(Flows.TIME)))).as("_days"),
                functions.sum(functions.when(col("_band").and(col(KIND).equalTo(CASH)), amount)).as("_band_cash"),
                functions.sum(functions.when(col("_band").and(col(KIND).equalTo(TRANSFER)), 1).otherwise(0))
                        .as("_band_transfers"),
                functions.first(col(PARTY_TYPE), true).as(PARTY_TYPE),
                functions.collect_set(functions.when(col("_band"), col("_account"))).as("_accounts"),
                functions.collect_list(functions.when(col("_band"), LeadRows.evidence(LeadRows.TRANSACTION,
                        col(Flows.REF), col(Flows.AMOUNT), col(Flows.TIME)))).as("_band_ev"),
                functions.collect_set(functions.when(col("_band").and(col(KIND).equalTo(TRANSFER)), col(Flows.DST)))
                        .as("_receivers"))
                .filter(col("_band_cnt").geq(minBand).and(col("_days").geq(rules.count(MIN_DAYS)))
                        .and(col("_band_cnt").geq(col("_near_cnt").multiply(rules.share(MIN_BAND_SHARE)))));

        Dataset<Row> sweeps = marked.filter(col(KIND).equalTo(TRANSFER).and(functions.not(col("_band")))
                        .and(amount.geq(rules.amount(MIN_SWEEP).doubleValue())))
                .join(parties.select(col(PARTY), col("_accounts")), PARTY)
                .filter(functions.array_contains(col("_accounts"), col(Flows.SRC)))
                .groupBy(PARTY).agg(functions.sum(amount).as("_swept"),
                        functions.collect_list(LeadRows.evidence(LeadRows.TRANSACTION, col(Flows.REF), col(Flows.AMOUNT),
                                col(Flows.TIME))).as("_sweep_ev"),
                        functions.collect_set(col(Flows.DST)).as("_sweep_to"));

        Column sweptShare = functions.coalesce(col("_swept"), lit(0.0))
                .divide(functions.greatest(functions.coalesce(col("_band_cash"), lit(0.0)), lit(1.0)));
        Dataset<Row> leads = parties.join(sweeps, new String[]{PARTY}, "left")
                .filter(col("_band_cash").isNull().and(col("_band_transfers").geq(minBand))
                        .or(sweptShare.geq(rules.share(MIN_SWEPT_SHARE))))
                .withColumn("_sweep_ev", functions.coalesce(col("_sweep_ev"), functions.array()))
                .withColumn("_sweep_to", functions.coalesce(col("_sweep_to"), functions.array()));
        Column party = LeadRows.member(col(PARTY), functions.coalesce(col(PARTY_TYPE), lit(LeadRows.ACCOUNT)),
                "STRUCTURER");
        Dataset<Row> out = leads.select(functions.array(col(PARTY)).as(LeadRows.CORE),
                LeadRows.members(functions.array(party),
                        functions.transform(col("_accounts"), a -> LeadRows.member(a, LeadRows.ACCOUNT,
                                "STRUCTURING_ACCOUNT")),
                        functions.transform(functions.array_except(functions.array_union(col("_receivers"),
                                col("_sweep_to")), col("_accounts")),
                                a -> LeadRows.member(a, LeadRows.ACCOUNT, "RECEIVER"))).as(Leads.MEMBERS),
                LeadRows.evidences(col("_band_ev"), col("_sweep_ev")).as(Leads.EVIDENCE),
                LeadRows.score(0.4, LeadRows.part(0.3, col("_band_cnt"), 12),
                        LeadRows.part(0.15, col("_days"), 7),
                        LeadRows.part(0.15, col("_band_cnt").divide(col("_near_cnt")), 1.0)).as(Leads.SCORE));
        return LeadRows.finish(out, Typology.STRUCTURING_RING, date);
    }

    private static LeadRules.Rule rule(String name, LeadRules.Kind kind, String defaultValue, String doc) {
        return new LeadRules.Rule("structuring-ring." + name, kind, defaultValue, doc);
    }
}
