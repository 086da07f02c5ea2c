package org.fraudlake.models.catalog;

import static org.fraudlake.models.Signal.Unit.AMOUNT;
import static org.fraudlake.models.Signal.Unit.COUNT;
import static org.fraudlake.models.Signal.Unit.DECIMAL;

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

/** Companies passing large sums around a cycle of firms: the round-tripping lead plus the firm's own flows. */
public final class RoundTrippingModel implements RiskModel {
    static final String LEAD_SCORE = "round_tripping_lead_score";

    @Override
    public ModelSpec spec() {
        return new ModelSpec("round_tripping", "economic crime: round tripping", EntityKind.COMPANY,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.REGISTRY, LeadScores.LEADS, Sources.LABELS),
                LabelSpec.of(EntityKind.COMPANY, CaseLabel.ECONOMIC_CRIME, CaseLabel.LAUNDERING), Algorithm.SCORECARD,
                Action.INVESTIGATE, "member of a cycle of large transfers among firms, turnover far above its capital");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(LEAD_SCORE, 0, 0.6, 4.0, DECIMAL, "on a round-tripping lead scored {}"),
                Signal.ramp(FeaturesCompany.FLOW_TO_CAPITAL_RATIO_30D, 5, 50, 1.5, DECIMAL, "moved {} times its capital in 30 days"),
                Signal.ramp(FeaturesCompany.OUT_TO_COMPANIES_AMT_30D, 1_000_000, 10_000_000, 1.0, AMOUNT, "paid {} to other firms in 30 days"),
                Signal.ramp(FeaturesCompany.LEGAL_REP_SHARED_COMPANIES, 0, 3, 0.5, COUNT, "its legal representative heads {} other firms"));
    }

    @Override
    public Dataset<Row> inputs(FeatureStore store, LocalDate from, LocalDate to) {
        return LeadScores.inputs(store, EntityKind.COMPANY, from, to, Typology.ROUND_TRIPPING, LEAD_SCORE);
    }
}
