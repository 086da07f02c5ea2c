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

/** Older people sending large sums to payees they never paid before ("health products", "safe account"). */
public final class ElderlyNewPayee implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("elderly_new_payee", "telecom fraud: elderly victim", EntityKind.PERSON,
                List.of(Sources.ACCOUNTS, Sources.TRANSACTIONS, Sources.CALLS, Sources.INCIDENTS, Sources.LABELS),
                LabelSpec.victims(), Algorithm.SCORECARD, Action.CONTACT_VICTIM,
                "holder aged 60+ paying a large amount to a new payee, more so after unknown calls");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesPerson.AGE_YEARS, 55, 75, 3.0, COUNT, "aged {}"),
                Signal.ramp(FeaturesPerson.NEW_PAYEE_AMT_1D, 1_000, 20_000, 3.0, AMOUNT, "paid {} to new payees today"),
                Signal.ramp(FeaturesPerson.UNKNOWN_CALLS_IN_24H_BEFORE_PAYMENT_MAX, 0, 3, 1.5, COUNT,
                        "received {} calls from unknown numbers in the 24 hours before paying"),
                Signal.ramp(FeaturesPerson.OUT_AMT_1D, 5_000, 50_000, 1.0, AMOUNT, "sent {} today"));
    }
}
