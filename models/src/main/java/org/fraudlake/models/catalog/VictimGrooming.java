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

/** Repeated contact from the same unknown numbers over days (romance, investment, "customs") before large transfers. */
public final class VictimGrooming implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("victim_grooming", "telecom fraud: victim groomed over days", EntityKind.PERSON,
                List.of(Sources.INCIDENTS, Sources.CALLS, Sources.SUBSCRIBERS, Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.LABELS),
                LabelSpec.victims(), Algorithm.SCORECARD, Action.CONTACT_VICTIM,
                "the same unknown numbers calling on many days, then large or new-payee transfers");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesPerson.UNKNOWN_CALLER_MAX_DAYS_30D, 1, 5, 3.0, COUNT,
                        "one unknown number called on {} different days"),
                Signal.ramp(FeaturesPerson.UNKNOWN_CALLERS_REPEATED_30D, 0, 2, 1.5, COUNT,
                        "{} unknown numbers called on 3 or more days"),
                Signal.ramp(FeaturesPerson.UNKNOWN_CALLS_IN_7D, 2, 15, 1.0, COUNT, "{} calls from unknown numbers this week"),
                Signal.ramp(FeaturesPerson.OUT_AMT_1D, 5_000, 50_000, 2.0, AMOUNT, "sent {} today"),
                Signal.ramp(FeaturesPerson.NEW_PAYEE_AMT_1D, 1_000, 20_000, 1.5, AMOUNT, "paid {} to new payees today"));
    }
}
