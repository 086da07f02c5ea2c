package org.fraudlake.pipelines.features;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Silver-shaped frames for the features tests, built from rows and the silver schemas as DDL. Times are given
 * in city time ({@code 2026-11-27T10:00}); an event's business date is its city date.
 */
final class Fixtures {
    static final StructType TRANSACTIONS = StructType.fromDDL("txn_key STRING, bank STRING, txn_id STRING, "
            + "account_id STRING, direction STRING, amount DECIMAL(18,2), currency STRING, txn_time TIMESTAMP, "
            + "counterparty_account_id STRING, counterparty_bank STRING, counterparty_name STRING, channel STRING, "
            + "device_id STRING, ip STRING, city_code STRING, balance_after DECIMAL(18,2), business_date DATE");
    static final StructType CALLS = StructType.fromDDL("record_key STRING, carrier STRING, caller STRING, "
            + "callee STRING, start_time TIMESTAMP, duration_s INT, kind STRING, caller_imei STRING, cell_id STRING, "
            + "international BOOLEAN, business_date DATE");
    static final StructType ACCOUNTS = StructType.fromDDL("account_id STRING, bank STRING, holder_id STRING, "
            + "holder_name STRING, holder_type STRING, holder_birth_date DATE, phone STRING, open_date DATE, "
            + "status STRING, account_type STRING, branch_code STRING, updated_at TIMESTAMP, first_seen DATE");
    static final StructType SUBSCRIBERS = StructType.fromDDL("phone STRING, carrier STRING, holder_id STRING, "
            + "activated_at DATE, status STRING, plan STRING, ported_in BOOLEAN, updated_at TIMESTAMP, "
            + "owner_since DATE");
    static final StructType COMPANIES = StructType.fromDDL("company_id STRING, name STRING, legal_rep_id STRING, "
            + "registered_capital DECIMAL(18,2), reg_date DATE, address STRING, phone STRING, status STRING");
    static final StructType CASE_LABELS = StructType.fromDDL("entity_type STRING, entity_id STRING, label STRING, "
            + "confirmed_at TIMESTAMP, case_no STRING, business_date DATE");
    static final StructType ENTITY_LINKS = StructType.fromDDL("from_type STRING, from_id STRING, relation STRING, "
            + "to_type STRING, to_id STRING, source STRING");
    static final StructType LAST_ACTIVE = StructType.fromDDL("account_id STRING, last_active_date DATE");
    static final StructType CALL_PAYMENTS = StructType.fromDDL("txn_key STRING, person_id STRING, "
            + "account_id STRING, payee_id STRING, amount DECIMAL(18,2), pay_time TIMESTAMP, caller STRING, "
            + "callee STRING, call_time TIMESTAMP, duration_s INT, business_date DATE");

    private static int seq;

    private Fixtures() {
    }

    static Dataset<Row> frame(SparkSession spark, StructType schema, List<Row> rows) {
        return spark.createDataFrame(rows, schema);
    }

    static Dataset<Row> empty(SparkSession spark, StructType schema) {
        return spark.createDataFrame(List.of(), schema);
    }

    /** An instant from a city-time local date-time such as {@code 2026-11-27T10:00}. */
    static Timestamp at(String cityTime) {
        return Timestamp.from(OffsetDateTime.parse(cityTime + (cityTime.length() == 16 ? ":00" : "") + "+08:00")
                .toInstant());
    }

    static LocalDate dayOf(String cityTime) {
        return LocalDate.parse(cityTime.substring(0, 10));
    }

    static Date date(LocalDate d) {
        return Date.valueOf(d);
    }

    /** A transaction booked on {@code account}; the counterparty is an account token at bank {@code BANK_B}. */
    static Row txn(String account, String direction, String amount, String cityTime, String counterparty) {
        return txn(account, direction, amount, cityTime, counterparty, "MOBILE", null, null, null);
    }

