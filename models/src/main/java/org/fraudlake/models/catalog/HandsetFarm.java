package org.fraudlake.models.catalog;

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
import org.fraudlake.schemas.tables.Gold.FeaturesPhone;

/** SIM farms: one handset cycling through many young numbers, each calling many strangers. */
public final class HandsetFarm implements RiskModel {
    @Override
    public ModelSpec spec() {
        return new ModelSpec("handset_farm", "telecom fraud: SIM/handset farm", EntityKind.PHONE,
                List.of(Sources.CALLS, Sources.SUBSCRIBERS, Sources.LABELS),
                LabelSpec.of(EntityKind.PHONE, CaseLabel.FRAUD_PHONE), Algorithm.SCORECARD, Action.BLOCK,
                "numbers sharing handsets, several handsets per number, young numbers calling many new callees");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(FeaturesPhone.NUMBERS_PER_HANDSET_MAX_30D, 1, 4, 3.0, COUNT,
                        "its handset carried {} numbers in 30 days"),
                Signal.ramp(FeaturesPhone.HANDSETS_30D, 1, 4, 1.5, COUNT, "the number moved across {} handsets"),
                Signal.ramp(FeaturesPhone.CALLEES_7D, 10, 60, 2.0, COUNT, "called {} distinct numbers in 7 days"),
                Signal.ramp(FeaturesPhone.NEW_CALLEE_SHARE_7D, 0.5, 0.95, 1.5, PERCENT, "{} of this week's callees are new"),
                Signal.rampDown(FeaturesPhone.NUMBER_AGE_DAYS, 7, 60, 1.0, COUNT, "number active for only {} days"),
                Signal.ramp(FeaturesPhone.PREPAID, 0, 1, 0.5, COUNT, "prepaid plan ({} = yes)"));
    }
}
