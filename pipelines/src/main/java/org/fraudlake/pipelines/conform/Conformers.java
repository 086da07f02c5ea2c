package org.fraudlake.pipelines.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.tables.Bronze;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.schemas.tables.TokenKind;

/**
 * The pure bronze-to-silver transforms, one per feed: typed and UTC already (bronze is typed), deduplicated
 * by natural key with the latest delivery row winning, personal identifiers replaced by tokens. Each takes
 * and returns a Dataset and touches no storage, so tests call them on tiny frames.
 */
public final class Conformers {
    /** Masks digit runs of six or more (phone, account, ID numbers) in free text. */
    static final String LONG_DIGITS = "[0-9][0-9 -]{4,}[0-9]";
    private final Tokens tokens;

    public Conformers(Tokens tokens) {
        this.tokens = tokens;
    }

    /** Keeps the latest row per key: the latest business date, then file and line of the delivery. */
    public static Dataset<Row> latest(Dataset<Row> bronze, Column order, Column... key) {
        return bronze.withColumn("_rn", row_number().over(Window.partitionBy(key).orderBy(order.desc_nulls_last(),
                        col(Bronze.BUSINESS_DATE).desc(), col(Bronze.FILE).desc(), col(Bronze.LINE).desc())))
                .filter(col("_rn").equalTo(1)).drop("_rn");
    }

    private Column token(TokenKind kind, String rawColumn) {
        return tokens.of(kind, col(rawColumn));
    }

    private Column accountToken(Column bank, Column number) {
        return when(number.isNull(), lit(null).cast("string"))
                .otherwise(tokens.of(TokenKind.ACCOUNT, concat(coalesce(bank, lit("")), lit(":"), number)));
    }

    /** bank_accounts (all deliveries up to the date) to the latest state per account. */
    public Dataset<Row> accounts(Dataset<Row> bronze) {
        Dataset<Row> firstSeen = bronze.groupBy(col(Bronze.SOURCE), col(Feeds.BankAccounts.ACCOUNT_NO))
                .agg(functions.min(Bronze.BUSINESS_DATE).as(Silver.Accounts.FIRST_SEEN));
        Dataset<Row> last = latest(bronze, col(Feeds.BankAccounts.UPDATED_AT), col(Bronze.SOURCE),
                col(Feeds.BankAccounts.ACCOUNT_NO))
                .join(firstSeen, new String[]{Bronze.SOURCE, Feeds.BankAccounts.ACCOUNT_NO});
        return last.select(
                accountToken(col(Bronze.SOURCE), col(Feeds.BankAccounts.ACCOUNT_NO)).as(Silver.Accounts.ACCOUNT_ID),
                col(Bronze.SOURCE).as(Silver.Accounts.BANK),
                token(TokenKind.ID, Feeds.BankAccounts.HOLDER_ID).as(Silver.Accounts.HOLDER_ID),
                token(TokenKind.NAME, Feeds.BankAccounts.HOLDER_NAME).as(Silver.Accounts.HOLDER_NAME),
                col(Feeds.BankAccounts.HOLDER_TYPE).as(Silver.Accounts.HOLDER_TYPE),
                col(Feeds.BankAccounts.HOLDER_BIRTH_DATE).as(Silver.Accounts.HOLDER_BIRTH_DATE),
                token(TokenKind.PHONE, Feeds.BankAccounts.PHONE).as(Silver.Accounts.PHONE),
                col(Feeds.BankAccounts.OPEN_DATE).as(Silver.Accounts.OPEN_DATE),
                col(Feeds.BankAccounts.STATUS).as(Silver.Accounts.STATUS),
                col(Feeds.BankAccounts.ACCOUNT_TYPE).as(Silver.Accounts.ACCOUNT_TYPE),
                col(Feeds.BankAccounts.BRANCH_CODE).as(Silver.Accounts.BRANCH_CODE),
                col(Feeds.BankAccounts.UPDATED_AT).as(Silver.Accounts.UPDATED_AT),
                col(Silver.Accounts.FIRST_SEEN));
    }

