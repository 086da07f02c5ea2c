package org.fraudlake.models;

import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Gold.FeaturesCompany;
import org.fraudlake.schemas.tables.Gold.FeaturesPerson;
import org.fraudlake.schemas.tables.Gold.FeaturesPhone;

/** The kinds of entity a model scores, each with its daily feature table and key column. */
public enum EntityKind {
    ACCOUNT(Gold.FEATURES_ACCOUNT_DAILY, FeaturesAccount.ACCOUNT_ID),
    PHONE(Gold.FEATURES_PHONE_DAILY, FeaturesPhone.PHONE),
    PERSON(Gold.FEATURES_PERSON_DAILY, FeaturesPerson.PERSON_ID),
    COMPANY(Gold.FEATURES_COMPANY_DAILY, FeaturesCompany.COMPANY_ID);

    private final String featureTable;
    private final String key;

    EntityKind(String featureTable, String key) {
        this.featureTable = featureTable;
        this.key = key;
    }

    /** The gold table with one row per active entity of this kind per business date. */
    public String featureTable() {
        return featureTable;
    }

    /** The entity's token column in its feature table. */
    public String key() {
        return key;
    }

    /** The {@code entity_type} of case labels naming this kind. */
    public String labelType() {
        return name();
    }
}
