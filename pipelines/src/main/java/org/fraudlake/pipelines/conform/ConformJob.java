package org.fraudlake.pipelines.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.spark.Parallel;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.conform.Tokens.Pii;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.tables.Bronze;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.schemas.tables.TokenKind;

/**
 * Conform: bronze to silver for one business date. The high-volume event feeds (transactions, calls)
 * replace their date partition, deduplicated within the date; every other table (accounts, subscribers,
 * companies, incidents, case labels, bank feedback, tenders, entity links) is rebuilt as of the date from
 * all bronze rows up to it, so a record updated on a later day (an incident, a bid marked won) keeps only
 * its latest version. Every personal identifier becomes
 * a keyed token, and each new (token, source) pair is merged into {@code vault/identities}. Idempotent:
 * the same bronze gives the same silver. Cost: one read of the date's bronze partitions, a full read of
 * the (small) state feeds, one window shuffle per table, one vault MERGE.
 */
public final class ConformJob {
    private final Lake lake;
    private final Conformers conformers;
    private final Tokens tokens;
    private final Consumer<String> progress;
    private final int threads;

    public ConformJob(Lake lake, Pseudonymizer pseudonymizer, Consumer<String> progress) {
        this(lake, pseudonymizer, progress, Parallel.DEFAULT_THREADS);
    }

    /** {@code threads}: tables built at once from the driver (1 = one after another). */
    public ConformJob(Lake lake, Pseudonymizer pseudonymizer, Consumer<String> progress, int threads) {
        this.threads = threads;
        this.lake = lake;
        this.tokens = new Tokens(pseudonymizer);
        this.conformers = new Conformers(tokens);
        this.progress = progress;
    }

    /** Row counts written per silver table. */
    public Map<String, Long> run(SparkSession spark, LocalDate date) {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        List<Dataset<Row>> vault = Collections.synchronizedList(new ArrayList<>());
        Map<String, Dataset<Row>> states = new ConcurrentHashMap<>();
        List<Callable<Void>> tables = List.of(
                () -> event(spark, date, Feeds.BankTransactions.FEED, Silver.TRANSACTIONS, conformers::transactions,
                        counts, vault, List.of(
                                new Pii(account(col(Bronze.SOURCE), Feeds.BankTransactions.ACCOUNT_NO), TokenKind.ACCOUNT),
                                new Pii(account(upperTrim(Feeds.BankTransactions.COUNTERPARTY_BANK),
                                        Feeds.BankTransactions.COUNTERPARTY_ACCOUNT_NO), TokenKind.ACCOUNT),
                                new Pii(col(Feeds.BankTransactions.COUNTERPARTY_NAME), TokenKind.NAME))),
                () -> event(spark, date, Feeds.CallRecords.FEED, Silver.CALLS, conformers::calls, counts, vault,
                        List.of(new Pii(col(Feeds.CallRecords.CALLER), TokenKind.PHONE),
                                new Pii(col(Feeds.CallRecords.CALLEE), TokenKind.PHONE),
                                new Pii(col(Feeds.CallRecords.CALLER_IMEI), TokenKind.IMEI))),
                () -> state(spark, date, Feeds.BankAccounts.FEED, Silver.ACCOUNTS, conformers::accounts, counts,
                        vault, states, List.of(
                                new Pii(account(col(Bronze.SOURCE), Feeds.BankAccounts.ACCOUNT_NO), TokenKind.ACCOUNT),
                                new Pii(col(Feeds.BankAccounts.HOLDER_ID), TokenKind.ID),
                                new Pii(col(Feeds.BankAccounts.HOLDER_NAME), TokenKind.NAME),
                                new Pii(col(Feeds.BankAccounts.PHONE), TokenKind.PHONE))),
                () -> state(spark, date, Feeds.Subscribers.FEED, Silver.SUBSCRIBERS, conformers::subscribers, counts,
                        vault, states, List.of(new Pii(col(Feeds.Subscribers.PHONE), TokenKind.PHONE),
                                new Pii(col(Feeds.Subscribers.HOLDER_ID), TokenKind.ID))),
                () -> state(spark, date, Feeds.Companies.FEED, Silver.COMPANIES, conformers::companies, counts,
                        vault, states, List.of(new Pii(col(Feeds.Companies.COMPANY_ID), TokenKind.ID),
                                new Pii(col(Feeds.Companies.LEGAL_REP_ID), TokenKind.ID),
                                new Pii(col(Feeds.Companies.PHONE), TokenKind.PHONE))),
                () -> state(spark, date, Feeds.Incidents.FEED, Silver.INCIDENTS, conformers::incidents, counts, vault,
                        null, List.of(new Pii(col(Feeds.Incidents.VICTIM_ID), TokenKind.ID),
                                new Pii(col(Feeds.Incidents.VICTIM_PHONE), TokenKind.PHONE))),
                () -> state(spark, date, Feeds.CaseLabels.FEED, Silver.CASE_LABELS, conformers::caseLabels, counts,
                        vault, null, List.of()),
                () -> state(spark, date, Feeds.BankFeedback.FEED, Silver.BANK_FEEDBACK, conformers::bankFeedback,
                        counts, vault, null, List.of()),
                () -> state(spark, date, Feeds.Tenders.FEED, Silver.TENDERS, conformers::tenders, counts, vault, null,
                        List.of(new Pii(col(Feeds.Tenders.BIDDER_COMPANY_ID), TokenKind.ID),
                                new Pii(col(Feeds.Tenders.CONTACT_PHONE), TokenKind.PHONE),
                                new Pii(col(Feeds.Tenders.AGENT_ID), TokenKind.ID))));
        Parallel.run(tables, threads);
        vault.addAll(listVaultRows(spark, date));

        spark.sparkContext().setJobDescription("conform entity_links " + date);
        long linksStart = System.nanoTime();
        Dataset<Row> links = Conformers.entityLinks(states.get(Silver.ACCOUNTS), states.get(Silver.SUBSCRIBERS),
                states.get(Silver.COMPANIES));
        long linksBefore = DeltaIO.versionOrNone(spark, lake.silver(Silver.ENTITY_LINKS));
        DeltaIO.overwrite(links.coalesce(2), lake.silver(Silver.ENTITY_LINKS));
        counts.put(Silver.ENTITY_LINKS, DeltaIO.rowsWritten(spark, lake.silver(Silver.ENTITY_LINKS), linksBefore));
        states.values().forEach(Dataset::unpersist);
        progress.accept(String.format("  silver/%-14s %,9d rows as of %s (%.1f s)", Silver.ENTITY_LINKS,
                counts.get(Silver.ENTITY_LINKS), date, (System.nanoTime() - linksStart) / 1e9));
        long vaultStart = System.nanoTime();
        mergeVault(spark, date, vault);
        progress.accept(String.format("  vault/identities merged (%.1f s)", (System.nanoTime() - vaultStart) / 1e9));
        spark.sparkContext().setJobDescription(null);
        Map<String, Long> ordered = new LinkedHashMap<>();
        Silver.ALL.stream().filter(counts::containsKey).forEach(t -> ordered.put(t, counts.get(t)));
        return ordered;
    }

