package org.fraudlake.models.catalog;

import static org.fraudlake.models.Signal.Unit.AMOUNT;
import static org.fraudlake.models.Signal.Unit.COUNT;

import java.util.List;
import org.fraudlake.models.Action;
import org.fraudlake.models.Algorithm;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.LabelSpec;
import org.fraudlake.models.ModelSpec;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.Signal;
import org.fraudlake.schemas.tables.Gold.FeaturesPerson;

/**
 * A person called by unknown numbers in the hours before paying a new payee: the carrier sees the calls, a
 * bank sees the payment, possibly at another bank; only the joined view sees both.
 */
public final class VictimCallThenPay implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("victim_call_then_pay", "telecom fraud: victim being defrauded now", EntityKind.PERSON,
                List.of(Sources.INCIDENTS, Sources.CALLS, Sources.SUBSCRIBERS, Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.LABELS),
                LabelSpec.victims(), Algorithm.SCORECARD, Action.CONTACT_VICTIM,
                "calls from unknown numbers within hours before payments to new payees");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesPerson.UNKNOWN_CALLS_IN_6H_BEFORE_PAYMENT_MAX, 0, 3, 3.0, COUNT,
                        "received {} calls from unknown numbers in the 6 hours before paying"),
                Signal.ramp(FeaturesPerson.UNKNOWN_CALLS_IN_24H_BEFORE_PAYMENT_MAX, 0, 5, 1.5, COUNT,
                        "received {} calls from unknown numbers in the 24 hours before paying"),
                Signal.ramp(FeaturesPerson.NEW_PAYEE_AMT_1D, 1_000, 20_000, 2.5, AMOUNT, "paid {} to new payees today"),
                Signal.ramp(FeaturesPerson.NEW_PAYEES_1D, 0, 2, 1.0, COUNT, "paid {} new payees today"),
                Signal.ramp(FeaturesPerson.PAYMENTS_OVER_1000_1D, 0, 3, 1.0, COUNT, "made {} payments over 1,000 today"),
                Signal.ramp(FeaturesPerson.PAID_NEW_PAYEE_AFTER_STRANGER_CALL_1D, 0, 1, 3.0, COUNT,
                        "made {} payments to new payees within a day of a stranger's answered call"));
    }
}
