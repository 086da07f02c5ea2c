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

/**
 * Mule and fraud accounts, learnt from every bank's confirmed cases together: flows, speed, counterparties
 * (and whether they are labelled, at any bank), cash-out, devices shared with other holders, the holder's
 * account openings across banks, and payers who sent it money within a day of a stranger's call (the carrier
 * side, which no bank sees).
 */
public final class MoneyMule implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("money_mule", "money mule / fraud account", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.CALLS, Sources.SUBSCRIBERS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT),
                Algorithm.LOGISTIC_REGRESSION,
                Action.FREEZE, "account classifier over pooled cross-bank behaviour");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.log(FeaturesAccount.IN_CNT_1D, COUNT, "{} incoming transfers today").prior(0.3),
                Signal.log(FeaturesAccount.IN_CNT_7D, COUNT, "{} incoming transfers in 7 days"),
                Signal.log(FeaturesAccount.IN_AMT_7D, AMOUNT, "received {} in 7 days").prior(0.2),
                Signal.log(FeaturesAccount.OUT_AMT_7D, AMOUNT, "sent {} in 7 days"),
                Signal.log(FeaturesAccount.IN_AMT_30D, AMOUNT, "received {} in 30 days"),
                Signal.log(FeaturesAccount.IN_COUNTERPARTIES_1D, COUNT, "received from {} distinct accounts today").prior(0.5),
                Signal.log(FeaturesAccount.IN_COUNTERPARTIES_7D, COUNT, "received from {} distinct accounts in 7 days"),
                Signal.log(FeaturesAccount.OUT_COUNTERPARTIES_7D, COUNT, "paid {} distinct accounts in 7 days"),
                Signal.log(FeaturesAccount.COUNTERPARTY_BANKS_30D, COUNT, "dealt with {} banks in 30 days"),
                Signal.linear(FeaturesAccount.PASS_THROUGH_1H_SHARE_7D, PERCENT, "{} of this week's inflow passed on within 1 hour").prior(2.0),
                Signal.linear(FeaturesAccount.PASS_THROUGH_24H_SHARE_7D, PERCENT, "{} of this week's inflow passed on within 24 hours").prior(1.0),
                Signal.linear(FeaturesAccount.PASS_THROUGH_24H_SHARE_30D, PERCENT, "{} of 30-day inflow passed on within 24 hours"),
                Signal.linear(FeaturesAccount.BALANCE_LEFT_RATIO_30D, PERCENT, "{} of 30-day inflow left on the account"),
                Signal.log(FeaturesAccount.ACCOUNT_AGE_DAYS, COUNT, "account opened {} days ago").prior(-0.3),
                Signal.log(FeaturesAccount.DORMANCY_DAYS, COUNT, "idle for {} days before this activity"),
                Signal.log(FeaturesAccount.ACTIVE_DAYS_30D, COUNT, "active on {} of 30 days"),
                Signal.linear(FeaturesAccount.NIGHT_TXN_SHARE_30D, PERCENT, "{} of transfers at night"),
                Signal.linear(FeaturesAccount.ROUND_100_SHARE_30D, PERCENT, "{} of transfers are round hundreds"),
                Signal.linear(FeaturesAccount.BELOW_THRESHOLD_SHARE_30D, PERCENT, "{} of transfers just below a reporting threshold"),
                Signal.linear(FeaturesAccount.ATM_OUT_SHARE_30D, PERCENT, "{} of outflow withdrawn at ATMs").prior(0.5),
                Signal.linear(FeaturesAccount.THIRD_PARTY_OUT_SHARE_30D, PERCENT, "{} of outflow through third-party payment").prior(0.5),
                Signal.log(FeaturesAccount.DEVICE_OTHER_HOLDERS_30D, COUNT, "its devices were used by {} other holders").prior(1.0),
                Signal.log(FeaturesAccount.IP_OTHER_HOLDERS_30D, COUNT, "its IPs were used by {} other holders"),
                Signal.log(FeaturesAccount.HOLDER_ACCOUNTS_OPENED_30D, COUNT, "holder opened {} accounts in 30 days").prior(0.5),
                Signal.log(FeaturesAccount.HOLDER_BANKS_OPENED_30D, COUNT, "holder opened accounts at {} banks in 30 days"),
                Signal.log(FeaturesAccount.HOLDER_AGE_YEARS, COUNT, "holder aged {}"),
                Signal.linear(FeaturesAccount.IN_FROM_LABELED_SHARE_30D, PERCENT, "{} of inflow came from accounts labelled fraudulent").prior(2.0),
                Signal.linear(FeaturesAccount.OUT_TO_LABELED_SHARE_30D, PERCENT, "{} of outflow went to accounts labelled fraudulent").prior(2.0),
                Signal.log(FeaturesAccount.PAYERS_AFTER_STRANGER_CALL_7D, COUNT,
                        "{} people paid it this week as a new payee within a day of a stranger's call").prior(1.5),
                Signal.log(FeaturesAccount.PAYERS_AFTER_STRANGER_CALL_30D, COUNT,
                        "{} people paid it in 30 days as a new payee within a day of a stranger's call"),
                Signal.log(FeaturesAccount.CALLERS_BEHIND_PAYERS_30D, COUNT,
                        "{} stranger numbers called its payers in the day before they paid").prior(0.5));
    }
}
