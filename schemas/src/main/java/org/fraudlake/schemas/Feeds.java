package org.fraudlake.schemas;

import static org.fraudlake.schemas.Column.optional;
import static org.fraudlake.schemas.Column.optionalEnum;
import static org.fraudlake.schemas.Column.required;
import static org.fraudlake.schemas.Column.requiredEnum;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fraudlake.schemas.Column.ValueRule;

/**
 * The partner feed contract ({@code shared/feeds.md}) as code: one nested class per feed holds the
 * header names as constants and the {@link FeedSchema}. The simulator writes, and ingest validates,
 * against these definitions only.
 */
public final class Feeds {
    private Feeds() {
    }

    /** Sender codes: {@code [A-Z0-9_]{2,32}}. */
    public static final String SOURCE_PATTERN = "[A-Z0-9_]{2,32}";

    /** bank_accounts: a bank's accounts, first delivery full, later ones upserts by account_no. */
    public static final class BankAccounts {
        public static final String NAME = "bank_accounts";
        public static final String ACCOUNT_NO = "account_no";
        public static final String HOLDER_ID = "holder_id";
        public static final String HOLDER_NAME = "holder_name";
        public static final String HOLDER_TYPE = "holder_type";
        public static final String HOLDER_BIRTH_DATE = "holder_birth_date";
        public static final String PHONE = "phone";
        public static final String OPEN_DATE = "open_date";
        public static final String STATUS = "status";
        public static final String ACCOUNT_TYPE = "account_type";
        public static final String BRANCH_CODE = "branch_code";
        public static final String UPDATED_AT = "updated_at";
        public static final String[] STATUSES = {"ACTIVE", "DORMANT", "FROZEN", "CLOSED"};
        public static final FeedSchema FEED = new FeedSchema(NAME, 1, SourceKind.BANK, List.of(
                required(ACCOUNT_NO, ColumnType.STRING).asPii(),
                required(HOLDER_ID, ColumnType.STRING).asPii(),
                optional(HOLDER_NAME, ColumnType.STRING).asPii(),
                requiredEnum(HOLDER_TYPE, "PERSON", "COMPANY"),
                optional(HOLDER_BIRTH_DATE, ColumnType.DATE),
                optional(PHONE, ColumnType.PHONE).asPii(),
                required(OPEN_DATE, ColumnType.DATE),
                requiredEnum(STATUS, STATUSES),
                requiredEnum(ACCOUNT_TYPE, "DEBIT", "CREDIT", "CORPORATE"),
                optional(BRANCH_CODE, ColumnType.STRING),
                required(UPDATED_AT, ColumnType.TIMESTAMP)),
                List.of(ACCOUNT_NO));

        private BankAccounts() {
        }
    }

    /** bank_transactions: one row per booking; a transfer between partner banks appears in both feeds. */
    public static final class BankTransactions {
        public static final String NAME = "bank_transactions";
        public static final String TXN_ID = "txn_id";
        public static final String ACCOUNT_NO = "account_no";
        public static final String DIRECTION = "direction";
        public static final String AMOUNT = "amount";
        public static final String CURRENCY = "currency";
        public static final String TXN_TIME = "txn_time";
        public static final String COUNTERPARTY_ACCOUNT_NO = "counterparty_account_no";
        public static final String COUNTERPARTY_BANK = "counterparty_bank";
        public static final String COUNTERPARTY_NAME = "counterparty_name";
        public static final String CHANNEL = "channel";
        public static final String DEVICE_ID = "device_id";
        public static final String IP = "ip";
        public static final String CITY_CODE = "city_code";
        public static final String BALANCE_AFTER = "balance_after";
        public static final String[] CHANNELS = {"MOBILE", "ONLINE", "ATM", "POS", "COUNTER", "THIRD_PARTY"};
        public static final FeedSchema FEED = new FeedSchema(NAME, 1, SourceKind.BANK, List.of(
                required(TXN_ID, ColumnType.STRING),
                required(ACCOUNT_NO, ColumnType.STRING).asPii(),
                requiredEnum(DIRECTION, "IN", "OUT"),
                required(AMOUNT, ColumnType.DECIMAL).withRule(ValueRule.POSITIVE),
                optional(CURRENCY, ColumnType.CURRENCY),
                required(TXN_TIME, ColumnType.TIMESTAMP),
                optional(COUNTERPARTY_ACCOUNT_NO, ColumnType.STRING).asPii(),
                optional(COUNTERPARTY_BANK, ColumnType.STRING),
                optional(COUNTERPARTY_NAME, ColumnType.STRING).asPii(),
                requiredEnum(CHANNEL, CHANNELS),
                optional(DEVICE_ID, ColumnType.STRING),
                optional(IP, ColumnType.STRING),
                optional(CITY_CODE, ColumnType.STRING),
                optional(BALANCE_AFTER, ColumnType.DECIMAL)),
                List.of(TXN_ID));

