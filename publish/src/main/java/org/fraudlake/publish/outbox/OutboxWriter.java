package org.fraudlake.publish.outbox;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.io.IOException;
import java.security.PublicKey;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.failure.ErrorText;
import org.fraudlake.core.failure.PartFailure;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.ingest.PartnerRegistry;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.SourceKind;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.Vault;
import org.fraudlake.schemas.tables.Silver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one business date's partner outbox: for every partner bank and carrier known to the lake on the date,
 * {@code outbox/<partner>/<date>/} with {@code warnings.csv}, {@code _manifest.json} and its Ed25519 signature, as
 * {@code shared/feeds.md} ("What partners receive") lays them out. The rows are those of
 * {@code published/intercept_list} and {@code published/victim_warnings} of the date with {@code sent = true}; the
 * raw identifiers come back from {@code vault/identities}, only for the partner's own customers (see
 * {@link Routing}). A partner with nothing gets a header-only file. The same inputs give byte-identical folders;
 * each folder is swapped in whole (see {@link OutboxFiles}). A partner whose folder fails (to render, to write or
 * to swap in) is reported in {@link Publication#failures} and the other partners' folders are published.
 *
 * <p>Cost: a pruned read of the date's published rows; one scan of the vault and of silver subscribers, filtered by
 * a broadcast of the day's tokens (no shuffle of either); a small aggregation of the partner codes. Two collects,
 * both small by design: the partner codes, and the day's sent warning rows with their raw values (a few thousand
 * at most, the lists partners act on), which are routed and written from the driver.
 */
public final class OutboxWriter {
    /** Columns the day's frame adds to the published columns. */
    public static final String VAULT_KIND = "vault_kind";
    public static final String VAULT_VALUE = "vault_value";
    public static final String VAULT_VALUES = "vault_values";
    public static final String HOLDER = "holder";
    /** Columns of the partner codes frame. */
    public static final String PARTNER_KIND = "partner_kind";
    public static final String PARTNER_CODE = "partner_code";

