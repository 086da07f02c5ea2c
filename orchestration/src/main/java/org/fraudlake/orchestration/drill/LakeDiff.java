package org.fraudlake.orchestration.drill;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.schemas.tables.Bronze;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.schemas.tables.Quarantine;

/**
 * Compares two local lakes as a crash or concurrency drill needs: every Delta table under either root (found
 * by its {@code _delta_log} folder) as a multiset of rows, both ways, and every file under {@code outbox/}
 * byte for byte. Only what legitimately differs between two runs of the same night is left out, listed in
 * {@link #EXCLUDED_TABLES} and {@link #EXCLUDED_COLUMNS} with the reason.
 */
public final class LakeDiff {
    /** Tables not compared, with why. */
    public static final Map<String, String> EXCLUDED_TABLES = Map.of(
            "ops/runs", "the run ledger records each attempt's run id, pid, host and times; a killed run leaves a "
                    + "RUNNING row and the re-run adds attempts, by design");

    /** Columns not compared wherever they appear, with why. */
    public static final Map<String, String> EXCLUDED_COLUMNS = Map.of(
            Bronze.INGESTED_AT, "bronze: wall-clock time of the load",
            DeliveryLedger.DECIDED_AT, "ops/deliveries: wall-clock time of the ingest decision",
            Quarantine.RECORDED_AT, "quarantine tables: wall-clock time the row or delivery was set aside",
            DeliveryLedger.BRONZE_VERSION, "ops/deliveries: a Delta version counts commits, and a killed attempt may "
                    + "have committed a bronze write whose ledger row it never wrote (the re-run writes it again)",
            "created_at", "models/registry: wall-clock time a version was registered",
            "promoted_at", "models/registry: wall-clock time a version became champion",
            org.fraudlake.schemas.tables.PartnerBindings.BOUND_AT,
            "ops/partners: wall-clock time a source code was bound to its partner kind");

    private static final int SAMPLE = 2;

    private LakeDiff() {
    }

    /** Every difference between the lakes' tables and outbox; empty when they match. */
    public static List<String> compare(SparkSession spark, Path reference, Path candidate) {
        List<String> problems = new ArrayList<>();
        Set<String> tables = new TreeSet<>(deltaTables(reference));
        Set<String> other = new TreeSet<>(deltaTables(candidate));
        for (String t : tables) {
            if (!other.contains(t)) {
                problems.add(t + ": missing from the re-run's lake");
            }
        }
        for (String t : other) {
            if (!tables.contains(t)) {
                problems.add(t + ": only in the re-run's lake");
            }
        }
        tables.retainAll(other);
        for (String t : tables) {
            if (!EXCLUDED_TABLES.containsKey(t)) {
                problems.addAll(compareTable(spark, t, reference.resolve(t).toString(), candidate.resolve(t).toString()));
            }
        }
        problems.addAll(compareFiles("outbox", reference.resolve("outbox"), candidate.resolve("outbox")));
        return problems;
    }

