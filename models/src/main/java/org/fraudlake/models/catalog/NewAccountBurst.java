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

/** Accounts opened for the purpose: busy at once, the holder opening accounts across banks. */
public final class NewAccountBurst implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("new_account_burst", "money mule: freshly opened accounts", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT),
                Algorithm.SCORECARD, Action.FREEZE,
                "a new account busy at once, its holder opening accounts at several banks");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.rampDown(FeaturesAccount.ACCOUNT_AGE_DAYS, 3, 30, 1.5, COUNT, "account opened {} days ago"),
                Signal.ramp(FeaturesAccount.HOLDER_ACCOUNTS_OPENED_30D, 1, 4, 2.0, COUNT, "holder opened {} accounts in 30 days"),
                Signal.ramp(FeaturesAccount.HOLDER_BANKS_OPENED_30D, 1, 3, 2.0, COUNT, "holder opened accounts at {} banks in 30 days"),
                Signal.ramp(FeaturesAccount.IN_CNT_7D, 5, 30, 1.5, COUNT, "{} incoming transfers in 7 days"),
                Signal.ramp(FeaturesAccount.PASS_THROUGH_24H_SHARE_7D, 0.5, 0.95, 1.5, PERCENT, "{} of inflow passed on within 24 hours"));
    }
}
