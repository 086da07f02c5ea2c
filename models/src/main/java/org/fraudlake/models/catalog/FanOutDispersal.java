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

/** Layering accounts that split money to many payees across banks. */
public final class FanOutDispersal implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("fan_out_dispersal", "money mule: dispersal account", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT),
                Algorithm.SCORECARD, Action.FREEZE,
                "money split to many payees across many banks");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesAccount.OUT_COUNTERPARTIES_1D, 2, 10, 2.5, COUNT, "paid {} distinct accounts today"),
                Signal.ramp(FeaturesAccount.OUT_COUNTERPARTIES_7D, 3, 20, 2.0, COUNT, "paid {} distinct accounts in 7 days"),
                Signal.ramp(FeaturesAccount.COUNTERPARTY_BANKS_30D, 1, 4, 1.5, COUNT, "dealt with {} banks in 30 days"),
                Signal.ramp(FeaturesAccount.OUT_AMT_7D, 5_000, 100_000, 1.5, AMOUNT, "sent {} in 7 days"),
                Signal.ramp(FeaturesAccount.PASS_THROUGH_24H_SHARE_7D, 0.5, 0.95, 1.0, PERCENT, "{} of inflow passed on within 24 hours"));
    }
}