    /** bank_transactions of one date, deduplicated per bank and txn_id. */
    public Dataset<Row> transactions(Dataset<Row> bronze) {
        return latest(bronze, col(Bronze.INGESTED_AT), col(Bronze.SOURCE), col(Feeds.BankTransactions.TXN_ID)).select(
                concat(col(Bronze.SOURCE), lit(":"), col(Feeds.BankTransactions.TXN_ID)).as(Silver.Transactions.TXN_KEY),
                col(Bronze.SOURCE).as(Silver.Transactions.BANK),
                col(Feeds.BankTransactions.TXN_ID).as(Silver.Transactions.TXN_ID),
                accountToken(col(Bronze.SOURCE), col(Feeds.BankTransactions.ACCOUNT_NO))
                        .as(Silver.Transactions.ACCOUNT_ID),
                col(Feeds.BankTransactions.DIRECTION).as(Silver.Transactions.DIRECTION),
                col(Feeds.BankTransactions.AMOUNT).as(Silver.Transactions.AMOUNT),
                coalesce(col(Feeds.BankTransactions.CURRENCY), lit("CNY")).as(Silver.Transactions.CURRENCY),
                col(Feeds.BankTransactions.TXN_TIME).as(Silver.Transactions.TXN_TIME),
                accountToken(upper(functions.trim(col(Feeds.BankTransactions.COUNTERPARTY_BANK))),
                        col(Feeds.BankTransactions.COUNTERPARTY_ACCOUNT_NO))
                        .as(Silver.Transactions.COUNTERPARTY_ACCOUNT_ID),
                upper(functions.trim(col(Feeds.BankTransactions.COUNTERPARTY_BANK)))
                        .as(Silver.Transactions.COUNTERPARTY_BANK),
                token(TokenKind.NAME, Feeds.BankTransactions.COUNTERPARTY_NAME)
                        .as(Silver.Transactions.COUNTERPARTY_NAME),
                col(Feeds.BankTransactions.CHANNEL).as(Silver.Transactions.CHANNEL),
                col(Feeds.BankTransactions.DEVICE_ID).as(Silver.Transactions.DEVICE_ID),
                col(Feeds.BankTransactions.IP).as(Silver.Transactions.IP),
                col(Feeds.BankTransactions.CITY_CODE).as(Silver.Transactions.CITY_CODE),
                col(Feeds.BankTransactions.BALANCE_AFTER).as(Silver.Transactions.BALANCE_AFTER),
                col(Bronze.BUSINESS_DATE).as(Silver.BUSINESS_DATE));
    }

    /**
     * subscribers (all deliveries up to the date) to one row per number, owned by the carrier that last
     * reported it {@code ported_in}, else by the carrier that reported it first.
     */
    public Dataset<Row> subscribers(Dataset<Row> bronze) {
        Dataset<Row> t = bronze.withColumn("_phone", token(TokenKind.PHONE, Feeds.Subscribers.PHONE));
        Column portedIn = coalesce(col(Feeds.Subscribers.PORTED_IN), lit(false));
        Dataset<Row> owner = t.withColumn("_rn", row_number().over(Window.partitionBy("_phone")
                        .orderBy(portedIn.desc(), when(portedIn, col(Bronze.BUSINESS_DATE)).desc_nulls_last(),
                                col(Bronze.BUSINESS_DATE).asc(), col(Bronze.SOURCE).asc())))
                .filter(col("_rn").equalTo(1))
                .select(col("_phone"), col(Bronze.SOURCE).as("_owner"), col(Bronze.BUSINESS_DATE).as("_since"));
        Dataset<Row> owned = t.join(owner, "_phone").filter(col(Bronze.SOURCE).equalTo(col("_owner")));
        return latest(owned, col(Feeds.Subscribers.UPDATED_AT), col("_phone")).select(
                col("_phone").as(Silver.Subscribers.PHONE),
                col(Bronze.SOURCE).as(Silver.Subscribers.CARRIER),
                token(TokenKind.ID, Feeds.Subscribers.HOLDER_ID).as(Silver.Subscribers.HOLDER_ID),
                col(Feeds.Subscribers.ACTIVATED_AT).as(Silver.Subscribers.ACTIVATED_AT),
                col(Feeds.Subscribers.STATUS).as(Silver.Subscribers.STATUS),
                col(Feeds.Subscribers.PLAN).as(Silver.Subscribers.PLAN),
                coalesce(col(Feeds.Subscribers.PORTED_IN), lit(false)).as(Silver.Subscribers.PORTED_IN),
                col(Feeds.Subscribers.UPDATED_AT).as(Silver.Subscribers.UPDATED_AT),
                col("_since").as(Silver.Subscribers.OWNER_SINCE));
    }