        private BankTransactions() {
        }
    }

    /** subscribers: a carrier's numbers, first delivery full, later ones upserts by phone. */
    public static final class Subscribers {
        public static final String NAME = "subscribers";
        public static final String PHONE = "phone";
        public static final String HOLDER_ID = "holder_id";
        public static final String ACTIVATED_AT = "activated_at";
        public static final String STATUS = "status";
        public static final String PLAN = "plan";
        public static final String PORTED_IN = "ported_in";
        public static final String UPDATED_AT = "updated_at";
        public static final FeedSchema FEED = new FeedSchema(NAME, 1, SourceKind.CARRIER, List.of(
                required(PHONE, ColumnType.PHONE).asPii(),
                required(HOLDER_ID, ColumnType.STRING).asPii(),
                required(ACTIVATED_AT, ColumnType.DATE),
                requiredEnum(STATUS, "ACTIVE", "SUSPENDED", "CANCELLED"),
                optionalEnum(PLAN, "PREPAID", "POSTPAID"),
                optional(PORTED_IN, ColumnType.BOOLEAN),
                required(UPDATED_AT, ColumnType.TIMESTAMP)),
                List.of(PHONE));

        private Subscribers() {
        }
    }

    /** call_records: each call or SMS once, from the caller's carrier if it is a subscriber there. */
    public static final class CallRecords {
        public static final String NAME = "call_records";
        public static final String RECORD_ID = "record_id";
        public static final String CALLER = "caller";
        public static final String CALLEE = "callee";
        public static final String START_TIME = "start_time";
        public static final String DURATION_S = "duration_s";
        public static final String KIND = "kind";
        public static final String CALLER_IMEI = "caller_imei";
        public static final String CELL_ID = "cell_id";
        public static final String INTERNATIONAL = "international";
        public static final FeedSchema FEED = new FeedSchema(NAME, 1, SourceKind.CARRIER, List.of(
                required(RECORD_ID, ColumnType.STRING),
                required(CALLER, ColumnType.PHONE).asPii(),
                required(CALLEE, ColumnType.PHONE).asPii(),
                required(START_TIME, ColumnType.TIMESTAMP),
                required(DURATION_S, ColumnType.INT).withRule(ValueRule.NON_NEGATIVE),
                requiredEnum(KIND, "VOICE", "SMS"),
                optional(CALLER_IMEI, ColumnType.STRING).asPii(),
                optional(CELL_ID, ColumnType.STRING),
                optional(INTERNATIONAL, ColumnType.BOOLEAN)),
                List.of(RECORD_ID));

        private CallRecords() {
        }
    }

