package org.fraudlake.schemas.tables;

/**
 * Silver tables ({@code silver/<table>}): typed, UTC, deduplicated by natural key, and pseudonymized:
 * every personal identifier is a keyed token ({@link TokenKind}); raw values only in the vault. The
 * high-volume event tables (transactions, calls) are partitioned by {@link #BUSINESS_DATE}; every other
 * table holds the latest version of each record as of the last conformed date.
 */
public final class Silver {
    public static final String BUSINESS_DATE = "business_date";

    public static final String ACCOUNTS = "accounts";
    public static final String TRANSACTIONS = "transactions";
    public static final String SUBSCRIBERS = "subscribers";
    public static final String CALLS = "calls";
    public static final String INCIDENTS = "incidents";
    public static final String CASE_LABELS = "case_labels";
    public static final String BANK_FEEDBACK = "bank_feedback";
    public static final String COMPANIES = "companies";
    public static final String TENDERS = "tenders";
    public static final String ENTITY_LINKS = "entity_links";

    /** Every silver table. */
    public static final java.util.List<String> ALL = java.util.List.of(ACCOUNTS, TRANSACTIONS, SUBSCRIBERS, CALLS,
            INCIDENTS, CASE_LABELS, BANK_FEEDBACK, COMPANIES, TENDERS, ENTITY_LINKS);

    private Silver() {
    }

    /** silver/accounts: one row per partner account, latest state. */
    public static final class Accounts {
        /** Token of {@code BANK:account_no}. */
        public static final String ACCOUNT_ID = "account_id";
        public static final String BANK = "bank";
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
        public static final String FIRST_SEEN = "first_seen";

        private Accounts() {
        }
    }

    /** silver/transactions: one row per booking, partitioned by business date. */
    public static final class Transactions {
        /** {@code BANK:txn_id}, unique across banks. */
        public static final String TXN_KEY = "txn_key";
        public static final String BANK = "bank";
        public static final String TXN_ID = "txn_id";
        public static final String ACCOUNT_ID = "account_id";
        public static final String DIRECTION = "direction";
        public static final String AMOUNT = "amount";
        public static final String CURRENCY = "currency";
        public static final String TXN_TIME = "txn_time";
        /** Token of {@code COUNTERPARTY_BANK:counterparty_account_no}; links to silver accounts of partner banks. */
        public static final String COUNTERPARTY_ACCOUNT_ID = "counterparty_account_id";
        public static final String COUNTERPARTY_BANK = "counterparty_bank";
        public static final String COUNTERPARTY_NAME = "counterparty_name";
        public static final String CHANNEL = "channel";
        public static final String DEVICE_ID = "device_id";
        public static final String IP = "ip";
        public static final String CITY_CODE = "city_code";
        public static final String BALANCE_AFTER = "balance_after";

        private Transactions() {
        }
    }

    /** silver/subscribers: one row per phone number, owned by the carrier that holds it now. */
    public static final class Subscribers {
        public static final String PHONE = "phone";
        public static final String CARRIER = "carrier";
        public static final String HOLDER_ID = "holder_id";
        public static final String ACTIVATED_AT = "activated_at";
        public static final String STATUS = "status";
        public static final String PLAN = "plan";
        public static final String PORTED_IN = "ported_in";
        public static final String UPDATED_AT = "updated_at";
        /** The business date from which the carrier owns the number. */
        public static final String OWNER_SINCE = "owner_since";

        private Subscribers() {
        }
    }

    /** silver/calls: one row per call or SMS, partitioned by business date. */
    public static final class Calls {
        /** {@code CARRIER:record_id}. */
        public static final String RECORD_KEY = "record_key";
        public static final String CARRIER = "carrier";
        public static final String CALLER = "caller";
        public static final String CALLEE = "callee";
        public static final String START_TIME = "start_time";
        public static final String DURATION_S = "duration_s";
        public static final String KIND = "kind";
        public static final String CALLER_IMEI = "caller_imei";
        public static final String CELL_ID = "cell_id";
        public static final String INTERNATIONAL = "international";

        private Calls() {
        }
    }

    /** silver/incidents: police reports; list columns are arrays of tokens. */
    public static final class Incidents {
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
        /** Free text with long digit runs (numbers, IDs) masked. */
        public static final String DESCRIPTION = "description";

        private Incidents() {
        }
    }

    /** silver/case_labels: confirmed outcomes; entity_id is the entity's token. */
    public static final class CaseLabels {
        public static final String ENTITY_TYPE = "entity_type";
        public static final String ENTITY_ID = "entity_id";
        public static final String LABEL = "label";
        public static final String CONFIRMED_AT = "confirmed_at";
        public static final String CASE_NO = "case_no";

        private CaseLabels() {
        }
    }

    /** silver/bank_feedback: banks' answers to warnings. */
    public static final class BankFeedback {
        public static final String BANK = "bank";
        public static final String WARNING_ID = "warning_id";
        public static final String ACTION = "action";
        public static final String ACTED_AT = "acted_at";
        public static final String AMOUNT_PROTECTED = "amount_protected";
        public static final String NOTE = "note";

        private BankFeedback() {
        }
    }

    /** silver/companies: the registry, latest state; company_id is an ID token (same as holder ids). */
    public static final class Companies {
        public static final String COMPANY_ID = "company_id";
        public static final String NAME = "name";
        public static final String LEGAL_REP_ID = "legal_rep_id";
        public static final String REGISTERED_CAPITAL = "registered_capital";
        public static final String REG_DATE = "reg_date";
        public static final String ADDRESS = "address";
        public static final String PHONE = "phone";
        public static final String STATUS = "status";

        private Companies() {
        }
    }

    /** silver/tenders: one row per bid. */
    public static final class Tenders {
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

        private Tenders() {
        }
    }

    /**
     * silver/entity_links: who holds what, across sources, on tokens: PERSON/COMPANY -HOLDS-> ACCOUNT,
     * ACCOUNT -CONTACT_PHONE-> PHONE, PERSON/COMPANY -REGISTERED-> PHONE (carrier real-name registration),
     * COMPANY -LEGAL_REP-> PERSON, COMPANY -COMPANY_PHONE-> PHONE.
     */
    public static final class EntityLinks {
        public static final String FROM_TYPE = "from_type";
        public static final String FROM_ID = "from_id";
        public static final String RELATION = "relation";
        public static final String TO_TYPE = "to_type";
        public static final String TO_ID = "to_id";
        public static final String SOURCE = "source";

        private EntityLinks() {
        }
    }

    /** vault/identities: token to raw value, per source that supplied it. Restricted. */
    public static final class Vault {
        public static final String TOKEN = "token";
        public static final String KIND = "kind";
        public static final String VALUE = "value";
        public static final String SOURCE = "source";
        public static final String FIRST_SEEN = "first_seen";

        private Vault() {
        }
    }
}
