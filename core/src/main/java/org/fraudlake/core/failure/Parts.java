package org.fraudlake.core.failure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage's output as the union of named parts (one frame per model or detector), written in one commit, where a
 * part that fails is left out and reported instead of failing the whole. A part fails when building its frame
 * throws (a missing column, a bad expression: Spark analyses eagerly) or when computing its rows throws (a null
 * where a map key goes, a failing function). The second kind only shows when the union is written: then each part
 * is computed alone (Spark's {@code noop} sink, nothing written) to find the failing ones, and the rest are written.
 * A write that fails while every part computes alone (an I/O error, a concurrent commit) is rethrown unchanged, so
 * the runner retries it as before. (Errors are caught as {@code Exception}: Spark's AnalysisException is checked
 * but thrown undeclared.)
 *
 * <p>Cost: nothing more when every part works; when one fails at write time, one extra computation of each part.
 */
public final class Parts {
    private static final Logger LOG = LoggerFactory.getLogger(Parts.class);

    private Parts() {
    }

    /**
     * Builds each part; those that throw are reported in {@code failures} (and logged) and left out.
     *
     * @return the built frames by part name, in the given order
     */
    public static Map<String, Dataset<Row>> build(Map<String, Supplier<Dataset<Row>>> parts,
                                                  List<PartFailure> failures) {
        Map<String, Dataset<Row>> built = new LinkedHashMap<>();
        parts.forEach((name, part) -> {
            try {
                built.put(name, part.get());
            } catch (Exception e) {
                if (Transient.is(e)) {
                    throw e;
                }
                fail(name, e, failures);
            }
        });
        return built;
    }

    /**
     * Writes the union (by name) of the built parts with {@code write}. When the write fails, finds the parts whose
     * rows fail to compute, reports them in {@code failures}, and writes the union of the others; rethrows the
     * write's error when no part fails alone. Returns the names of the parts written (none when none was built).
     */
    public static List<String> writeUnion(Map<String, Dataset<Row>> built, Consumer<Dataset<Row>> write,
                                          List<PartFailure> failures) {
        if (built.isEmpty()) {
            return List.of();
        }
        try {
            write.accept(union(new ArrayList<>(built.values())));
            return List.copyOf(built.keySet());
        } catch (Exception whole) {
            if (Transient.is(whole)) {
                throw whole;
            }
            Map<String, Dataset<Row>> working = new LinkedHashMap<>();
            List<PartFailure> found = new ArrayList<>();
            built.forEach((name, frame) -> {
                try {
                    frame.write().format("noop").mode("overwrite").save();
                    working.put(name, frame);
                } catch (Exception e) {
                    if (Transient.is(e)) {
                        throw e;
                    }
                    found.add(new PartFailure(name, e));
                }
            });
            if (found.isEmpty()) {
                throw whole;
            }
            found.forEach(f -> fail(f.part(), f.error(), failures));
            if (!working.isEmpty()) {
                write.accept(union(new ArrayList<>(working.values())));
            }
            return List.copyOf(working.keySet());
        }
    }

    private static void fail(String part, Throwable e, List<PartFailure> failures) {
        LOG.error("{} failed and is left out; the other parts go on", part, e);
        failures.add(new PartFailure(part, e));
    }

    private static Dataset<Row> union(List<Dataset<Row>> frames) {
        Dataset<Row> all = frames.get(0);
        for (Dataset<Row> f : frames.subList(1, frames.size())) {
            all = all.unionByName(f);
        }
        return all;
    }
}
