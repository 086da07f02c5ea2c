package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Silver;

/**
 * Point-in-time views of the latest-state silver tables: what was known on or before the as-of date. The
 * state tables hold each record's latest version only, so a record is kept when its own dates say it existed
 * by D (opened, first seen, activated, registered, confirmed); attributes that changed after D (a status)
 * cannot be rolled back and are not used as features.
 */
public final class StateAsOf {
    /** Labels that make an account a risky counterparty. */
    public static final List<String> COUNTERPARTY_RISK_LABELS = CaseLabel.names(CaseLabel.FRAUD_ACCOUNT,
            CaseLabel.MONEY_MULE, CaseLabel.LAUNDERING);
    /** Labels that mark an account as a fraud or mule account (payments to it are losses). */
    public static final List<String> FRAUD_OR_MULE_LABELS = CaseLabel.names(CaseLabel.FRAUD_ACCOUNT,
            CaseLabel.MONEY_MULE);
    /** The label that withdraws every earlier label of the entity. */
    public static final String CLEARED = CaseLabel.CLEARED.name();
    /** Column of {@link #labeledAccounts}: true if a counterparty-risk label stands. */
    public static final String COUNTERPARTY_RISK = "counterparty_risk";
    /** Column of {@link #labeledAccounts}: true if a fraud or mule label stands. */
    public static final String FRAUD_OR_MULE = "fraud_or_mule";
    static final String PERSON = "PERSON";
    static final String COMPANY = "COMPANY";

    private StateAsOf() {
    }

    /** Accounts first seen and opened on or before D. */
    public static Dataset<Row> accounts(Dataset<Row> accounts, AsOf asOf) {
        return accounts.filter(notAfter(col(Silver.Accounts.FIRST_SEEN), asOf)
                .and(notAfter(col(Silver.Accounts.OPEN_DATE), asOf)));
    }

    /** Numbers activated and owned by their carrier on or before D. */
    public static Dataset<Row> subscribers(Dataset<Row> subscribers, AsOf asOf) {
        return subscribers.filter(notAfter(col(Silver.Subscribers.ACTIVATED_AT), asOf)
                .and(notAfter(col(Silver.Subscribers.OWNER_SINCE), asOf)));
    }

    /** Companies registered on or before D (or with no registration date). */
    public static Dataset<Row> companies(Dataset<Row> companies, AsOf asOf) {
        return companies.filter(notAfter(col(Silver.Companies.REG_DATE), asOf));
    }

    /**
     * Accounts carrying a label at the end of D: {@code account_id}, {@link #COUNTERPARTY_RISK} and
     * {@link #FRAUD_OR_MULE}, one row per account with at least one of them true. Only labels delivered on or
     * before D and confirmed before the end of D count; a label stands if it was confirmed after the latest
     * CLEARED of the account (CLEARED wins a tie).
     */
    public static Dataset<Row> labeledAccounts(Dataset<Row> caseLabels, AsOf asOf) {
        Column confirmed = col(Silver.CaseLabels.CONFIRMED_AT);
        Column label = col(Silver.CaseLabels.LABEL);
        Column cleared = col("_cleared");
        return caseLabels
                .filter(col(Silver.CaseLabels.ENTITY_TYPE).equalTo("ACCOUNT")
                        .and(col(Silver.BUSINESS_DATE).leq(asOf.day()))
                        .and(confirmed.lt(lit(asOf.endOfDay()))))
                .groupBy(col(Silver.CaseLabels.ENTITY_ID).as(Silver.Accounts.ACCOUNT_ID))
                .agg(max(when(label.isin(COUNTERPARTY_RISK_LABELS.toArray()), confirmed)).as("_risk"),
                        max(when(label.isin(FRAUD_OR_MULE_LABELS.toArray()), confirmed)).as("_fraud"),
                        max(when(label.equalTo(CLEARED), confirmed)).as("_cleared"))
                .select(col(Silver.Accounts.ACCOUNT_ID),
                        stands(col("_risk"), cleared).as(COUNTERPARTY_RISK),
                        stands(col("_fraud"), cleared).as(FRAUD_OR_MULE))
                .filter(col(COUNTERPARTY_RISK).or(col(FRAUD_OR_MULE)));
    }

    private static Column stands(Column labeledAt, Column clearedAt) {
        return labeledAt.isNotNull().and(clearedAt.isNull().or(labeledAt.gt(clearedAt)));
    }

    private static Column notAfter(Column date, AsOf asOf) {
        return date.isNull().or(date.leq(asOf.day()));
    }
}
