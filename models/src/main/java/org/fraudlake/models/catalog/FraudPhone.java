package org.fraudlake.models.catalog;

import static org.fraudlake.models.Signal.Unit.COUNT;
import static org.fraudlake.models.Signal.Unit.DECIMAL;
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
import org.fraudlake.schemas.tables.Gold.FeaturesPhone;

/**
 * Numbers that place fraud calls: many short, unanswered or first-time calls to many callees, young prepaid
 * numbers on shared handsets, spoofed international calls, and callees who then paid a flagged account at
 * any bank, or paid someone new within a day of its answered call while it was a stranger to them (the
 * cross-source signals no carrier has alone; the second needs no label).
 */
public final class FraudPhone implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("fraud_phone", "telecom fraud: caller number", EntityKind.PHONE,
                List.of(Sources.CALLS, Sources.SUBSCRIBERS, Sources.TRANSACTIONS, Sources.LABELS),
                LabelSpec.of(EntityKind.PHONE, CaseLabel.FRAUD_PHONE), Algorithm.LOGISTIC_REGRESSION, Action.BLOCK,
                "CDR classifier over calling behaviour, handsets and what callees did next");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.log(FeaturesPhone.OUT_CNT_1D, COUNT, "placed {} calls and SMS today").prior(0.3),
                Signal.log(FeaturesPhone.CALLEES_7D, COUNT, "called {} distinct numbers in 7 days").prior(0.6),
                Signal.log(FeaturesPhone.CALLEES_30D, COUNT, "called {} distinct numbers in 30 days"),
                Signal.log(FeaturesPhone.CALLERS_30D, COUNT, "was called by {} distinct numbers in 30 days"),
                Signal.linear(FeaturesPhone.OUT_IN_RATIO_30D, DECIMAL, "places {} calls for each one received"),
                Signal.linear(FeaturesPhone.SHORT_CALL_SHARE_30D, PERCENT, "{} of its calls are short").prior(1.0),
                Signal.linear(FeaturesPhone.UNANSWERED_SHARE_30D, PERCENT, "{} of its calls go unanswered").prior(1.0),
                Signal.linear(FeaturesPhone.SMS_SHARE_30D, PERCENT, "{} of its traffic is SMS"),
                Signal.log(FeaturesPhone.OUT_AVG_DURATION_S_30D, COUNT, "calls last {} s on average"),
                Signal.linear(FeaturesPhone.NEW_CALLEE_SHARE_7D, PERCENT, "{} of its callees this week are new to it").prior(1.5),
                Signal.log(FeaturesPhone.HANDSETS_30D, COUNT, "used {} handsets in 30 days").prior(0.5),
                Signal.log(FeaturesPhone.NUMBERS_PER_HANDSET_MAX_30D, COUNT, "its handset carried {} numbers").prior(1.0),
                Signal.log(FeaturesPhone.NUMBER_AGE_DAYS, COUNT, "number active for {} days"),
                Signal.linear(FeaturesPhone.PREPAID, COUNT, "prepaid plan ({} = yes)").prior(0.3),
                Signal.linear(FeaturesPhone.IS_SUBSCRIBER, COUNT, "subscriber of a partner carrier ({} = yes)"),
                Signal.linear(FeaturesPhone.OUT_INTERNATIONAL_SHARE_30D, PERCENT, "{} of its calls are international").prior(1.0),
                Signal.log(FeaturesPhone.CALLEES_LATER_PAID_FRAUD_30D, COUNT,
                        "{} of its callees later paid an account labelled fraudulent").prior(1.5),
                Signal.linear(FeaturesPhone.CALLEES_LATER_PAID_FRAUD_SHARE_30D, PERCENT,
                        "{} of its callees later paid a labelled account").prior(2.0),
                Signal.log(FeaturesPhone.CALLEES_PAID_NEW_PAYEE_7D, COUNT,
                        "{} people it called this week paid someone new within a day of its call").prior(1.5),
                Signal.log(FeaturesPhone.CALLEES_PAID_NEW_PAYEE_30D, COUNT,
                        "{} people it called in 30 days paid someone new within a day of its call"),
                Signal.linear(FeaturesPhone.CALLEES_PAID_NEW_PAYEE_SHARE_30D, PERCENT,
                        "{} of its callees paid someone new within a day of its call").prior(1.0));
    }

    @Override
    public double priorBias() {
        return -7.0;
    }
}