    /** Prefix of a partner's part name in {@link Publication#failures}. */
    public static final String PARTNER_PART = "partner ";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxWriter.class);
    private static final StructType VAULT = StructType.fromDDL(
            "token STRING, kind STRING, value STRING, source STRING, first_seen DATE");
    private static final StructType ACCOUNTS = StructType.fromDDL("account_id STRING, bank STRING, first_seen DATE");
    private static final StructType SUBSCRIBERS = StructType.fromDDL(
            "phone STRING, carrier STRING, owner_since DATE");
    private final Lake lake;
    private final SigningKey key;
    private final Consumer<String> progress;

    public OutboxWriter(Lake lake, SigningKey key, Consumer<String> progress) {
        this.lake = lake;
        this.key = key;
        this.progress = progress;
    }

    /**
     * Writes every partner's folder for {@code date}, replacing an earlier publication of the date. Puts the
     * public key at {@code outbox/signing-key.pub} when it is missing, and refuses to sign when the one there is
     * not this key's (partners could not verify).
     */
    public Publication publish(SparkSession spark, LocalDate date) throws IOException {
        long t0 = System.nanoTime();
        spark.sparkContext().setJobDescription("publish outbox " + date);
        try {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            requireLakePublicKey(conf);
            Partners partners = partners(spark, date);
            Routing.Routed routed = Routing.route(partners, date, warnings(spark, date));
            Map<String, Map<String, byte[]>> folders = new TreeMap<>();
            Map<String, Integer> rows = new TreeMap<>();
            Map<String, String> paths = new TreeMap<>();
            Map<String, Exception> failed = new TreeMap<>();
            partners.all().forEach((partner, kind) -> {
                try {
                    List<WarningLine> lines = routed.byPartner().get(partner);
                    folders.put(partner, PartnerFolder.render(partner, kind, date, lines, key));
                    rows.put(partner, new TreeSet<>(lines).size());
                } catch (RuntimeException e) {
                    failed.put(partner, e);
                }
            });
            Path outbox = new Path(lake.outbox());
            FileSystem fs = OutboxFiles.plain(outbox.getFileSystem(conf));
            List<String> rewritten = OutboxFiles.publish(fs, outbox, date, folders, failed);
            List<PartFailure> failures = new ArrayList<>();
            failed.forEach((partner, e) -> {
                LOG.error("outbox {}: partner {}'s folder failed; the other partners' folders are published", date,
                        partner, e);
                progress.accept("  outbox " + date + ": partner " + partner + " FAILED: " + ErrorText.describe(e));
                failures.add(new PartFailure(PARTNER_PART + partner, e));
                rows.remove(partner);
            });
            rows.keySet().forEach(partner -> paths.put(partner, lake.outbox(partner, date)));
            RuntimeException all = PartFailure.whenAllFailed("partner folders", partners.all().size(), failures);
            if (all != null) {
                throw all;
            }
            for (Routing.Withheld w : routed.withheld()) {
                LOG.warn("outbox {}: warning {} ({}, partner {}) withheld: {}", date, w.warningId(), w.entityType(),
                        w.partner(), w.reason());
            }
            Publication publication = new Publication(date, rows, paths, rewritten, routed.withheld(), failures);
            progress.accept(String.format("  outbox %s: %d partners (%d banks, %d carriers), %,d rows, %d folders "
                            + "written, %d unchanged, %d warnings withheld (%.1f s)", date, partners.all().size(),
                    partners.banks().size(), partners.carriers().size(), publication.totalRows(), rewritten.size(),
                    folders.size() - rewritten.size(), routed.withheld().size(), (System.nanoTime() - t0) / 1e9));
            return publication;
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    private void requireLakePublicKey(Configuration conf) throws IOException {
        PublicKey published = SigningKeys.lakePublicKey(lake, conf);
        if (published == null) {
            SigningKeys.installPublicKey(key, lake, conf);
            progress.accept("  outbox: public key written to " + lake.signingPublicKey() + " (fingerprint "
                    + SigningKeys.fingerprint(key.publicKey()) + ")");
        } else if (!key.hasPublicKey(published)) {
            throw new IllegalStateException(lake.signingPublicKey() + " is not the public key of " + key.origin()
                    + ", so partners could not verify what it signs; sign with the matching key, or make a new pair "
                    + "with `fraudlake keys init --force` (which replaces the public key partners use)");
        }
    }

    private Partners partners(SparkSession spark, LocalDate date) {
        Dataset<Row> codes = partnerCodes(
                DeltaIO.readOrEmpty(spark, lake.silver(Silver.ACCOUNTS), ACCOUNTS),
                DeltaIO.readOrEmpty(spark, lake.silver(Silver.SUBSCRIBERS), SUBSCRIBERS),
                DeltaIO.readOrEmpty(spark, lake.deliveries(), DeliveryLedger.SCHEMA), date);
        return toPartners(codes.collectAsList(), PartnerRegistry.kinds(spark, lake));
    }

    private List<DayWarning> warnings(SparkSession spark, LocalDate date) {
        String intercept = lake.published(Published.INTERCEPT_LIST);
        if (!DeltaIO.exists(spark, intercept)) {
            throw new IllegalStateException(intercept + " does not exist: the decisions for " + date
                    + " must be published before the outbox");
        }
        String victimsPath = lake.published(Published.VICTIM_WARNINGS);
        Dataset<Row> interceptList = DeltaIO.read(spark, intercept);
        Dataset<Row> victims = DeltaIO.exists(spark, victimsPath) ? DeltaIO.read(spark, victimsPath)
                : spark.createDataFrame(List.of(), interceptList.schema());
        Dataset<Row> day = dayWarnings(interceptList, victims,
                DeltaIO.readOrEmpty(spark, lake.vaultIdentities(), VAULT),
                DeltaIO.readOrEmpty(spark, lake.silver(Silver.SUBSCRIBERS), SUBSCRIBERS), date);
        return toWarnings(day.collectAsList());
    }

    /**
     * The date's sent rows of the intercept list and the victim warnings, each with its token's vault kind, raw
     * value and number of distinct raw values, and the carrier holding it per silver subscribers (for numbers).
     */
    public static Dataset<Row> dayWarnings(Dataset<Row> interceptList, Dataset<Row> victimWarnings,
                                           Dataset<Row> vault, Dataset<Row> subscribers, LocalDate date) {
        Dataset<Row> day = sent(interceptList, date).unionByName(sent(victimWarnings, date));
        Dataset<Row> tokens = broadcast(day.select(col(InterceptList.ENTITY_ID).as("_token")).distinct());
        Dataset<Row> identities = vault.join(tokens, vault.col(Vault.TOKEN).equalTo(tokens.col("_token")),
                        "left_semi")
                .groupBy(col(Vault.TOKEN).as("_vault_token"))
                .agg(min(Vault.KIND).as(VAULT_KIND), min(Vault.VALUE).as(VAULT_VALUE),
                        countDistinct(col(Vault.VALUE)).as(VAULT_VALUES));
        Dataset<Row> holders = subscribers.join(tokens,
                        subscribers.col(Silver.Subscribers.PHONE).equalTo(tokens.col("_token")), "left_semi")
                .select(col(Silver.Subscribers.PHONE).as("_holder_token"), col(Silver.Subscribers.CARRIER).as(HOLDER));
        return day.join(identities, col(InterceptList.ENTITY_ID).equalTo(col("_vault_token")), "left")
                .join(holders, col(InterceptList.ENTITY_ID).equalTo(col("_holder_token")), "left")
                .drop("_vault_token", "_holder_token");
    }

    private static Dataset<Row> sent(Dataset<Row> table, LocalDate date) {
        return table.filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date)))
                        .and(col(InterceptList.SENT).equalTo(true)))
                .select(col(InterceptList.WARNING_ID), col(InterceptList.PARTNER), col(InterceptList.ENTITY_TYPE),
                        col(InterceptList.ENTITY_ID), col(InterceptList.WARNING_TYPE), col(InterceptList.ACTION),
                        col(InterceptList.SCORE).cast("double").as(InterceptList.SCORE),
                        col(InterceptList.MODELS).cast("array<string>").as(InterceptList.MODELS),
                        col(InterceptList.REASONS).cast("array<string>").as(InterceptList.REASONS),
                        col(InterceptList.VALID_UNTIL).cast("date").cast("string").as(InterceptList.VALID_UNTIL));
    }

    /**
     * The partner codes known on {@code date}, as ({@link #PARTNER_KIND}, {@link #PARTNER_CODE}): banks with an
     * account first seen by then or a loaded bank delivery up to the date; carriers with a number held since then
     * or a loaded carrier delivery up to the date.
     */
    public static Dataset<Row> partnerCodes(Dataset<Row> accounts, Dataset<Row> subscribers, Dataset<Row> ledger,
                                            LocalDate date) {
        Column day = lit(Date.valueOf(date));
        Dataset<Row> banks = accounts.filter(col(Silver.Accounts.FIRST_SEEN).leq(day))
                .select(lit(PartnerKind.BANK.name()).as(PARTNER_KIND), col(Silver.Accounts.BANK).as(PARTNER_CODE));
        Dataset<Row> carriers = subscribers.filter(col(Silver.Subscribers.OWNER_SINCE).leq(day))
                .select(lit(PartnerKind.CARRIER.name()).as(PARTNER_KIND),
                        col(Silver.Subscribers.CARRIER).as(PARTNER_CODE));
        return banks.unionByName(carriers)
                .unionByName(deliverers(ledger, day, SourceKind.BANK, PartnerKind.BANK))
                .unionByName(deliverers(ledger, day, SourceKind.CARRIER, PartnerKind.CARRIER))
                .filter(col(PARTNER_CODE).isNotNull())
                .distinct();
    }

    private static Dataset<Row> deliverers(Dataset<Row> ledger, Column day, SourceKind source, PartnerKind kind) {
        Object[] feeds = Feeds.ALL.stream().filter(f -> f.sourceKind() == source).map(FeedSchema::name).toArray();
        return ledger.filter(col(DeliveryLedger.STATUS).equalTo(DeliveryLedger.LOADED)
                        .and(col(DeliveryLedger.BUSINESS_DATE).leq(day))
                        .and(col(DeliveryLedger.FEED).isin(feeds)))
                .select(lit(kind.name()).as(PARTNER_KIND), col(DeliveryLedger.SOURCE).as(PARTNER_CODE));
    }

    static Partners toPartners(List<Row> codes) {
        return toPartners(codes, Map.of());
    }

    /**
     * The partners of {@link #partnerCodes}, each code with the kind the partner registry binds it to. A code the
     * registry binds to another kind, a code seen as both a bank and a carrier that the registry does not bind, and
     * a code that cannot name a folder get no folder, with a warning: one partner never stops the others' outbox.
     */
    static Partners toPartners(List<Row> codes, Map<String, SourceKind> registry) {
        Map<String, java.util.Set<PartnerKind>> kinds = new TreeMap<>();
        for (Row r : codes) {
            String code = r.getString(r.fieldIndex(PARTNER_CODE));
            PartnerKind kind = PartnerKind.BANK.name().equals(r.getString(r.fieldIndex(PARTNER_KIND)))
                    ? PartnerKind.BANK : PartnerKind.CARRIER;
            SourceKind bound = registry.get(code);
            if (bound == null || bound.name().equals(kind.name())) {
                kinds.computeIfAbsent(code, c -> new TreeSet<>()).add(kind);
            }
        }
        List<String> banks = new ArrayList<>();
        List<String> carriers = new ArrayList<>();
        kinds.forEach((code, k) -> {
            if (!code.matches(Feeds.SOURCE_PATTERN) || k.size() > 1) {
                LOG.warn("partner code {} gets no outbox folder: {}", code, k.size() > 1
                        ? "it is both a bank and a carrier in the lake and ops/partners binds it to neither; bind it "
                        + "with ingest.partners" : "it does not match " + Feeds.SOURCE_PATTERN);
            } else {
                (k.contains(PartnerKind.BANK) ? banks : carriers).add(code);
            }
        });
        return Partners.of(banks, carriers);
    }

    /** The collected rows of {@link #dayWarnings}, ordered by warning id. */
    public static List<DayWarning> toWarnings(List<Row> rows) {
        List<DayWarning> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Object values = r.get(r.fieldIndex(VAULT_VALUES));
            out.add(new DayWarning(str(r, InterceptList.WARNING_ID), str(r, InterceptList.PARTNER),
                    str(r, InterceptList.ENTITY_TYPE), str(r, InterceptList.ENTITY_ID),
                    str(r, InterceptList.WARNING_TYPE), str(r, InterceptList.ACTION),
                    r.isNullAt(r.fieldIndex(InterceptList.SCORE)) ? null : r.getDouble(r.fieldIndex(InterceptList.SCORE)),
                    list(r, InterceptList.MODELS), list(r, InterceptList.REASONS), str(r, InterceptList.VALID_UNTIL),
                    str(r, VAULT_KIND), str(r, VAULT_VALUE), values == null ? 0 : ((Number) values).longValue(),
                    str(r, HOLDER)));
        }
        out.sort(Comparator.comparing(DayWarning::warningId, Comparator.nullsFirst(Comparator.naturalOrder())));
        return out;
    }

    private static String str(Row r, String column) {
        return r.getString(r.fieldIndex(column));
    }

    private static List<String> list(Row r, String column) {
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? List.of() : r.getList(i);
    }
}
