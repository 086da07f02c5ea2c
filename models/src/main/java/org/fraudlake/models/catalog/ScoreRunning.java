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

/** Accounts rented to run payments for gambling or fraud: many round amounts in and out, day and night. */
public final class ScoreRunning implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("score_running", "money laundering: score running (paofen)", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT, CaseLabel.LAUNDERING),
                Algorithm.SCORECARD, Action.FREEZE,
                "high-frequency round amounts in and out for many counterparties");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesAccount.ROUND_100_SHARE_30D, 0.3, 0.9, 2.0, PERCENT, "{} of transfers are round hundreds"),
                Signal.ramp(FeaturesAccount.IN_CNT_7D, 10, 60, 2.0, COUNT, "{} incoming transfers in 7 days"),
                Signal.ramp(FeaturesAccount.OUT_CNT_7D, 10, 60, 2.0, COUNT, "{} outgoing transfers in 7 days"),
                Signal.ramp(FeaturesAccount.IN_COUNTERPARTIES_7D, 5, 30, 1.5, COUNT, "received from {} distinct accounts in 7 days"),
                Signal.ramp(FeaturesAccount.PASS_THROUGH_1H_SHARE_7D, 0.3, 0.9, 1.5, PERCENT, "{} of inflow passed on within 1 hour"),
                Signal.ramp(FeaturesAccount.NIGHT_TXN_SHARE_30D, 0.1, 0.5, 1.0, PERCENT, "{} of transfers at night"));
    }
}
