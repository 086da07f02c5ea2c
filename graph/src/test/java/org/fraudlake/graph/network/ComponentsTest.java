package org.fraudlake.graph.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class ComponentsTest {
    private static Map<String, String> labels(Dataset<Row> components) {
        Map<String, String> m = new TreeMap<>();
        for (Row r : components.collectAsList()) {
            m.put(r.getAs(Components.NODE), r.getAs(Components.COMPONENT));
        }
        return m;
    }

    /**
     * A chain of six (five rounds of propagation), a triangle given in both directions, a self-loop and pairs with a
     * null end: the driver's union-find and Spark's propagation label every node with its component's smallest id.
     */
    @Test
    void theDriverAndSparkGiveTheSameLabels(SparkSession spark) {
        Dataset<Row> pairs = spark.createDataFrame(List.of(
                RowFactory.create("n6", "n5"), RowFactory.create("n5", "n4"), RowFactory.create("n3", "n4"),
                RowFactory.create("n3", "n2"), RowFactory.create("n2", "n1"),
                RowFactory.create("t2", "t1"), RowFactory.create("t1", "t2"), RowFactory.create("t3", "t2"),
                RowFactory.create("t1", "t3"),
                RowFactory.create("s", "s"),
                RowFactory.create("x", null), RowFactory.create(null, "y")),
                StructType.fromDDL("a STRING, b STRING"));
        Map<String, String> expected = new TreeMap<>(Map.of("n1", "n1", "n2", "n1", "n3", "n1", "n4", "n1",
                "n5", "n1", "n6", "n1", "t1", "t1", "t2", "t1", "t3", "t1", "s", "s"));

        assertEquals(expected, labels(Components.of(pairs)), "on the driver");
        assertEquals(expected, labels(Components.of(pairs, 8)), "in Spark: 9 distinct edges, more than 8");
        assertEquals(expected, labels(Components.of(pairs, 9)), "exactly 9 distinct edges: the driver");
    }
}
