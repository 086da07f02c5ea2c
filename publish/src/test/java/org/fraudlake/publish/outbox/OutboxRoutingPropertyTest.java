package org.fraudlake.publish.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.lake.Lake;
import org.fraudlake.publish.outbox.RandomDecisions.Entity;
import org.fraudlake.publish.outbox.RandomDecisions.Expectation;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over many random decision sets (partners, accounts with numbers shared across banks, held and foreign numbers,
 * victims, rows the lake contradicts, unsent rows, rows of other dates, a vault with several sources per token): no
 * partner's file ever holds another partner's customer, and every sent row reaches exactly the partners it must.
 */
@ExtendWith(SparkTestExtension.class)
class OutboxRoutingPropertyTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static SigningKey key;

    @BeforeAll
    static void key(@TempDir Path dir) throws IOException {
        key = SigningKeys.init(dir.resolve("keys/signing.key"), new Lake(dir.resolve("lake").toString()));
    }

    @Test
    void throughSparkNoPartnerFileEverHoldsAnotherPartnersCustomers(SparkSession spark) {
        for (long seed = 1; seed <= 12; seed++) {
            RandomDecisions world = new RandomDecisions(seed, D);
            Dataset<Row> day = OutboxWriter.dayWarnings(frame(spark, world.interceptList, RandomDecisions.PUBLISHED),
                    frame(spark, world.victimWarnings, RandomDecisions.VICTIMS),
                    frame(spark, world.vault, RandomDecisions.VAULT),
                    frame(spark, world.subscribers, RandomDecisions.SUBSCRIBERS), D);
            Partners partners = OutboxWriter.toPartners(OutboxWriter.partnerCodes(
                    frame(spark, world.accounts, RandomDecisions.ACCOUNTS),
                    frame(spark, world.subscribers, RandomDecisions.SUBSCRIBERS),
                    frame(spark, world.ledger, RandomDecisions.LEDGER), D).collectAsList());
            check(world, partners, OutboxWriter.toWarnings(day.collectAsList()), seed);
        }
    }

    @Test
    void manyDecisionSetsRouteEachRowToExactlyItsPartners() {
        for (long seed = 1_000; seed < 1_600; seed++) {
            RandomDecisions world = new RandomDecisions(seed, D);
            check(world, Partners.of(world.banks, world.carriers), lakeView(world), seed);
        }
    }

    private static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema) {
        return spark.createDataFrame(rows, schema);
    }

    /** The day's sent rows as the lake sees them, built from the fixture tables without Spark. */
    private static List<DayWarning> lakeView(RandomDecisions world) {
        Map<String, List<Row>> vault = world.vault.stream().collect(Collectors.groupingBy(r -> r.getString(0)));
        Map<String, String> holders = new HashMap<>();
        world.subscribers.forEach(r -> holders.put(r.getString(0), r.getString(1)));
        List<DayWarning> out = new ArrayList<>();
        List<Row> published = new ArrayList<>(world.interceptList);
        published.addAll(world.victimWarnings);
        for (Row r : published) {
            if (!r.getBoolean(12) || !r.getDate(13).toLocalDate().equals(D)) {
                continue;
            }
            List<Row> entries = vault.getOrDefault(r.getString(3), List.of());
            out.add(new DayWarning(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                    r.getString(5), r.getDouble(6), strings(r.get(7)), strings(r.get(8)), r.getDate(10).toString(),
                    entries.isEmpty() ? null : entries.get(0).getString(1),
                    entries.isEmpty() ? null : entries.get(0).getString(2),
                    entries.stream().map(e -> e.getString(2)).distinct().count(), holders.get(r.getString(3))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }

    private static void check(RandomDecisions world, Partners partners, List<DayWarning> rows, long seed) {
        String at = "seed " + seed;
        assertEquals(new TreeSet<>(world.banks), partners.banks(), at);
        assertEquals(new TreeSet<>(world.carriers), partners.carriers(), at);
        Routing.Routed routed = Routing.route(partners, D, rows);

        Map<String, Set<String>> reached = new TreeMap<>();
        for (Map.Entry<String, PartnerKind> p : partners.all().entrySet()) {
            String partner = p.getKey();
            byte[] csv = PartnerFolder.render(partner, p.getValue(), D, routed.byPartner().get(partner), key)
                    .get(WarningsCsv.FILE_NAME);
            for (List<String> line : parse(csv, p.getValue(), at)) {
                String id = line.get(0);
                Expectation x = world.expectations.get(id);
                assertNotNull(x, at + ": " + partner + " got an unknown warning " + id);
                Entity e = x.entity();
                String where = at + ", " + partner + ", " + id + " " + e;
                if (p.getValue() == PartnerKind.BANK) {
                    assertEquals("ACCOUNT", e.kind(), where);
                    assertEquals(partner, e.owner(), where + ": another bank's account");
                } else {
                    assertEquals("PHONE", e.kind(), where);
                    assertTrue(e.owner() == null || e.owner().equals(partner),
                            where + ": another carrier's subscriber");
                }
                assertEquals(RandomDecisions.identifier(e), line.get(2), where);
                assertEquals(D.toString(), line.get(1), where);
                assertTrue(line.get(5).matches("0\\.\\d{4}|1\\.0000"), where + ": score " + line.get(5));
                assertTrue(reached.computeIfAbsent(id, k -> new TreeSet<>()).add(partner), where + ": twice");
            }
        }
        for (Expectation x : world.expectations.values()) {
            assertEquals(x.partners(), reached.getOrDefault(x.warningId(), Set.of()),
                    at + ": " + x.warningId() + " " + x.entity() + " reached the wrong partners");
        }
        Set<String> withheld = routed.withheld().stream().map(Routing.Withheld::warningId)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expectedWithheld = world.expectations.values().stream().filter(Expectation::withheld)
                .map(Expectation::warningId).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedWithheld, withheld, at);
    }

    /** The data records of a file, checking its header. */
    private static List<List<String>> parse(byte[] csv, PartnerKind kind, String at) {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new InputStreamReader(new java.io.ByteArrayInputStream(csv),
                StandardCharsets.UTF_8))) {
            CsvRecord header = reader.next();
            assertEquals(kind.header(), header.fields(), at);
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                assertTrue(!r.malformed() && r.fields().size() == kind.header().size(), at + ": " + r);
                records.add(r.fields());
            }
        } catch (IOException e) {
            throw new AssertionError(at, e);
        }
        return records;
    }
}