    static Row txn(String account, String direction, String amount, String cityTime, String counterparty,
                   String channel, String device, String ip, String balanceAfter) {
        String id = "T" + (++seq);
        return RowFactory.create("BANK_A:" + id, "BANK_A", id, account, direction, new BigDecimal(amount), "CNY",
                at(cityTime), counterparty, counterparty == null ? null : "BANK_B", null, channel, device, ip, null,
                balanceAfter == null ? null : new BigDecimal(balanceAfter), date(dayOf(cityTime)));
    }

    static Row call(String caller, String callee, String cityTime, int durationS, String kind, String imei,
                    boolean international) {
        String id = "R" + (++seq);
        return RowFactory.create("CARRIER_X:" + id, "CARRIER_X", caller, callee, at(cityTime), durationS, kind, imei,
                null, international, date(dayOf(cityTime)));
    }

    static Row voice(String caller, String callee, String cityTime, int durationS) {
        return call(caller, callee, cityTime, durationS, "VOICE", null, false);
    }

    static Row account(String account, String bank, String holder, String holderType, LocalDate birth,
                       LocalDate opened) {
        return RowFactory.create(account, bank, holder, null, holderType, birth == null ? null : date(birth), null,
                date(opened), "ACTIVE", "DEBIT", null, null, date(opened));
    }

    static Row subscriber(String phone, String holder, LocalDate activated, String plan) {
        return RowFactory.create(phone, "CARRIER_X", holder, date(activated), "ACTIVE", plan, false, null,
                date(activated));
    }

    static Row label(String account, String label, String cityTime) {
        return RowFactory.create("ACCOUNT", account, label, at(cityTime), "C1", date(dayOf(cityTime)));
    }

    static Row link(String fromType, String from, String relation, String toType, String to) {
        return RowFactory.create(fromType, from, relation, toType, to, "TEST");
    }

    static Row company(String id, String legalRep, String capital, LocalDate registered, String phone) {
        return RowFactory.create(id, "Co " + id, legalRep, capital == null ? null : new BigDecimal(capital),
                date(registered), null, phone, "ACTIVE");
    }

    /** The same rows with every column nullable, so frames from different plans compare on names and types. */
    static Dataset<Row> nullable(Dataset<Row> frame, String... columns) {
        Dataset<Row> selected = frame.selectExpr(columns);
        StructType schema = new StructType();
        for (org.apache.spark.sql.types.StructField f : selected.schema().fields()) {
            schema = schema.add(f.name(), f.dataType(), true);
        }
        return selected.sparkSession().createDataFrame(selected.collectAsList(), schema);
    }

    static List<Row> rows(Row... rows) {
        return new ArrayList<>(Arrays.asList(rows));
    }

    /**
     * Collects {@code frame} once (one Spark job, tests stay fast) and indexes its rows by the values of
     * {@code keyColumns} joined with {@code |}; fails on a duplicate key.
     */
    static java.util.Map<String, Row> byKey(Dataset<Row> frame, String... keyColumns) {
        java.util.Map<String, Row> out = new java.util.HashMap<>();
        for (Row r : frame.collectAsList()) {
            StringBuilder key = new StringBuilder();
            for (String c : keyColumns) {
                key.append(key.length() == 0 ? "" : "|").append((Object) r.getAs(c));
            }
            if (out.put(key.toString(), r) != null) {
                throw new AssertionError("duplicate key " + key + " in " + frame.columns()[0]);
            }
        }
        return out;
    }

    /** Rows indexed by one key column; fails on a duplicate key. */
    static java.util.Map<String, Row> byKeyOf(List<Row> rows, String keyColumn) {
        java.util.Map<String, Row> out = new java.util.HashMap<>();
        for (Row r : rows) {
            if (out.put(r.getAs(keyColumn), r) != null) {
                throw new AssertionError("duplicate key " + r.getAs(keyColumn));
            }
        }
        return out;
    }

    /** The single row of {@code frame} whose {@code keyColumn} is {@code key}. */
    static Row only(Dataset<Row> frame, String keyColumn, String key) {
        List<Row> rows = frame.filter(frame.col(keyColumn).equalTo(key)).collectAsList();
        if (rows.size() != 1) {
            throw new AssertionError("expected one row with " + keyColumn + " = " + key + ", got " + rows);
        }
        return rows.get(0);
    }
}
