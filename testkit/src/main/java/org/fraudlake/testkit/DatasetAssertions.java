package org.fraudlake.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.opentest4j.AssertionFailedError;

/**
 * DataFrame equality for tests: same schema (names and types) and the same rows as a multiset, order
 * ignored. A failure message shows the schemas, or the rows only in expected and only in actual.
 * Collects both frames: for small test data only.
 */
public final class DatasetAssertions {
    private static final int SHOWN = 20;

    private DatasetAssertions() {
    }

    public static void assertDatasetEquals(Dataset<Row> expected, Dataset<Row> actual) {
        if (!expected.schema().equals(actual.schema())) {
            throw new AssertionFailedError("schemas differ\nexpected: " + expected.schema().simpleString()
                    + "\nactual:   " + actual.schema().simpleString());
        }
        List<String> exp = render(expected);
        List<String> act = render(actual);
        List<String> onlyExpected = minus(exp, act);
        List<String> onlyActual = minus(act, exp);
        if (!onlyExpected.isEmpty() || !onlyActual.isEmpty()) {
            throw new AssertionFailedError("rows differ (" + exp.size() + " expected, " + act.size() + " actual)\n"
                    + "columns: " + String.join(", ", expected.columns()) + "\n"
                    + section("only in expected", onlyExpected) + section("only in actual", onlyActual));
        }
    }

    /** Equality on the named columns only, after selecting them in both frames. */
    public static void assertDatasetEquals(Dataset<Row> expected, Dataset<Row> actual, String... columns) {
        String first = columns[0];
        String[] rest = Arrays.copyOfRange(columns, 1, columns.length);
        assertDatasetEquals(expected.select(first, rest), actual.select(first, rest));
    }

    private static List<String> render(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
    }

    private static List<String> minus(List<String> a, List<String> b) {
        List<String> left = new ArrayList<>(a);
        for (String s : b) {
            left.remove(s);
        }
        return left;
    }

    private static String section(String title, List<String> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        String shown = rows.stream().limit(SHOWN).map(r -> "  " + r).collect(Collectors.joining("\n"));
        String more = rows.size() > SHOWN ? "\n  ... " + (rows.size() - SHOWN) + " more" : "";
        return title + " (" + rows.size() + "):\n" + shown + more + "\n";
    }
}