    /** Vault rows of the identifiers inside list columns (incidents) and of labelled entities. */
    private List<Dataset<Row>> listVaultRows(SparkSession spark, LocalDate date) {
        List<Dataset<Row>> parts = new ArrayList<>();
        Dataset<Row> incidents = bronzeOf(spark, Feeds.Incidents.FEED, date, false);
        for (String list : List.of(Feeds.Incidents.VICTIM_ACCOUNTS, Feeds.Incidents.SUSPECT_ACCOUNTS)) {
            parts.add(tokens.vaultRowsOfList(incidents, col(Bronze.SOURCE), col(Bronze.BUSINESS_DATE), col(list),
                    TokenKind.ACCOUNT));
        }
        parts.add(tokens.vaultRowsOfList(incidents, col(Bronze.SOURCE), col(Bronze.BUSINESS_DATE),
                col(Feeds.Incidents.SUSPECT_PHONES), TokenKind.PHONE));
        Dataset<Row> labels = bronzeOf(spark, Feeds.CaseLabels.FEED, date, false);
        for (TokenKind kind : List.of(TokenKind.ACCOUNT, TokenKind.PHONE, TokenKind.ID)) {
            parts.add(tokens.vaultRows(labels.filter(labelKindIs(kind)), col(Bronze.SOURCE), col(Bronze.BUSINESS_DATE),
                    List.of(new Pii(col(Feeds.CaseLabels.ENTITY_ID), kind))));
        }
        return parts;
    }

    private static Column upperTrim(String column) {
        return org.apache.spark.sql.functions.upper(org.apache.spark.sql.functions.trim(col(column)));
    }

    private static Column account(Column bank, String numberColumn) {
        return when(col(numberColumn).isNull(), lit(null).cast("string"))
                .otherwise(concat(org.apache.spark.sql.functions.coalesce(bank, lit("")), lit(":"), col(numberColumn)));
    }

    private static Column labelKindIs(TokenKind kind) {
        Column type = col(Feeds.CaseLabels.ENTITY_TYPE);
        return switch (kind) {
            case ACCOUNT -> type.equalTo("ACCOUNT");
            case PHONE -> type.equalTo("PHONE");
            default -> type.isin("PERSON", "COMPANY");
        };
    }

    /** The bronze rows of a feed for the date, or up to and including it. */
    private Dataset<Row> bronzeOf(SparkSession spark, FeedSchema feed, LocalDate date, boolean upTo) {
        Dataset<Row> all = DeltaIO.readOrEmpty(spark, lake.bronze(feed.name()), Bronze.schema(feed));
        Column day = lit(java.sql.Date.valueOf(date));
        return all.filter(upTo ? col(Bronze.BUSINESS_DATE).leq(day) : col(Bronze.BUSINESS_DATE).equalTo(day));
    }