    /** call_records of one date, deduplicated per carrier and record_id. */
    public Dataset<Row> calls(Dataset<Row> bronze) {
        return latest(bronze, col(Bronze.INGESTED_AT), col(Bronze.SOURCE), col(Feeds.CallRecords.RECORD_ID)).select(
                concat(col(Bronze.SOURCE), lit(":"), col(Feeds.CallRecords.RECORD_ID)).as(Silver.Calls.RECORD_KEY),
                col(Bronze.SOURCE).as(Silver.Calls.CARRIER),
                token(TokenKind.PHONE, Feeds.CallRecords.CALLER).as(Silver.Calls.CALLER),
                token(TokenKind.PHONE, Feeds.CallRecords.CALLEE).as(Silver.Calls.CALLEE),
                col(Feeds.CallRecords.START_TIME).as(Silver.Calls.START_TIME),
                col(Feeds.CallRecords.DURATION_S).as(Silver.Calls.DURATION_S),
                col(Feeds.CallRecords.KIND).as(Silver.Calls.KIND),
                token(TokenKind.IMEI, Feeds.CallRecords.CALLER_IMEI).as(Silver.Calls.CALLER_IMEI),
                col(Feeds.CallRecords.CELL_ID).as(Silver.Calls.CELL_ID),
                coalesce(col(Feeds.CallRecords.INTERNATIONAL), lit(false)).as(Silver.Calls.INTERNATIONAL),
                col(Bronze.BUSINESS_DATE).as(Silver.BUSINESS_DATE));
    }

    /** incidents up to the date, latest report version per incident; list columns become arrays of tokens, free text is masked. */
    public Dataset<Row> incidents(Dataset<Row> bronze) {
        return latest(bronze, col(Bronze.BUSINESS_DATE), col(Feeds.Incidents.INCIDENT_ID)).select(
                col(Feeds.Incidents.INCIDENT_ID).as(Silver.Incidents.INCIDENT_ID),
                col(Feeds.Incidents.REPORTED_AT).as(Silver.Incidents.REPORTED_AT),
                col(Feeds.Incidents.CATEGORY).as(Silver.Incidents.CATEGORY),
                col(Feeds.Incidents.FRAUD_TYPE).as(Silver.Incidents.FRAUD_TYPE),
                col(Feeds.Incidents.OCCURRED_AT).as(Silver.Incidents.OCCURRED_AT),
                col(Feeds.Incidents.DISTRICT).as(Silver.Incidents.DISTRICT),
                col(Feeds.Incidents.COMMUNITY).as(Silver.Incidents.COMMUNITY),
                col(Feeds.Incidents.LAT).as(Silver.Incidents.LAT),
                col(Feeds.Incidents.LON).as(Silver.Incidents.LON),
                token(TokenKind.ID, Feeds.Incidents.VICTIM_ID).as(Silver.Incidents.VICTIM_ID),
                token(TokenKind.PHONE, Feeds.Incidents.VICTIM_PHONE).as(Silver.Incidents.VICTIM_PHONE),
                col(Feeds.Incidents.LOSS_AMOUNT).as(Silver.Incidents.LOSS_AMOUNT),
                tokens.ofList(TokenKind.ACCOUNT, col(Feeds.Incidents.VICTIM_ACCOUNTS)).as(Silver.Incidents.VICTIM_ACCOUNTS),
                tokens.ofList(TokenKind.ACCOUNT, col(Feeds.Incidents.SUSPECT_ACCOUNTS))
                        .as(Silver.Incidents.SUSPECT_ACCOUNTS),
                tokens.ofList(TokenKind.PHONE, col(Feeds.Incidents.SUSPECT_PHONES)).as(Silver.Incidents.SUSPECT_PHONES),
                functions.transform(Tokens.items(col(Feeds.Incidents.MODUS_OPERANDI)), x -> functions.upper(x))
                        .as(Silver.Incidents.MODUS_OPERANDI),
                functions.regexp_replace(col(Feeds.Incidents.DESCRIPTION), LONG_DIGITS, "[number]")
                        .as(Silver.Incidents.DESCRIPTION),
                col(Bronze.BUSINESS_DATE).as(Silver.BUSINESS_DATE));
    }

