package org.fraudlake.models.catalog;

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

/** Firms co-bidding from shared IPs, phones or agents with tight cover bids and money between them. */
public final class BidRiggingModel implements RiskModel {
    static final String LEAD_SCORE = "bid_rigging_lead_score";

    @Override
    public ModelSpec spec() {
        return new ModelSpec("bid_rigging", "economic crime: bid rigging", EntityKind.COMPANY,
                List.of(LeadScores.TENDERS, Sources.TRANSACTIONS, Sources.ACCOUNTS, LeadScores.LEADS, Sources.LABELS),
                LabelSpec.of(EntityKind.COMPANY, CaseLabel.ECONOMIC_CRIME), Algorithm.SCORECARD, Action.INVESTIGATE,
                "co-bidders sharing IP, phone or agent, cover bids a few per cent apart, side payments");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(LEAD_SCORE, 0, 0.6, 5.0, DECIMAL, "in a bid-rigging ring scored {}"),
                Signal.ramp(FeaturesCompany.COUNTERPARTY_COMPANIES_30D, 1, 5, 0.5, COUNT, "paid or was paid by {} other firms in 30 days"));
    }

    @Override
    public Dataset<Row> inputs(FeatureStore store, LocalDate from, LocalDate to) {
        return LeadScores.inputs(store, EntityKind.COMPANY, from, to, Typology.BID_RIGGING, LEAD_SCORE);
    }
}
