package org.fraudlake.models.catalog;

import static org.fraudlake.models.Signal.Unit.AMOUNT;
import static org.fraudlake.models.Signal.Unit.COUNT;

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
import org.fraudlake.schemas.tables.GraphTables.GraphAccountDaily;
import org.fraudlake.schemas.tables.GraphTables;

/**
 * Accounts holding money traced from reported victims (and from transfers into labelled fraud accounts) through
 * the pooled money-flow graph, across banks: freeze where the money still sits. Reads
 * {@code gold/graph_account_daily} of the graph stage.
 */
public final class VictimFundTrace implements RiskModel {
    static final List<String> COLUMNS = List.of(GraphAccountDaily.TRACED_HELD_AMOUNT,
            GraphAccountDaily.TRACED_IN_AMOUNT, GraphAccountDaily.TRACED_VICTIM_SOURCES,
            GraphAccountDaily.TRACED_SOURCES);

    @Override
    public ModelSpec spec() {
        return new ModelSpec("victim_fund_trace", "money mule: holds traced victim money", EntityKind.ACCOUNT,
                List.of(Sources.TRANSACTIONS, Sources.ACCOUNTS, Sources.INCIDENTS, Sources.LABELS),
                LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT),
                Algorithm.SCORECARD, Action.FREEZE,
                "victim money traced hop by hop (FIFO) through all banks still sits on the account");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(GraphAccountDaily.TRACED_HELD_AMOUNT, 100, 10_000, 3.0, AMOUNT,
                        "holds {} of traced victim money"),
                Signal.ramp(GraphAccountDaily.TRACED_IN_AMOUNT, 500, 50_000, 1.5, AMOUNT,
                        "received {} of traced victim money"),
                Signal.ramp(GraphAccountDaily.TRACED_VICTIM_SOURCES, 0, 2, 2.0, COUNT,
                        "on the path of {} reported victim transfers"),
                Signal.ramp(GraphAccountDaily.TRACED_SOURCES, 0, 3, 1.0, COUNT,
                        "reached by {} traced transfers"));
    }

    /** Account features with the account's traced money of the same date. */
    @Override
    public Dataset<Row> inputs(FeatureStore store, LocalDate from, LocalDate to) {
        return GraphInputs.join(store, EntityKind.ACCOUNT, from, to, GraphTables.GRAPH_ACCOUNT_DAILY,
                GraphAccountDaily.ACCOUNT_ID, COLUMNS);
    }
}
