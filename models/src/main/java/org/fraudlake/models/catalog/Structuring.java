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

/** Amounts kept just below the reporting thresholds, repeatedly, to stay off the large-transaction reports. */
public final class Structuring implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("structuring", "money laundering: structuring", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.LAUNDERING, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT),
                Algorithm.SCORECARD, Action.MONITOR,
                "many amounts just below reporting thresholds");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesAccount.BELOW_THRESHOLD_SHARE_30D, 0.1, 0.6, 3.0, PERCENT, "{} of transfers just below a reporting threshold"),
                Signal.ramp(FeaturesAccount.OUT_AMT_30D, 20_000, 200_000, 1.5, AMOUNT, "sent {} in 30 days"),
                Signal.ramp(FeaturesAccount.IN_AMT_30D, 20_000, 200_000, 1.0, AMOUNT, "received {} in 30 days"),
                Signal.ramp(FeaturesAccount.ACTIVE_DAYS_30D, 5, 20, 1.0, COUNT, "active on {} of 30 days"),
                Signal.ramp(FeaturesAccount.ROUND_1000_SHARE_30D, 0.2, 0.8, 1.0, PERCENT, "{} of transfers are round thousands"));
    }
}
