package org.fraudlake.graph.leads;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Tiny silver frames for the lead detector tests: transfers booked once (OUT), cash deposits, accounts, firms. */
final class LeadFixtures {
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final StructType TXNS = StructType.fromDDL("txn_key STRING, bank STRING, account_id STRING, "
            + "direction STRING, amount DECIMAL(18,2), txn_time TIMESTAMP, counterparty_account_id STRING, "
            + "counterparty_bank STRING, channel STRING, business_date DATE");
    static final StructType ACCOUNTS = StructType.fromDDL("account_id STRING, bank STRING, holder_id STRING, "
            + "holder_type STRING");
    static final StructType COMPANIES = StructType.fromDDL("company_id STRING, name STRING, legal_rep_id STRING, "
            + "registered_capital DECIMAL(18,2), reg_date DATE, address STRING, phone STRING, status STRING");
    static final StructType TENDERS = StructType.fromDDL("tender_id STRING, buyer STRING, published_at TIMESTAMP, "
            + "bidder_company_id STRING, bid_amount DECIMAL(18,2), submitted_at TIMESTAMP, submit_ip STRING, "
            + "contact_phone STRING, agent_id STRING, won BOOLEAN");

    private final List<Row> txns = new ArrayList<>();
    private final List<Row> accounts = new ArrayList<>();
    private final List<Row> companies = new ArrayList<>();
    private final List<Row> bids = new ArrayList<>();
    private int seq;

    /** An instant {@code minutes} after 2026-11-10T00:00Z. */
    static Timestamp at(long minutes) {
        return Timestamp.from(Instant.parse("2026-11-10T00:00:00Z").plusSeconds(minutes * 60));
    }

    LeadFixtures account(String account, String bank, String holder, String type) {
        accounts.add(RowFactory.create(account, bank, holder, type));
        return this;
    }

    LeadFixtures company(String id, String rep, long capital, String address, String phone) {
        companies.add(RowFactory.create(id, "firm " + id, rep, BigDecimal.valueOf(capital), Date.valueOf("2026-06-01"),
                address, phone, "ACTIVE"));
        return this;
    }

    /** A transfer booked as OUT at the sender's bank. */
    LeadFixtures transfer(String from, String fromBank, String to, String toBank, double amount, long minute,
                          String channel) {
        txns.add(RowFactory.create(fromBank + ":t" + (++seq), fromBank, from, "OUT", BigDecimal.valueOf(amount),
                at(minute), to, toBank, channel, Date.valueOf(at(minute).toLocalDateTime().toLocalDate())));
        return this;
    }

    LeadFixtures transfer(String from, String fromBank, String to, String toBank, double amount, long minute) {
        return transfer(from, fromBank, to, toBank, amount, minute, "ONLINE");
    }

    /** A cash deposit at the counter. */
    LeadFixtures cash(String to, String bank, double amount, long minute) {
        txns.add(RowFactory.create(bank + ":t" + (++seq), bank, to, "IN", BigDecimal.valueOf(amount), at(minute),
                null, null, "COUNTER", Date.valueOf(at(minute).toLocalDateTime().toLocalDate())));
        return this;
    }

    LeadFixtures bid(String tender, String bidder, double amount, long minute, String ip, String phone, String agent,
                     boolean won) {
        bids.add(RowFactory.create(tender, "buyer", at(minute - 20 * 24 * 60), bidder, BigDecimal.valueOf(amount),
                at(minute), ip, phone, agent, won));
        return this;
    }

    Dataset<Row> transactions(SparkSession spark) {
        return spark.createDataFrame(txns, TXNS);
    }

    Dataset<Row> accounts(SparkSession spark) {
        return spark.createDataFrame(accounts, ACCOUNTS);
    }

    Dataset<Row> companies(SparkSession spark) {
        return spark.createDataFrame(companies, COMPANIES);
    }

    Dataset<Row> tenders(SparkSession spark) {
        return spark.createDataFrame(bids, TENDERS);
    }

    /** Transfers with holders, as the detectors read them. */
    Dataset<Row> flows(SparkSession spark) {
        return Flows.withHolders(Flows.transfers(transactions(spark)), accounts(spark));
    }
}
