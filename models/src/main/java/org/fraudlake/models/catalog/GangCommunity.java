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
import org.fraudlake.schemas.tables.GraphTables.EntityGraph;
import org.fraudlake.schemas.tables.GraphTables.GraphPhoneDaily;
import org.fraudlake.schemas.tables.GraphTables;

/**
 * Numbers in a gang community: tied to confirmed fraud numbers by shared handsets and overlapping victims
 * across carriers, and close to them in the contact graph. Reads {@code gold/graph_phone_daily}.
 */
public final class GangCommunity implements RiskModel {
    static final List<String> COLUMNS = List.of(EntityGraph.COMMUNITY_LABELLED, EntityGraph.COMMUNITY_SCORE,
            GraphPhoneDaily.HANDSET_PEERS, GraphPhoneDaily.CALLEE_OVERLAP_PEERS, EntityGraph.PPR_LIFT);

    @Override
    public ModelSpec spec() {
        return new ModelSpec("gang_community", "telecom fraud: gang community", EntityKind.PHONE,
                List.of(Sources.CALLS, Sources.SUBSCRIBERS, Sources.ACCOUNTS, Sources.LABELS),
                LabelSpec.of(EntityKind.PHONE, CaseLabel.FRAUD_PHONE), Algorithm.SCORECARD, Action.BLOCK,
                "numbers tied to confirmed fraud numbers by handsets, shared victims and the contact graph");
    }

    @Override
    public List<Signal> signals() {
        return List.of(
                Signal.ramp(EntityGraph.COMMUNITY_LABELLED, 0, 2, 3.0, COUNT,
                        "its gang community has {} confirmed fraud members"),
                Signal.ramp(EntityGraph.COMMUNITY_SCORE, 0.05, 0.5, 1.5, PERCENT,
                        "community risk {} (confirmed or traced members)"),
                Signal.ramp(GraphPhoneDaily.HANDSET_PEERS, 1, 5, 1.5, COUNT,
                        "shares handsets with {} other numbers"),
                Signal.ramp(GraphPhoneDaily.CALLEE_OVERLAP_PEERS, 0, 3, 1.5, COUNT,
                        "calls the same people as {} other numbers"),
                Signal.ramp(EntityGraph.PPR_LIFT, 5, 500, 1.5, DECIMAL,
                        "{} times closer to confirmed fraud than a random number"));
    }

    /** Phone features with the number's graph features of the same date. */
    @Override
    public Dataset<Row> inputs(FeatureStore store, LocalDate from, LocalDate to) {
        return GraphInputs.join(store, EntityKind.PHONE, from, to, GraphTables.GRAPH_PHONE_DAILY,
                GraphPhoneDaily.PHONE, COLUMNS);
    }
}
