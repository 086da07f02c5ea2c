package org.fraudlake.models;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Gold.FeaturesPhone;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver;

/**
 * The models' view of the gold feature tables: for a kind and a date range, one row per entity and day with
 * the entity's token as {@link #ENTITY_ID} and the partners it belongs to as {@link #PARTNERS} (its bank, its
 * carrier, or the banks holding a person's or company's accounts), so that every model is evaluated per
 * partner the same way. Frames are cached per kind and range for the life of the store; {@link #close()}
 * frees them.
 */
public final class FeatureStore implements AutoCloseable {
    public static final String ENTITY_ID = "entity_id";
    public static final String BUSINESS_DATE = Gold.BUSINESS_DATE;
    public static final String PARTNERS = "partners";

    private final SparkSession spark;
    private final Lake lake;
    private final Map<EntityKind, Map<String, Dataset<Row>>> cache = new EnumMap<>(EntityKind.class);

    public FeatureStore(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.lake = lake;
    }

    public SparkSession spark() {
        return spark;
    }

    public Lake lake() {
        return lake;
    }

    /** The daily feature rows of a kind for {@code [from, to]}, cached. */
    public synchronized Dataset<Row> features(EntityKind kind, LocalDate from, LocalDate to) {
        return cache.computeIfAbsent(kind, k -> new java.util.HashMap<>())
                .computeIfAbsent(from + ".." + to, r -> load(kind, from, to).cache());
    }

    /** The raw daily feature table of a kind for {@code [from, to]}, not cached. */
    public Dataset<Row> table(EntityKind kind, LocalDate from, LocalDate to) {
        return DeltaIO.read(spark, lake.gold(kind.featureTable()))
                .filter(col(BUSINESS_DATE).between(lit(from.toString()).cast("date"), lit(to.toString()).cast("date")));
    }

    private Dataset<Row> load(EntityKind kind, LocalDate from, LocalDate to) {
        return withPartners(kind, table(kind, from, to), kind == EntityKind.PERSON || kind == EntityKind.COMPANY
                ? holderBanks() : null);
    }

    /**
     * The rows of a kind keyed by {@link #ENTITY_ID} with their {@link #PARTNERS}, never holding a null: an
     * account no partner bank's {@code bank_accounts} delivery holds yet has no bank, a number at no partner
     * carrier has no carrier, a person or company holding no partner account has no bank; each then has an
     * empty list (it counts in ALL and UNKNOWN, in no partner's group).
     *
     * @param holderBanks for persons and companies, {@code _holder} and its banks as {@link #PARTNERS}
     */
    static Dataset<Row> withPartners(EntityKind kind, Dataset<Row> rows, Dataset<Row> holderBanks) {
        Dataset<Row> keyed = rows.withColumn(ENTITY_ID, col(kind.key()));
        Column none = array().cast(DataTypes.createArrayType(DataTypes.StringType));
        return switch (kind) {
            case ACCOUNT -> keyed.withColumn(PARTNERS, array_compact(array(col(FeaturesAccount.BANK))));
            case PHONE -> keyed.withColumn(PARTNERS, array_compact(array(col(FeaturesPhone.CARRIER))));
            case PERSON, COMPANY -> keyed.join(holderBanks, col(ENTITY_ID).equalTo(col("_holder")), "left")
                    .drop("_holder")
                    .withColumn(PARTNERS, coalesce(array_compact(col(PARTNERS)), none));
        };
    }

    /** holder token to the sorted banks holding its accounts. */
    private Dataset<Row> holderBanks() {
        return DeltaIO.read(spark, lake.silver(Silver.ACCOUNTS))
                .groupBy(col(Accounts.HOLDER_ID).as("_holder"))
                .agg(array_sort(collect_set(Accounts.BANK)).as(PARTNERS));
    }

    @Override
    public synchronized void close() {
        cache.values().forEach(m -> m.values().forEach(Dataset::unpersist));
        cache.clear();
    }
}