    private Column labelToken(Column type, Column id) {
        return when(type.equalTo("ACCOUNT"), tokens.of(TokenKind.ACCOUNT, id))
                .when(type.equalTo("PHONE"), tokens.of(TokenKind.PHONE, id))
                .otherwise(tokens.of(TokenKind.ID, id));
    }

    /** case_labels up to the date, one row per entity, label and confirmation time. */
    public Dataset<Row> caseLabels(Dataset<Row> bronze) {
        Column type = col(Feeds.CaseLabels.ENTITY_TYPE);
        return latest(bronze, col(Bronze.BUSINESS_DATE), type, col(Feeds.CaseLabels.ENTITY_ID),
                col(Feeds.CaseLabels.LABEL), col(Feeds.CaseLabels.CONFIRMED_AT)).select(
                type.as(Silver.CaseLabels.ENTITY_TYPE),
                labelToken(type, col(Feeds.CaseLabels.ENTITY_ID)).as(Silver.CaseLabels.ENTITY_ID),
                col(Feeds.CaseLabels.LABEL).as(Silver.CaseLabels.LABEL),
                col(Feeds.CaseLabels.CONFIRMED_AT).as(Silver.CaseLabels.CONFIRMED_AT),
                col(Feeds.CaseLabels.CASE_NO).as(Silver.CaseLabels.CASE_NO),
                col(Bronze.BUSINESS_DATE).as(Silver.BUSINESS_DATE));
    }

    /** bank_feedback up to the date, latest answer per bank, warning and action. */
    public Dataset<Row> bankFeedback(Dataset<Row> bronze) {
        return latest(bronze, col(Feeds.BankFeedback.ACTED_AT), col(Bronze.SOURCE), col(Feeds.BankFeedback.WARNING_ID),
                col(Feeds.BankFeedback.ACTION)).select(
                col(Bronze.SOURCE).as(Silver.BankFeedback.BANK),
                col(Feeds.BankFeedback.WARNING_ID).as(Silver.BankFeedback.WARNING_ID),
                col(Feeds.BankFeedback.ACTION).as(Silver.BankFeedback.ACTION),
                col(Feeds.BankFeedback.ACTED_AT).as(Silver.BankFeedback.ACTED_AT),
                col(Feeds.BankFeedback.AMOUNT_PROTECTED).as(Silver.BankFeedback.AMOUNT_PROTECTED),
                functions.regexp_replace(col(Feeds.BankFeedback.NOTE), LONG_DIGITS, "[number]")
                        .as(Silver.BankFeedback.NOTE),
                col(Bronze.BUSINESS_DATE).as(Silver.BUSINESS_DATE));
    }

    /** companies (all deliveries up to the date) to the latest registry state per company. */
    public Dataset<Row> companies(Dataset<Row> bronze) {
        return latest(bronze, col(Bronze.BUSINESS_DATE), upper(col(Feeds.Companies.COMPANY_ID))).select(
                token(TokenKind.ID, Feeds.Companies.COMPANY_ID).as(Silver.Companies.COMPANY_ID),
                col(Feeds.Companies.COMPANY_NAME).as(Silver.Companies.NAME),
                token(TokenKind.ID, Feeds.Companies.LEGAL_REP_ID).as(Silver.Companies.LEGAL_REP_ID),
                col(Feeds.Companies.REGISTERED_CAPITAL).as(Silver.Companies.REGISTERED_CAPITAL),
                col(Feeds.Companies.REG_DATE).as(Silver.Companies.REG_DATE),
                col(Feeds.Companies.ADDRESS).as(Silver.Companies.ADDRESS),
                token(TokenKind.PHONE, Feeds.Companies.PHONE).as(Silver.Companies.PHONE),
                col(Feeds.Companies.STATUS).as(Silver.Companies.STATUS));
    }

