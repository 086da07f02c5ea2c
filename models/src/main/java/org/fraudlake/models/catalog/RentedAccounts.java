package org.fraudlake.models.catalog;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.fraudlake.models.Signal.Unit.COUNT;
import static org.fraudlake.models.Signal.Unit.PERCENT;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.models.Action;
import org.fraudlake.models.Algorithm;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.FeatureStore;
import org.fraudlake.models.LabelSpec;
import org.fraudlake.models.ModelSpec;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.Signal;
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Gold.FeaturesPerson;

/**
 * People who open accounts at several banks and hand them over: per person, across every bank, recent
 * openings, accounts run from devices other holders also use, and money passing straight through. No single
 * bank sees the other banks' accounts of the same person.
 */
public final class RentedAccounts implements RiskModel {
    static final String ACTIVE_ACCOUNTS = "active_accounts";
    static final String MAX_DEVICE_OTHER_HOLDERS = "max_device_other_holders_30d";
    static final String MAX_IP_OTHER_HOLDERS = "max_ip_other_holders_30d";
    static final String MAX_PASS_THROUGH = "max_pass_through_24h_share_7d";

    @Override
    public ModelSpec spec() {
        return new ModelSpec("rented_accounts", "money mule: account renting (cross-bank)", EntityKind.PERSON,
                List.of(Sources.ACCOUNTS, Sources.TRANSACTIONS, Sources.LABELS),
                LabelSpec.heldAccounts(EntityKind.PERSON, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT),
                Algorithm.SCORECARD,
                Action.FREEZE, "a person's accounts across all banks: openings, shared devices, pass-through");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesPerson.ACCOUNTS_OPENED_30D, 1, 4, 2.0, COUNT, "opened {} accounts in 30 days"),
                Signal.ramp(FeaturesPerson.BANKS_CNT, 2, 5, 1.5, COUNT, "holds accounts at {} banks"),
                Signal.ramp(MAX_DEVICE_OTHER_HOLDERS, 0, 3, 2.5, COUNT, "an account of theirs runs on devices {} other holders use"),
                Signal.ramp(MAX_IP_OTHER_HOLDERS, 0, 5, 1.0, COUNT, "an account of theirs shares IPs with {} other holders"),
                Signal.ramp(MAX_PASS_THROUGH, 0.5, 0.95, 2.0, PERCENT, "an account of theirs passed on {} of its inflow within 24 hours"),
                Signal.ramp(ACTIVE_ACCOUNTS, 1, 4, 1.0, COUNT, "{} of their accounts active"));
    }

    /** Person features joined with the person's active accounts, summarized per person and day. */
    @Override
    public Dataset<Row> inputs(FeatureStore store, LocalDate from, LocalDate to) {
        Dataset<Row> accounts = store.features(EntityKind.ACCOUNT, from, to)
                .groupBy(col(FeaturesAccount.HOLDER_ID).as(FeatureStore.ENTITY_ID), col(FeatureStore.BUSINESS_DATE))
                .agg(count(lit(1)).as(ACTIVE_ACCOUNTS),
                        max(FeaturesAccount.DEVICE_OTHER_HOLDERS_30D).as(MAX_DEVICE_OTHER_HOLDERS),
                        max(FeaturesAccount.IP_OTHER_HOLDERS_30D).as(MAX_IP_OTHER_HOLDERS),
                        max(FeaturesAccount.PASS_THROUGH_24H_SHARE_7D).as(MAX_PASS_THROUGH));
        return store.features(EntityKind.PERSON, from, to)
                .join(accounts, new String[]{FeatureStore.ENTITY_ID, FeatureStore.BUSINESS_DATE}, "left")
                .na().fill(0, new String[]{ACTIVE_ACCOUNTS, MAX_DEVICE_OTHER_HOLDERS, MAX_IP_OTHER_HOLDERS, MAX_PASS_THROUGH});
    }
}
