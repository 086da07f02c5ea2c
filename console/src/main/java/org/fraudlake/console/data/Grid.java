package org.fraudlake.console.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** A small table of display values read from the lake: column names and rows of strings (null shown as empty). */
public record Grid(List<String> columns, List<List<String>> rows) {

    /** The rows of a collected frame, every value as its string form. */
    public static Grid of(List<String> columns, List<Row> rows) {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < r.length(); i++) {
                Object v = r.get(i);
                cells.add(v == null ? "" : v instanceof scala.collection.Seq<?> seq
                        ? String.join(", ", scala.jdk.javaapi.CollectionConverters.asJava(seq).stream()
                        .map(String::valueOf).toList()) : v.toString());
            }
            out.add(cells);
        }
        return new Grid(columns, out);
    }
}
