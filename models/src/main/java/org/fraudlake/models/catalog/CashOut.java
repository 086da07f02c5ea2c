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

/** The end of the chain: money withdrawn at ATMs or through third-party payment platforms. */
public final class CashOut implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("cash_out", "money mule: cash-out point", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT),
                Algorithm.SCORECARD, Action.FREEZE,
                "money leaving by ATM or third-party payment soon after it arrived");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesAccount.ATM_OUT_SHARE_30D, 0.2, 0.8, 2.5, PERCENT, "{} of outflow withdrawn at ATMs"),
                Signal.ramp(FeaturesAccount.THIRD_PARTY_OUT_SHARE_30D, 0.2, 0.8, 2.0, PERCENT, "{} of outflow through third-party payment"),
                Signal.ramp(FeaturesAccount.OUT_AMT_7D, 5_000, 50_000, 1.5, AMOUNT, "sent {} in 7 days"),
                Signal.ramp(FeaturesAccount.IN_FROM_LABELED_SHARE_30D, 0, 0.3, 2.0, PERCENT, "{} of inflow came from accounts labelled fraudulent"),
                Signal.ramp(FeaturesAccount.PASS_THROUGH_24H_SHARE_7D, 0.5, 0.95, 1.0, PERCENT, "{} of inflow passed on within 24 hours"));
    }
}
