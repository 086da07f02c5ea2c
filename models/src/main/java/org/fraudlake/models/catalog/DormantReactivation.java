package org.fraudlake.models.catalog;

import static org.fraudlake.models.Signal.Unit.AMOUNT;
import static org.fraudlake.models.Signal.Unit.COUNT;
import static org.fraudlake.models.Signal.Unit.PERCENT;

import java.util.List;
import org.fraudlake.models.Action;
import org.fraudlake.models.Algorithm;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.LabelSpec;
import org.fraudlake.models.ModelSpec;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.Signal;
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;

/** Sold or rented dormant accounts woken up to move money. */
public final class DormantReactivation implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("dormant_reactivation", "money mule: reactivated dormant account", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT),
                Algorithm.SCORECARD, Action.FREEZE,
                "long-idle account suddenly moving money through");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesAccount.DORMANCY_DAYS, 30, 180, 3.0, COUNT, "idle for {} days before this activity"),
                Signal.ramp(FeaturesAccount.IN_AMT_1D, 1_000, 20_000, 1.5, AMOUNT, "received {} today"),
                Signal.ramp(FeaturesAccount.OUT_AMT_1D, 1_000, 20_000, 1.5, AMOUNT, "sent {} today"),
                Signal.ramp(FeaturesAccount.PASS_THROUGH_24H_SHARE_7D, 0.5, 0.95, 1.5, PERCENT, "{} of inflow passed on within 24 hours"));
    }
}
