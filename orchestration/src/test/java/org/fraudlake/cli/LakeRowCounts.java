package org.fraudlake.cli;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.tables.Bronze;
import org.fraudlake.schemas.tables.Quarantine;

/** Rows per delivery in a lake's bronze and quarantine: what "rows in = loaded + quarantined" checks compare. */
public final class LakeRowCounts {
    private LakeRowCounts() {
    }

    /** Bronze rows per {@code delivery_id}, over every feed. */
    public static Map<String, Long> bronzeRows(SparkSession spark, Lake lake) {
        Map<String, Long> rows = new HashMap<>();
        for (FeedSchema feed : Feeds.ALL) {
            if (DeltaIO.exists(spark, lake.bronze(feed.name()))) {
                DeltaIO.read(spark, lake.bronze(feed.name())).groupBy(Bronze.DELIVERY_ID).count().collectAsList()
                        .forEach(r -> rows.put(r.getString(0), r.getLong(1)));
            }
        }
        return rows;
    }

    /** Quarantined rows per {@code delivery_id}. */
    public static Map<String, Long> quarantinedRows(SparkSession spark, Lake lake) {
        Map<String, Long> rows = new HashMap<>();
        if (DeltaIO.exists(spark, lake.quarantineRows())) {
            DeltaIO.read(spark, lake.quarantineRows()).groupBy(Quarantine.DELIVERY_ID).count().collectAsList()
                    .forEach(r -> rows.put(r.getString(0), r.getLong(1)));
        }
        return rows;
    }
}