    /** incidents: reports received by the police that day. */
    public static final class Incidents {
        public static final String NAME = "incidents";
        public static final String INCIDENT_ID = "incident_id";
        public static final String REPORTED_AT = "reported_at";
        public static final String CATEGORY = "category";
        public static final String FRAUD_TYPE = "fraud_type";
        public static final String OCCURRED_AT = "occurred_at";
        public static final String DISTRICT = "district";
        public static final String COMMUNITY = "community";
        public static final String LAT = "lat";
        public static final String LON = "lon";
        public static final String VICTIM_ID = "victim_id";
        public static final String VICTIM_PHONE = "victim_phone";
        public static final String LOSS_AMOUNT = "loss_amount";
        public static final String VICTIM_ACCOUNTS = "victim_accounts";
        public static final String SUSPECT_ACCOUNTS = "suspect_accounts";
        public static final String SUSPECT_PHONES = "suspect_phones";
        public static final String MODUS_OPERANDI = "modus_operandi";
        public static final String DESCRIPTION = "description";
        public static final String[] CATEGORIES =
                {"TELECOM_FRAUD", "THEFT", "BURGLARY", "ROBBERY", "DRUG", "ECONOMIC", "OTHER"};
        public static final String[] FRAUD_TYPES = {"IMPERSONATION", "INVESTMENT", "LOAN", "BRUSHING", "ROMANCE",
                "CUSTOMER_SERVICE", "GAMING", "OTHER"};
        public static final FeedSchema FEED = new FeedSchema(NAME, 1, SourceKind.POLICE, List.of(
                required(INCIDENT_ID, ColumnType.STRING),
                required(REPORTED_AT, ColumnType.TIMESTAMP),
                requiredEnum(CATEGORY, CATEGORIES),
                optionalEnum(FRAUD_TYPE, FRAUD_TYPES),
                optional(OCCURRED_AT, ColumnType.TIMESTAMP),
                required(DISTRICT, ColumnType.STRING),
                optional(COMMUNITY, ColumnType.STRING),
                optional(LAT, ColumnType.DOUBLE),
                optional(LON, ColumnType.DOUBLE),
                optional(VICTIM_ID, ColumnType.STRING).asPii(),
                optional(VICTIM_PHONE, ColumnType.PHONE).asPii(),
                optional(LOSS_AMOUNT, ColumnType.DECIMAL).withRule(ValueRule.NON_NEGATIVE),
                optional(VICTIM_ACCOUNTS, ColumnType.STRING).asPii(),
                optional(SUSPECT_ACCOUNTS, ColumnType.STRING).asPii(),
                optional(SUSPECT_PHONES, ColumnType.STRING).asPii(),
                optional(MODUS_OPERANDI, ColumnType.STRING),
                optional(DESCRIPTION, ColumnType.STRING)),
                List.of(INCIDENT_ID));

        private Incidents() {
        }
    }

    /** case_labels: outcomes confirmed by investigation; CLEARED withdraws an earlier label. */
    public static final class CaseLabels {
        public static final String NAME = "case_labels";
        public static final String ENTITY_TYPE = "entity_type";
        public static final String ENTITY_ID = "entity_id";
        public static final String LABEL = "label";
        public static final String CONFIRMED_AT = "confirmed_at";
        public static final String CASE_NO = "case_no";
        public static final String[] ENTITY_TYPES = {"ACCOUNT", "PHONE", "PERSON", "COMPANY"};
        public static final String[] LABELS = CaseLabel.names();
        public static final FeedSchema FEED = new FeedSchema(NAME, 1, SourceKind.CASE_MANAGEMENT, List.of(
                requiredEnum(ENTITY_TYPE, ENTITY_TYPES),
                required(ENTITY_ID, ColumnType.STRING).asPii(),
                requiredEnum(LABEL, LABELS),
                required(CONFIRMED_AT, ColumnType.TIMESTAMP),
                optional(CASE_NO, ColumnType.STRING)),
                List.of(ENTITY_TYPE, ENTITY_ID, LABEL, CONFIRMED_AT));

        private CaseLabels() {
        }
    }

    /** bank_feedback: what a bank did with the warnings it received. */
    public static final class BankFeedback {
        public static final String NAME = "bank_feedback";
        public static final String WARNING_ID = "warning_id";
        public static final String ACTION = "action";
        public static final String ACTED_AT = "acted_at";
        public static final String AMOUNT_PROTECTED = "amount_protected";
        public static final String NOTE = "note";
        public static final String[] ACTIONS =
                {"FROZEN", "MONITORED", "VICTIM_CONTACTED", "LOSS_PREVENTED", "CLEARED", "NOT_FOUND"};
        public static final FeedSchema FEED = new FeedSchema(NAME, 1, SourceKind.BANK, List.of(
                required(WARNING_ID, ColumnType.STRING),
                requiredEnum(ACTION, ACTIONS),
                required(ACTED_AT, ColumnType.TIMESTAMP),
                optional(AMOUNT_PROTECTED, ColumnType.DECIMAL),
                optional(NOTE, ColumnType.STRING)),
                List.of(WARNING_ID, ACTION));