    private Void event(SparkSession spark, LocalDate date, FeedSchema feed, String table,
                       Function<Dataset<Row>, Dataset<Row>> transform, Map<String, Long> counts,
                       List<Dataset<Row>> vault, List<Pii> pii) {
        spark.sparkContext().setJobDescription("conform " + table + " " + date);
        long t0 = System.nanoTime();
        Dataset<Row> bronze = bronzeOf(spark, feed, date, false);
        long before = DeltaIO.versionOrNone(spark, lake.silver(table));
        DeltaIO.replaceWhere(transform.apply(bronze), lake.silver(table),
                Silver.BUSINESS_DATE + " = DATE'" + date + "'", Silver.BUSINESS_DATE);
        counts.put(table, DeltaIO.rowsWritten(spark, lake.silver(table), before));
        if (!pii.isEmpty()) {
            vault.add(tokens.vaultRows(bronze, col(Bronze.SOURCE), col(Bronze.BUSINESS_DATE), pii));
        }
        progress.accept(String.format("  silver/%-14s %,9d rows for %s (%.1f s)", table, counts.get(table), date,
                (System.nanoTime() - t0) / 1e9));
        return null;
    }

    /**
     * Rebuilds a state table; keeps it persisted in {@code keep} when given (for the entity links). Counts come from
     * the Delta commit's metrics, not from counting the frame again.
     */
    private Void state(SparkSession spark, LocalDate date, FeedSchema feed, String table,
                       Function<Dataset<Row>, Dataset<Row>> transform, Map<String, Long> counts,
                       List<Dataset<Row>> vault, Map<String, Dataset<Row>> keep, List<Pii> pii) {
        spark.sparkContext().setJobDescription("conform " + table + " as of " + date);
        long t0 = System.nanoTime();
        Dataset<Row> silver = transform.apply(bronzeOf(spark, feed, date, true));
        if (keep != null) {
            silver = silver.persist(StorageLevel.MEMORY_AND_DISK());
        }
        long before = DeltaIO.versionOrNone(spark, lake.silver(table));
        DeltaIO.overwrite(silver.coalesce(2), lake.silver(table));
        counts.put(table, DeltaIO.rowsWritten(spark, lake.silver(table), before));
        if (!pii.isEmpty()) {
            vault.add(tokens.vaultRows(bronzeOf(spark, feed, date, false), col(Bronze.SOURCE),
                    col(Bronze.BUSINESS_DATE), pii));
        }
        progress.accept(String.format("  silver/%-14s %,9d rows as of %s (%.1f s)", table, counts.get(table), date,
                (System.nanoTime() - t0) / 1e9));
        if (keep != null) {
            keep.put(table, silver);
        }
        return null;
    }

    /**
     * Appends the (token, source) pairs not yet in the vault; existing pairs keep their first-seen date.
     * An anti-join against the vault's keys and one append: cheaper than a MERGE, and idempotent.
     */
    private void mergeVault(SparkSession spark, LocalDate date, List<Dataset<Row>> parts) {
        spark.sparkContext().setJobDescription("conform vault " + date);
        Dataset<Row> updates = parts.stream().reduce(Dataset::unionByName).orElseThrow()
                .groupBy(Silver.Vault.TOKEN, Silver.Vault.SOURCE)
                .agg(org.apache.spark.sql.functions.first(Silver.Vault.KIND).as(Silver.Vault.KIND),
                        org.apache.spark.sql.functions.first(Silver.Vault.VALUE).as(Silver.Vault.VALUE),
                        org.apache.spark.sql.functions.min(Silver.Vault.FIRST_SEEN).as(Silver.Vault.FIRST_SEEN))
                .select(Silver.Vault.TOKEN, Silver.Vault.KIND, Silver.Vault.VALUE, Silver.Vault.SOURCE,
                        Silver.Vault.FIRST_SEEN);
        String path = lake.vaultIdentities();
        if (!DeltaIO.exists(spark, path)) {
            DeltaIO.overwrite(updates.coalesce(2), path);
            return;
        }
        Dataset<Row> known = DeltaIO.read(spark, path).select(Silver.Vault.TOKEN, Silver.Vault.SOURCE);
        Dataset<Row> fresh = updates.join(known, new String[]{Silver.Vault.TOKEN, Silver.Vault.SOURCE}, "left_anti")
                .select(Silver.Vault.TOKEN, Silver.Vault.KIND, Silver.Vault.VALUE, Silver.Vault.SOURCE,
                        Silver.Vault.FIRST_SEEN)
                .coalesce(1);
        DeltaIO.append(fresh, path);
    }
}
