package org.fraudlake.models.catalog;

import static org.fraudlake.models.Signal.Unit.AMOUNT;
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
import org.fraudlake.schemas.tables.GraphTables.EntityGraph;
import org.fraudlake.schemas.tables.GraphTables.GraphAccountDaily;
import org.fraudlake.schemas.tables.GraphTables;

/**
 * Accounts close to confirmed fraud: personalized PageRank from the labelled accounts and numbers over the
 * pooled money-flow and contact graph, and the standing of the account's gang community (shared devices and
 * IPs across holders, numbers on file, money among suspicious accounts). Reads {@code gold/graph_account_daily}.
 */
public final class RiskPropagation implements RiskModel {
    static final List<String> COLUMNS = List.of(EntityGraph.PPR_LIFT, EntityGraph.COMMUNITY_LABELLED,
            EntityGraph.COMMUNITY_SCORE, GraphAccountDaily.TRACED_IN_AMOUNT);

    @Override
    public ModelSpec spec() {
        return new ModelSpec("risk_propagation", "network: close to confirmed fraud", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.CALLS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT),
                Algorithm.SCORECARD, Action.MONITOR,
                "risk propagated from labelled accounts and numbers (personalized PageRank) and gang communities");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(EntityGraph.PPR_LIFT, 5, 500, 2.5, DECIMAL,
                        "{} times closer to confirmed fraud than a random account"),
                Signal.ramp(EntityGraph.COMMUNITY_LABELLED, 0, 3, 2.0, COUNT,
                        "its community has {} confirmed fraud members"),
                Signal.ramp(EntityGraph.COMMUNITY_SCORE, 0.05, 0.5, 1.5, PERCENT,
                        "community risk {} (confirmed or traced members)"),
                Signal.ramp(GraphAccountDaily.TRACED_IN_AMOUNT, 500, 50_000, 1.0, AMOUNT,
                        "received {} of traced victim money"));
    }

    /** Account features with the account's graph features of the same date. */
    @Override
    public Dataset<Row> inputs(FeatureStore store, LocalDate from, LocalDate to) {
        return GraphInputs.join(store, EntityKind.ACCOUNT, from, to, GraphTables.GRAPH_ACCOUNT_DAILY,
                GraphAccountDaily.ACCOUNT_ID, COLUMNS);
    }
}
