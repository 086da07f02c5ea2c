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

/** Mule accounts forward stolen money within the hour and keep almost nothing. */
public final class RapidPassThrough implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("rapid_pass_through", "money mule: pass-through", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT),
                Algorithm.SCORECARD, Action.FREEZE,
                "most of what comes in leaves within the hour, little stays");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesAccount.PASS_THROUGH_1H_SHARE_7D, 0.3, 0.9, 3.0, PERCENT, "{} of this week's inflow passed on within 1 hour"),
                Signal.ramp(FeaturesAccount.PASS_THROUGH_24H_SHARE_7D, 0.5, 0.95, 1.5, PERCENT, "{} of this week's inflow passed on within 24 hours"),
                Signal.ramp(FeaturesAccount.IN_AMT_7D, 5_000, 50_000, 1.5, AMOUNT, "received {} in 7 days"),
                Signal.rampDown(FeaturesAccount.BALANCE_LEFT_RATIO_30D, 0.02, 0.2, 1.0, PERCENT, "only {} of 30-day inflow left on the account"),
                Signal.ramp(FeaturesAccount.IN_COUNTERPARTIES_7D, 1, 5, 1.0, COUNT, "received from {} counterparties in 7 days"));
    }
}
