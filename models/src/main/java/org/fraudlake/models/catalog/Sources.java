package org.fraudlake.models.catalog;

/** The feeds the catalog's models read, pooled over every partner and pseudonymized. */
final class Sources {
    static final String TRANSACTIONS = "bank_transactions (all partner banks)";
    static final String ACCOUNTS = "bank_accounts (all partner banks)";
    static final String CALLS = "call_records (all carriers)";
    static final String SUBSCRIBERS = "subscribers (all carriers)";
    static final String INCIDENTS = "incidents (police)";
    static final String LABELS = "case_labels";
    static final String REGISTRY = "companies (regulator)";

    private Sources() {
    }
}
