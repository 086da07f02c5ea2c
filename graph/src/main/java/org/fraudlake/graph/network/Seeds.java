package org.fraudlake.graph.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.pipelines.features.StateAsOf;
import org.fraudlake.schemas.tables.Silver.CaseLabels;
import org.fraudlake.schemas.tables.Silver;

/**
 * The labelled entities risk propagates from: accounts with a standing FRAUD_ACCOUNT, MONEY_MULE or
 * LAUNDERING label and numbers with a standing FRAUD_PHONE label at the end of the date (delivered by then,
 * confirmed before its end, not withdrawn by a later CLEARED; CLEARED wins a tie), as in {@link StateAsOf}.
 */
public final class Seeds {
    public static final String FRAUD_PHONE = "FRAUD_PHONE";
    static final String ACCOUNT = "ACCOUNT";
    static final String PHONE = "PHONE";

    private Seeds() {
    }

    /** {@link GraphAlgorithms#TOKEN} of every labelled account and number. */
    public static Dataset<Row> labelled(Dataset<Row> caseLabels, AsOf asOf) {
        Column type = col(CaseLabels.ENTITY_TYPE);
        Column label = col(CaseLabels.LABEL);
        Column confirmed = col(CaseLabels.CONFIRMED_AT);
        Column risky = type.equalTo(ACCOUNT).and(label.isin(StateAsOf.COUNTERPARTY_RISK_LABELS.toArray()))
                .or(type.equalTo(PHONE).and(label.equalTo(FRAUD_PHONE)));
        return caseLabels
                .filter(type.isin(List.of(ACCOUNT, PHONE).toArray())
                        .and(col(Silver.BUSINESS_DATE).leq(asOf.day()))
                        .and(confirmed.lt(lit(asOf.endOfDay()))))
                .groupBy(col(CaseLabels.ENTITY_ID).as(GraphAlgorithms.TOKEN))
                .agg(max(when(risky, confirmed)).as("_risk"),
                        max(when(label.equalTo(StateAsOf.CLEARED), confirmed)).as("_cleared"))
                .filter(col("_risk").isNotNull().and(col("_cleared").isNull().or(col("_risk").gt(col("_cleared")))))
                .select(col(GraphAlgorithms.TOKEN));
    }
}
