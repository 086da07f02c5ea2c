package org.fraudlake.models.catalog;

import static org.fraudlake.models.Signal.Unit.COUNT;
import static org.fraudlake.models.Signal.Unit.DECIMAL;
import static org.fraudlake.models.Signal.Unit.PERCENT;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.models.Action;
import org.fraudlake.models.Algorithm;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.FeatureStore;
import org.fraudlake.models.LabelSpec;
import org.fraudlake.models.ModelSpec;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.Signal;
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Gold.FeaturesCompany;
import org.fraudlake.schemas.tables.Published.Typology;

/** A firm taking money from many people and paying the same people "returns" in batches. */
public final class IllegalFundraisingModel implements RiskModel {
    static final String LEAD_SCORE = "illegal_fundraising_lead_score";

    @Override
    public ModelSpec spec() {
        return new ModelSpec("illegal_fundraising", "economic crime: illegal fund-raising", EntityKind.COMPANY,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, LeadScores.LEADS, Sources.LABELS),
                LabelSpec.of(EntityKind.COMPANY, CaseLabel.ECONOMIC_CRIME), Algorithm.SCORECARD, Action.INVESTIGATE,
                "many persons pay in, the same persons are paid small returns in batches, money siphoned");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(LEAD_SCORE, 0, 0.6, 4.0, DECIMAL, "on an illegal fund-raising lead scored {}"),
                Signal.ramp(FeaturesCompany.IN_DISTINCT_PERSONS_30D, 5, 50, 1.5, COUNT, "{} persons paid in within 30 days"),
                Signal.ramp(FeaturesCompany.PAYEE_REPEAT_SHARE_30D, 0.2, 0.8, 0.5, PERCENT, "{} of payees paid repeatedly"));
    }

    @Override
    public Dataset<Row> inputs(FeatureStore store, LocalDate from, LocalDate to) {
        return LeadScores.inputs(store, EntityKind.COMPANY, from, to, Typology.ILLEGAL_FUNDRAISING, LEAD_SCORE);
    }
}