        private BankFeedback() {
        }
    }

    /** companies: the market regulator's registry. */
    public static final class Companies {
        public static final String NAME = "companies";
        public static final String COMPANY_ID = "company_id";
        public static final String COMPANY_NAME = "name";
        public static final String LEGAL_REP_ID = "legal_rep_id";
        public static final String REGISTERED_CAPITAL = "registered_capital";
        public static final String REG_DATE = "reg_date";
        public static final String ADDRESS = "address";
        public static final String PHONE = "phone";
        public static final String STATUS = "status";
        public static final FeedSchema FEED = new FeedSchema(NAME, 1, SourceKind.REGULATOR, List.of(
                required(COMPANY_ID, ColumnType.STRING),
                required(COMPANY_NAME, ColumnType.STRING),
                optional(LEGAL_REP_ID, ColumnType.STRING).asPii(),
                optional(REGISTERED_CAPITAL, ColumnType.DECIMAL),
                optional(REG_DATE, ColumnType.DATE),
                optional(ADDRESS, ColumnType.STRING),
                optional(PHONE, ColumnType.PHONE).asPii(),
                optionalEnum(STATUS, "ACTIVE", "REVOKED", "CANCELLED")),
                List.of(COMPANY_ID));

        private Companies() {
        }
    }

    /** tenders: one row per bid at the public resource trading center. */
    public static final class Tenders {
        public static final String NAME = "tenders";
        public static final String TENDER_ID = "tender_id";
        public static final String BUYER = "buyer";
        public static final String PUBLISHED_AT = "published_at";
        public static final String BIDDER_COMPANY_ID = "bidder_company_id";
        public static final String BID_AMOUNT = "bid_amount";
        public static final String SUBMITTED_AT = "submitted_at";
        public static final String SUBMIT_IP = "submit_ip";
        public static final String CONTACT_PHONE = "contact_phone";
        public static final String AGENT_ID = "agent_id";
        public static final String WON = "won";
        public static final FeedSchema FEED = new FeedSchema(NAME, 1, SourceKind.TRADING_CENTER, List.of(
                required(TENDER_ID, ColumnType.STRING),
                required(BUYER, ColumnType.STRING),
                optional(PUBLISHED_AT, ColumnType.TIMESTAMP),
                required(BIDDER_COMPANY_ID, ColumnType.STRING),
                required(BID_AMOUNT, ColumnType.DECIMAL).withRule(ValueRule.POSITIVE),
                required(SUBMITTED_AT, ColumnType.TIMESTAMP),
                optional(SUBMIT_IP, ColumnType.STRING),
                optional(CONTACT_PHONE, ColumnType.PHONE).asPii(),
                optional(AGENT_ID, ColumnType.STRING).asPii(),
                optional(WON, ColumnType.BOOLEAN)),
                List.of(TENDER_ID, BIDDER_COMPANY_ID));

        private Tenders() {
        }
    }

    /** Every feed, in the order a night ingests them. */
    public static final List<FeedSchema> ALL = List.of(
            BankAccounts.FEED, BankTransactions.FEED, Subscribers.FEED, CallRecords.FEED, Incidents.FEED,
            CaseLabels.FEED, BankFeedback.FEED, Companies.FEED, Tenders.FEED);

    public static Optional<FeedSchema> find(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The feed with this name; an unknown name fails listing the valid ones. */
    public static FeedSchema byName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown feed '" + name + "'; valid: "
                + ALL.stream().map(FeedSchema::name).collect(Collectors.joining(", "))));
    }

    public static List<String> names() {
        return ALL.stream().map(FeedSchema::name).toList();
    }
}
