package org.fraudlake.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Gold.FeaturesPerson;
import org.fraudlake.schemas.tables.Gold.FeaturesPhone;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Entities the contract allows to have no partner: an account that transacts before (or without) its
 * {@code bank_accounts} row has no bank, a number at no partner carrier has no carrier, a person holding no
 * partner account has no bank. Training and evaluation must count them in ALL and UNKNOWN, never as a null
 * partner group (issue 15: NullPointerException in Evaluator.evaluate's TreeMap).
 */
@ExtendWith(SparkTestExtension.class)
class NullSafetyTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 10);
    private final SparkSession spark;

    NullSafetyTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void accountWithoutBankHasNoPartnerNotANullOne() {
        Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create("ac_1", "BANK_A"),
                        RowFactory.create("ac_2", null)),
                new StructType().add(FeaturesAccount.ACCOUNT_ID, DataTypes.StringType)
                        .add(FeaturesAccount.BANK, DataTypes.StringType));
        Map<String, List<Object>> partners = partners(FeatureStore.withPartners(EntityKind.ACCOUNT, rows, null));
        assertEquals(List.of("BANK_A"), partners.get("ac_1"));
        assertEquals(List.of(), partners.get("ac_2"));
    }

    @Test
    void phoneAtNoPartnerCarrierAndPersonWithoutAccountHaveNoPartner() {
        Dataset<Row> phones = spark.createDataFrame(List.<Row>of(RowFactory.create("ph_1", null)),
                new StructType().add(FeaturesPhone.PHONE, DataTypes.StringType)
                        .add(FeaturesPhone.CARRIER, DataTypes.StringType));
        assertEquals(List.of(), partners(FeatureStore.withPartners(EntityKind.PHONE, phones, null)).get("ph_1"));
        Dataset<Row> persons = spark.createDataFrame(List.of(RowFactory.create("id_1"), RowFactory.create("id_2")),
                new StructType().add(FeaturesPerson.PERSON_ID, DataTypes.StringType));
        Dataset<Row> holderBanks = spark.createDataFrame(List.of(RowFactory.create("id_1", Arrays.asList("BANK_A", null))),
                new StructType().add("_holder", DataTypes.StringType)
                        .add(FeatureStore.PARTNERS, DataTypes.createArrayType(DataTypes.StringType)));
        Map<String, List<Object>> p = partners(FeatureStore.withPartners(EntityKind.PERSON, persons, holderBanks));
        assertEquals(List.of("BANK_A"), p.get("id_1"));
        assertEquals(List.of(), p.get("id_2"));
    }

    @Test
    void evaluatorCountsAnEntityWithANullPartnerInAllOnly() {
        StructType scored = new StructType().add(FeatureStore.ENTITY_ID, DataTypes.StringType)
                .add(FeatureStore.BUSINESS_DATE, DataTypes.DateType)
                .add(FeatureStore.PARTNERS, DataTypes.createArrayType(DataTypes.StringType))
                .add(Evaluator.SCORE, DataTypes.DoubleType);
        List<Row> rows = List.of(RowFactory.create("a", Date.valueOf(D), List.of("BANK_A"), 0.9),
                RowFactory.create("b", Date.valueOf(D), Arrays.asList((String) null), 0.8),
                RowFactory.create("c", Date.valueOf(D), null, 0.7));
        Dataset<Row> positives = spark.createDataFrame(List.of(RowFactory.create("b", Date.valueOf(D.plusDays(1)))),
                new StructType().add(FeatureStore.ENTITY_ID, DataTypes.StringType)
                        .add(Labels.LABELLED_DATE, DataTypes.DateType));
        Dataset<Row> named = spark.createDataFrame(List.of(),
                new StructType().add(FeatureStore.ENTITY_ID, DataTypes.StringType)
                        .add(Labels.NAMED_DATE, DataTypes.DateType));
        Map<String, Metrics> m = new Evaluator(2).evaluate(
                Evaluator.perEntity(spark.createDataFrame(rows, scored), positives, named), 0.5);
        assertEquals(List.of(Metrics.ALL, Metrics.UNKNOWN, "BANK_A"), List.copyOf(m.keySet()));
        assertEquals(3, m.get(Metrics.ALL).entities());
        assertEquals(1, m.get(Metrics.ALL).positives());
        assertEquals(1, m.get("BANK_A").entities());
    }

    @Test
    void evaluateReportsANullGroupAsNoPartner() {
        StructType perEntity = new StructType().add(FeatureStore.ENTITY_ID, DataTypes.StringType)
                .add(Evaluator.SCORE, DataTypes.DoubleType).add(Evaluator.Y, DataTypes.IntegerType)
                .add(Evaluator.GROUP, DataTypes.StringType);
        Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create("a", 0.9, 1, Metrics.ALL),
                RowFactory.create("a", 0.9, 1, null)), perEntity);
        Map<String, Metrics> m = new Evaluator(2).evaluate(frame, 0.5);
        assertEquals(List.of(Metrics.ALL, Metrics.NO_PARTNER), List.copyOf(m.keySet()));
        assertEquals(1, m.get(Metrics.NO_PARTNER).positives());
    }

    private static Map<String, List<Object>> partners(Dataset<Row> keyed) {
        return keyed.select(FeatureStore.ENTITY_ID, FeatureStore.PARTNERS).collectAsList().stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.getString(0), r -> r.getList(1)));
    }
}
