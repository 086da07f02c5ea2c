package org.fraudlake.graph.leads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTestExtension.class)
class LeadsJobTest {
    private static final StructType INCIDENTS = StructType.fromDDL("incident_id STRING, reported_at TIMESTAMP, "
            + "category STRING, fraud_type STRING, occurred_at TIMESTAMP, district STRING, community STRING, "
            + "lat DOUBLE, lon DOUBLE, modus_operandi ARRAY<STRING>, description STRING");
    private final SparkSession spark;

    LeadsJobTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void publishesLeadsWithStableIdsAndEvidenceIdenticallyOnRerun(@TempDir Path dir) {
        Lake lake = new Lake(dir.toString());
        LeadFixtures f = new LeadFixtures()
                .company("s1", "rep", 50_000, "Room 1", "ph1").company("s2", "rep", 50_000, "Room 1", "ph1")
                .company("s3", "rep", 50_000, "Room 1", "ph1")
                .account("a1", "BANK_A", "s1", "COMPANY").account("a2", "BANK_B", "s2", "COMPANY")
                .account("a3", "BANK_C", "s3", "COMPANY")
                .transfer("a1", "BANK_A", "a2", "BANK_B", 2_000_000, 0)
                .transfer("a2", "BANK_B", "a3", "BANK_C", 1_996_000, 60)
                .transfer("a3", "BANK_C", "a1", "BANK_A", 1_992_000, 200);
        DeltaIO.overwrite(f.transactions(spark), lake.silver(Silver.TRANSACTIONS), Silver.BUSINESS_DATE);
        DeltaIO.overwrite(f.accounts(spark), lake.silver(Silver.ACCOUNTS));
        DeltaIO.overwrite(f.companies(spark), lake.silver(Silver.COMPANIES));
        DeltaIO.overwrite(spark.createDataFrame(List.of(), INCIDENTS), lake.silver(Silver.INCIDENTS));

        List<String> seen = new ArrayList<>();
        LeadsJob job = new LeadsJob(lake, seen::add);
        Map<String, Long> counts = job.run(spark, LeadFixtures.DAY).counts();
        assertEquals(1L, counts.get("round_tripping"));
        assertEquals(1L, counts.get("shell_company"));
        assertEquals(0L, counts.get("bid_rigging"));
        assertEquals(0L, counts.get(LeadsJob.SERIES_COUNT));
        assertFalse(seen.isEmpty());

        Dataset<Row> published = DeltaIO.read(spark, lake.published(Published.LEADS)).orderBy(Leads.LEAD_ID);
        List<Row> first = published.collectAsList();
        Row rt = published.filter("typology = 'round_tripping'").first();
        assertTrue(rt.<String>getAs(Leads.LEAD_ID).startsWith("ld_"));
        List<Row> evidence = rt.getList(rt.fieldIndex(Leads.EVIDENCE));
        assertEquals(3, evidence.size());
        assertTrue(evidence.stream().allMatch(e -> e.<String>getAs("ref").contains(":t")), "openable txn keys");

        job.run(spark, LeadFixtures.DAY);
        List<Row> second = DeltaIO.read(spark, lake.published(Published.LEADS)).orderBy(Leads.LEAD_ID).collectAsList();
        assertEquals(first, second, "a re-run replaces the date with identical rows");
    }

    @Test
    void aDetectorThatThrowsIsLeftOutAndTheOtherLeadsArePublished(@TempDir Path dir) {
        Lake lake = new Lake(dir.toString());
        LeadFixtures f = new LeadFixtures()
                .company("s1", "rep", 50_000, "Room 1", "ph1").company("s2", "rep", 50_000, "Room 1", "ph1")
                .company("s3", "rep", 50_000, "Room 1", "ph1")
                .account("a1", "BANK_A", "s1", "COMPANY").account("a2", "BANK_B", "s2", "COMPANY")
                .account("a3", "BANK_C", "s3", "COMPANY")
                .transfer("a1", "BANK_A", "a2", "BANK_B", 2_000_000, 0)
                .transfer("a2", "BANK_B", "a3", "BANK_C", 1_996_000, 60)
                .transfer("a3", "BANK_C", "a1", "BANK_A", 1_992_000, 200);
        DeltaIO.overwrite(f.transactions(spark), lake.silver(Silver.TRANSACTIONS), Silver.BUSINESS_DATE);
        DeltaIO.overwrite(f.accounts(spark), lake.silver(Silver.ACCOUNTS));
        DeltaIO.overwrite(f.companies(spark), lake.silver(Silver.COMPANIES));
        DeltaIO.overwrite(spark.createDataFrame(List.of(), INCIDENTS), lake.silver(Silver.INCIDENTS));
        Map<String, LeadsJob.Detector> detectors = new java.util.LinkedHashMap<>(LeadsJob.DETECTORS);
        detectors.put("shell_company", (in, date) -> {
            throw new IllegalStateException("shell company detector broke on " + date);
        });

        LeadsJob.Result result = new LeadsJob(lake, line -> { }, detectors).run(spark, LeadFixtures.DAY);

        assertEquals(List.of("detector shell_company"),
                result.failures().stream().map(org.fraudlake.core.failure.PartFailure::part).toList());
        assertTrue(result.failures().get(0).describe().contains("LeadsJobTest.java:"),
                result.failures().get(0).describe());
        assertEquals(1L, result.counts().get("round_tripping"), "the other detectors' leads are published");
        assertEquals(0L, result.counts().get("shell_company"));
        assertEquals(0L, result.counts().get(LeadsJob.SERIES_COUNT), "the series step went on");
    }
}
