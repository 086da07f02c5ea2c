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
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Published.Typology;

/** Personal accounts in a cross-bank ring moving round sums from many payers to many recipients. */
public final class UndergroundBankingModel implements RiskModel {
    static final String LEAD_SCORE = "underground_banking_lead_score";

    @Override
    public ModelSpec spec() {
        return new ModelSpec("underground_banking", "economic crime: underground banking", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, LeadScores.LEADS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.LAUNDERING), Algorithm.SCORECARD, Action.FREEZE,
                "ring account of many-to-many cross-bank round-sum flows");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(LEAD_SCORE, 0, 0.6, 4.0, DECIMAL, "on an underground-banking lead scored {}"),
                Signal.ramp(FeaturesAccount.ROUND_1000_SHARE_30D, 0.3, 0.9, 1.0, PERCENT, "{} of its transactions are round thousands"),
                Signal.ramp(FeaturesAccount.COUNTERPARTY_BANKS_30D, 2, 5, 1.0, COUNT, "dealt with accounts at {} banks"),
                Signal.ramp(FeaturesAccount.PASS_THROUGH_24H_SHARE_30D, 0.5, 0.95, 1.0, PERCENT, "{} of its inflow passed on within 24 hours"));
    }

    @Override
    public Dataset<Row> inputs(FeatureStore store, LocalDate from, LocalDate to) {
        return LeadScores.inputs(store, EntityKind.ACCOUNT, from, to, Typology.UNDERGROUND_BANKING, LEAD_SCORE);
    }
}
