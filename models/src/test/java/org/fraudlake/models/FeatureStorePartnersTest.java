package org.fraudlake.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account that transacts without its {@code bank_accounts} row (contract-valid: issue 15) has no bank in the
 * gold features; its partner list is empty rather than holding a null, which broke the per-partner metrics.
 */
@ExtendWith(SparkTestExtension.class)
class FeatureStorePartnersTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);

    @Test
    void anAccountWithoutABankHasNoPartnerInsteadOfANullOne(SparkSession spark, @TempDir Path dir) {
        Lake lake = new Lake(dir.toString());
        StructType schema = new StructType().add(FeaturesAccount.ACCOUNT_ID, DataTypes.StringType)
                .add(FeaturesAccount.BANK, DataTypes.StringType).add(Gold.BUSINESS_DATE, DataTypes.DateType);
        DeltaIO.overwrite(spark.createDataFrame(List.of(RowFactory.create("acc_listed", "BANK_A", Date.valueOf(DAY)),
                RowFactory.create("acc_unlisted", null, Date.valueOf(DAY))), schema),
                lake.gold(Gold.FEATURES_ACCOUNT_DAILY));
        try (FeatureStore store = new FeatureStore(spark, lake)) {
            Map<String, List<String>> partners = new TreeMap<>();
            for (Row r : store.features(EntityKind.ACCOUNT, DAY, DAY).collectAsList()) {
                partners.put(r.getAs(FeatureStore.ENTITY_ID), r.getList(r.fieldIndex(FeatureStore.PARTNERS)));
            }
            assertEquals(Map.of("acc_listed", List.of("BANK_A"), "acc_unlisted", List.of()), partners);
        }
    }
}
