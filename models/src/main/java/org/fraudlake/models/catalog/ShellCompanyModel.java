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

/** Firms tied by representative, address or phone with little capital and large flows among themselves. */
public final class ShellCompanyModel implements RiskModel {
    static final String LEAD_SCORE = "shell_company_lead_score";

    @Override
    public ModelSpec spec() {
        return new ModelSpec("shell_company", "economic crime: shell companies", EntityKind.COMPANY,
                List.of(Sources.REGISTRY, Sources.TRANSACTIONS, Sources.ACCOUNTS, LeadScores.LEADS, Sources.LABELS),
                LabelSpec.of(EntityKind.COMPANY, CaseLabel.ECONOMIC_CRIME, CaseLabel.LAUNDERING), Algorithm.SCORECARD,
                Action.INVESTIGATE, "linked firms with little capital moving large sums among themselves");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(LEAD_SCORE, 0, 0.6, 4.0, DECIMAL, "in a shell-company group scored {}"),
                Signal.rampDown(FeaturesCompany.REGISTERED_CAPITAL, 100_000, 1_000_000, 1.0, AMOUNT, "registered capital only {}"),
                Signal.ramp(FeaturesCompany.PHONE_SHARED_COMPANIES, 0, 3, 0.5, COUNT, "shares its phone with {} other firms"),
                Signal.ramp(FeaturesCompany.FLOW_TO_CAPITAL_RATIO_30D, 10, 100, 1.5, DECIMAL, "moved {} times its capital in 30 days"));
    }

    @Override
    public Dataset<Row> inputs(FeatureStore store, LocalDate from, LocalDate to) {
        return LeadScores.inputs(store, EntityKind.COMPANY, from, to, Typology.SHELL_COMPANY, LEAD_SCORE);
    }
}
