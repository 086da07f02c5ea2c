package org.fraudlake.publish.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An account may transact, and so be scored, before (or without) the {@code bank_accounts} row that names its bank
 * (issue 15, point 4): its alerts cannot be placed with a bank, and are counted rather than dropped unseen.
 */
@ExtendWith(SparkTestExtension.class)
class NullSafetyTest {
    private final SparkSession spark;

    NullSafetyTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void alertsOnAnAccountWithoutBankAreCountedOncePerAccount() {
        var fired = spark.createDataFrame(List.of(
                        RowFactory.create("ACCOUNT", "ac_known", "money_mule"),
                        RowFactory.create("ACCOUNT", "ac_new", "money_mule"),
                        RowFactory.create("ACCOUNT", "ac_new", "cash_out"),
                        RowFactory.create("ACCOUNT", "ac_nobank", "cash_out"),
                        RowFactory.create("PHONE", "ph_foreign", "fraud_phone")),
                StructType.fromDDL(Evidence.SCORED_TYPE + " STRING, " + Evidence.SCORED_ID + " STRING, "
                        + Evidence.MODEL + " STRING"));
        var accounts = spark.createDataFrame(List.of(RowFactory.create("ac_known", "BANK_A", "id_1"),
                        RowFactory.create("ac_nobank", null, "id_2")),
                StructType.fromDDL("account_id STRING, bank STRING, holder_id STRING"));
        List<String> without = Evidence.accountsWithoutBank(fired, accounts).collectAsList().stream()
                .map(r -> r.getString(0)).sorted().toList();
        assertEquals(List.of("ac_new", "ac_nobank"), without);
    }

    @Test
    void noAlertsNoCount() {
        var fired = spark.createDataFrame(List.<Row>of(), StructType.fromDDL(Evidence.SCORED_TYPE + " STRING, "
                + Evidence.SCORED_ID + " STRING"));
        var accounts = spark.createDataFrame(List.<Row>of(), StructType.fromDDL("account_id STRING, bank STRING"));
        assertEquals(0, Evidence.accountsWithoutBank(fired, accounts).count());
    }
}
