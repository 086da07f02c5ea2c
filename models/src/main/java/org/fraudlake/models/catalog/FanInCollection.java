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

/** First-layer collection accounts: many unrelated payers (victims) within a day or a week. */
public final class FanInCollection implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("fan_in_collection", "money mule: collection account", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT),
                Algorithm.SCORECARD, Action.FREEZE,
                "many unrelated payers in a short time, some already linked to fraud");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesAccount.IN_COUNTERPARTIES_1D, 2, 10, 2.5, COUNT, "received from {} distinct accounts today"),
                Signal.ramp(FeaturesAccount.IN_COUNTERPARTIES_7D, 3, 20, 2.0, COUNT, "received from {} distinct accounts in 7 days"),
                Signal.ramp(FeaturesAccount.IN_AMT_7D, 5_000, 100_000, 1.5, AMOUNT, "received {} in 7 days"),
                Signal.ramp(FeaturesAccount.IN_FROM_LABELED_SHARE_30D, 0, 0.3, 2.0, PERCENT, "{} of inflow came from accounts labelled fraudulent"),
                Signal.rampDown(FeaturesAccount.ACCOUNT_AGE_DAYS, 14, 120, 1.0, COUNT, "account opened {} days ago"));
    }
}