    /** Relative paths of every Delta table under a lake root. */
    public static List<String> deltaTables(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().equals("_delta_log") && Files.isDirectory(p))
                    .map(p -> root.relativize(p.getParent()).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing Delta tables under " + root, e);
        }
    }

    /** The differences of one table: schema, then rows lost and rows extra (duplicates or changed). */
    static List<String> compareTable(SparkSession spark, String name, String refPath, String candPath) {
        List<String> problems = new ArrayList<>();
        Dataset<Row> ref;
        Dataset<Row> cand;
        try {
            ref = comparable(DeltaIO.read(spark, refPath));
            cand = comparable(DeltaIO.read(spark, candPath));
        } catch (RuntimeException e) {
            problems.add(name + ": unreadable (" + e.getMessage() + ")");
            return problems;
        }
        if (!List.of(ref.columns()).equals(List.of(cand.columns()))) {
            problems.add(name + ": columns differ: " + List.of(ref.columns()) + " vs " + List.of(cand.columns()));
            return problems;
        }
        if (fingerprint(ref).equals(fingerprint(cand))) {
            return problems;
        }
        Dataset<Row> lost = ref.exceptAll(cand).cache();
        Dataset<Row> extra = cand.exceptAll(ref).cache();
        long lostRows = lost.count();
        long extraRows = extra.count();
        if (lostRows > 0 || extraRows > 0) {
            problems.add(String.format("%s: %d rows of the uninterrupted run missing, %d rows extra (duplicated or "
                    + "changed) out of %d vs %d; e.g. missing %s, extra %s", name, lostRows, extraRows, ref.count(),
                    cand.count(), sample(lost), sample(extra)));
        }
        lost.unpersist();
        extra.unpersist();
        return problems;
    }

    /**
     * Row count and the sum of every row's 64-bit hash: equal for equal multisets of rows whatever their order,
     * different (but for a hash collision) when a row is lost, added twice or changed. One pass per table.
     */
    static List<Object> fingerprint(Dataset<Row> rows) {
        Row r = rows.agg(count(lit(1)), coalesce(sum(xxhash64(Stream.of(rows.columns()).map(c -> col("`" + c + "`"))
                .toArray(Column[]::new)).cast("decimal(38,0)")), lit(BigDecimal.ZERO))).first();
        return List.of(r.getLong(0), ((BigDecimal) r.get(1)).toBigInteger());
    }

    private static String sample(Dataset<Row> rows) {
        List<String> s = rows.limit(SAMPLE).collectAsList().stream().map(r -> {
            String t = r.toString();
            return t.length() > 300 ? t.substring(0, 300) + "..." : t;
        }).toList();
        return s.toString();
    }

    /** Drops the excluded columns, sorts columns by name and makes maps comparable (set operations refuse maps). */
    static Dataset<Row> comparable(Dataset<Row> rows) {
        List<Column> cols = new ArrayList<>();
        List<StructField> fields = new ArrayList<>(List.of(rows.schema().fields()));
        fields.sort((a, b) -> a.name().compareTo(b.name()));
        for (StructField f : fields) {
            if (EXCLUDED_COLUMNS.containsKey(f.name())) {
                continue;
            }
            if (f.dataType() instanceof MapType) {
                cols.add(array_sort(map_entries(col(f.name()))).as(f.name()));
            } else if (containsMap(f.dataType())) {
                cols.add(to_json(col(f.name())).as(f.name()));
            } else {
                cols.add(col(f.name()));
            }
        }
        return rows.select(cols.toArray(Column[]::new));
    }

    private static boolean containsMap(DataType t) {
        if (t instanceof MapType) {
            return true;
        }
        if (t instanceof ArrayType a) {
            return containsMap(a.elementType());
        }
        if (t instanceof StructType s) {
            return Stream.of(s.fields()).anyMatch(f -> containsMap(f.dataType()));
        }
        return false;
    }

    /** Files under two folders compared by SHA-256: missing, extra and changed ones. */
    public static List<String> compareFiles(String label, Path reference, Path candidate) {
        Map<String, String> ref = checksums(reference);
        Map<String, String> cand = checksums(candidate);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : ref.entrySet()) {
            String other = cand.get(e.getKey());
            if (other == null) {
                problems.add(label + "/" + e.getKey() + ": missing from the re-run");
            } else if (!other.equals(e.getValue())) {
                problems.add(label + "/" + e.getKey() + ": bytes differ (sha256 " + e.getValue().substring(0, 12)
                        + " vs " + other.substring(0, 12) + ")");
            }
        }
        for (String k : cand.keySet()) {
            if (!ref.containsKey(k)) {
                problems.add(label + "/" + k + ": only in the re-run");
            }
        }
        return problems;
    }

    /** Relative path to SHA-256 of every regular file under a folder (empty when it does not exist). */
    public static Map<String, String> checksums(Path root) {
        Map<String, String> sums = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return sums;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                sums.put(root.relativize(p).toString().replace('\\', '/'), sha256(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + root, e);
        }
        return sums;
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