    /** tenders up to the date, latest version of each bid (tender and bidder). */
    public Dataset<Row> tenders(Dataset<Row> bronze) {
        return latest(bronze, col(Bronze.BUSINESS_DATE), col(Feeds.Tenders.TENDER_ID),
                upper(col(Feeds.Tenders.BIDDER_COMPANY_ID))).select(
                col(Feeds.Tenders.TENDER_ID).as(Silver.Tenders.TENDER_ID),
                col(Feeds.Tenders.BUYER).as(Silver.Tenders.BUYER),
                col(Feeds.Tenders.PUBLISHED_AT).as(Silver.Tenders.PUBLISHED_AT),
                token(TokenKind.ID, Feeds.Tenders.BIDDER_COMPANY_ID).as(Silver.Tenders.BIDDER_COMPANY_ID),
                col(Feeds.Tenders.BID_AMOUNT).as(Silver.Tenders.BID_AMOUNT),
                col(Feeds.Tenders.SUBMITTED_AT).as(Silver.Tenders.SUBMITTED_AT),
                col(Feeds.Tenders.SUBMIT_IP).as(Silver.Tenders.SUBMIT_IP),
                token(TokenKind.PHONE, Feeds.Tenders.CONTACT_PHONE).as(Silver.Tenders.CONTACT_PHONE),
                token(TokenKind.ID, Feeds.Tenders.AGENT_ID).as(Silver.Tenders.AGENT_ID),
                col(Feeds.Tenders.WON).as(Silver.Tenders.WON),
                col(Bronze.BUSINESS_DATE).as(Silver.BUSINESS_DATE));
    }

    /** Holder, contact and registration links between tokens, from the silver state tables. */
    public static Dataset<Row> entityLinks(Dataset<Row> accounts, Dataset<Row> subscribers, Dataset<Row> companies) {
        List<Dataset<Row>> parts = List.of(
                link(accounts, col(Silver.Accounts.HOLDER_TYPE), col(Silver.Accounts.HOLDER_ID), "HOLDS",
                        lit("ACCOUNT"), col(Silver.Accounts.ACCOUNT_ID), col(Silver.Accounts.BANK)),
                link(accounts, lit("ACCOUNT"), col(Silver.Accounts.ACCOUNT_ID), "CONTACT_PHONE", lit("PHONE"),
                        col(Silver.Accounts.PHONE), col(Silver.Accounts.BANK)),
                link(subscribers, lit("PERSON"), col(Silver.Subscribers.HOLDER_ID), "REGISTERED", lit("PHONE"),
                        col(Silver.Subscribers.PHONE), col(Silver.Subscribers.CARRIER)),
                link(companies, lit("COMPANY"), col(Silver.Companies.COMPANY_ID), "LEGAL_REP", lit("PERSON"),
                        col(Silver.Companies.LEGAL_REP_ID), lit(Feeds.Companies.NAME)),
                link(companies, lit("COMPANY"), col(Silver.Companies.COMPANY_ID), "COMPANY_PHONE", lit("PHONE"),
                        col(Silver.Companies.PHONE), lit(Feeds.Companies.NAME)));
        return parts.stream().reduce(Dataset::unionAll).orElseThrow().distinct();
    }

    private static Dataset<Row> link(Dataset<Row> frame, Column fromType, Column fromId, String relation,
                                     Column toType, Column toId, Column source) {
        return frame.filter(fromId.isNotNull().and(toId.isNotNull())).select(
                fromType.as(Silver.EntityLinks.FROM_TYPE), fromId.as(Silver.EntityLinks.FROM_ID),
                lit(relation).as(Silver.EntityLinks.RELATION), toType.as(Silver.EntityLinks.TO_TYPE),
                toId.as(Silver.EntityLinks.TO_ID), source.as(Silver.EntityLinks.SOURCE));
    }
}
