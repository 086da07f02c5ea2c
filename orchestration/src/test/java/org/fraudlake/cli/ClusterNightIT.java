package org.fraudlake.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.publish.outbox.SigningKeys;
import org.fraudlake.schemas.tables.Bronze;
import org.fraudlake.simulator.CitySimulator;
import org.fraudlake.simulator.SimulationConfig;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scale-out on an existing engine: a small simulated night runs through {@code spark-submit} of
 * {@code target/fraudlake-app.jar} on a real standalone cluster (a Master and two Workers, each its own JVM) with
 * the lake on HDFS (a MiniDFSCluster), and again in local mode on a local lake; the silver, gold and published
 * tables hold the same rows and the partner outbox is the same byte for byte. Process logs: target/cluster-it/logs.
 */
@ExtendWith(SparkTestExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterNightIT {
    private static final LocalDate START = LocalDate.of(2026, 10, 1);
    private static final int DAYS = 2;
    private static final int PERSONS = 300;
    /** A few catalog models, enough to score, decide and publish (training all 24 doubles the test's time). */
    private static final String MODELS = "money_mule,fraud_phone,victim_call_then_pay,rapid_pass_through";
    /** A safety net, not a budget: one night took 17 minutes per date on a 2-core machine at load average 45. */
    private static final long DRIVER_TIMEOUT_S = 3600;
    private static final List<String> LAYERS = List.of("silver", "gold", "published");
    /**
     * Columns whose values legitimately differ between two runs of the same night: when a row was ingested
     * (wall-clock time of the run). Everything else must match.
     */
    private static final Set<String> RUN_DEPENDENT_COLUMNS = Set.of(Bronze.INGESTED_AT);

    private final Path module = Path.of("").toAbsolutePath();
    private final Path work = module.resolve("target/cluster-it");
    private MiniDFSCluster dfs;
    private StandaloneCluster cluster;
    private Lake localLake;
    private Lake hdfsLake;
    private int localExit = -1;
    private int clusterExit = -1;

    @BeforeAll
    void runTheNightTwice() throws Exception {
        Path appJar = module.resolve("target/fraudlake-app.jar");
        assertTrue(Files.isRegularFile(appJar), appJar + " missing: run `mvn package` (the shade plugin makes it)");
        deleteRecursively(work);
        Files.createDirectories(work);
        Runtime.getRuntime().addShutdownHook(new Thread(this::tearDown, "cluster-it-teardown"));

        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("hdfs").toString());
        // Close a file once its last block is committed, without waiting for the datanode's block report (the
        // test writes hundreds of small files); a client then waits 400 ms less per file.
        conf.setInt("dfs.namenode.file.close.num-committed-allowed", 1);
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        dfs.waitActive();

        localLake = new Lake(work.resolve("local-lake").toString());
        hdfsLake = new Lake(dfs.getURI() + "/fraudlake/lake");
        new CitySimulator(new SimulationConfig(PERSONS, DAYS, 7L, START, true)).run(localLake, new Configuration(),
                s -> { });
        Pseudonymizer.createKeyFile(work.resolve("keys/pseudonym.key"));
        SigningKeys.init(work.resolve("keys/signing.key"), localLake);

        // The first day is history for the second day's training: it runs here, once, through features, and both
        // lakes start from its tables. The second day's whole night (every stage) runs on the cluster and locally.
        NightRunner history = new NightRunner(FraudlakeConfig.load(null, settings(localLake)),
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(history.run(START, "features", false).completed(), "the first day's history did not complete");
        FileSystem hdfs = dfs.getFileSystem();
        hdfs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(localLake.root()),
                new org.apache.hadoop.fs.Path(hdfsLake.root()));
        hdfs.delete(new org.apache.hadoop.fs.Path(hdfsLake.root() + "/ops/_lock"), false);  // the local run's OS lock file

        cluster = StandaloneCluster.start(work, module.resolve("target/launcher/classpath.txt"),
                module.resolve("target/launcher/jvm.flags"), 2, 1, "1g");
        Path driverJar = commandSequenceJar(work.resolve("command-sequence.jar"));

        // Both nights at once (the machine has idle gaps while drivers and executors start), with the same keys.
        Process local = cluster.submit("driver-local", submitArgs("local[2]", appJar, driverJar, localLake));
        Process remote = cluster.submit("driver-cluster",
                submitArgs(cluster.masterUrl(), appJar, driverJar, hdfsLake));
        localExit = cluster.await("driver-local", local, DRIVER_TIMEOUT_S);
        clusterExit = cluster.await("driver-cluster", remote, DRIVER_TIMEOUT_S);
    }

    @AfterAll
    void tearDown() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
        if (dfs != null) {
            dfs.shutdown(true);
            dfs = null;
        }
    }

    @Test
    void theNightRunsOnTheClusterWithTheLakeOnHdfs() throws IOException {
        assertEquals(0, localExit, "local night failed; see " + cluster.log("driver-local"));
        assertEquals(0, clusterExit, "cluster night failed; see " + cluster.log("driver-cluster"));
        assertTrue(Files.readString(cluster.log("master")).contains("Registered app fraudlake"),
                "the driver registered with the Master; see " + cluster.log("master"));
        assertEquals(2, countExecutorDirs(), "each Worker ran an executor of the night");
    }

    @Test
    void silverGoldAndPublishedTablesHoldTheSameRows(SparkSession spark) throws IOException {
        assertEquals(0, clusterExit, "cluster night failed; see " + cluster.log("driver-cluster"));
        Set<String> local = tables(localLake.root(), new Configuration());
        Set<String> remote = tables(hdfsLake.root(), dfs.getConfiguration(0));
        assertTrue(local.size() > 20, "the local night wrote its tables: " + local);
        assertEquals(local, remote, "the same tables on both lakes");
        List<String> differing = new ArrayList<>();
        for (String table : local) {
            List<String> a = rows(spark, localLake.root() + "/" + table);
            List<String> b = rows(spark, hdfsLake.root() + "/" + table);
            if (!a.equals(b)) {
                differing.add(table + " (" + a.size() + " local rows, " + b.size() + " on the cluster; first local "
                        + a.stream().filter(r -> !b.contains(r)).findFirst().orElse("-") + ")");
            }
        }
        assertTrue(differing.isEmpty(), "tables that differ: " + differing);
    }

    @Test
    void theOutboxIsTheSameByteForByte() throws IOException {
        assertEquals(0, clusterExit, "cluster night failed; see " + cluster.log("driver-cluster"));
        Map<String, byte[]> local = files(localLake.outbox(), new Configuration());
        Map<String, byte[]> remote = files(hdfsLake.outbox(), dfs.getConfiguration(0));
        assertFalse(local.isEmpty(), "the night published an outbox");
        assertTrue(local.keySet().stream().anyMatch(f -> f.endsWith("warnings.csv")), local.keySet().toString());
        assertEquals(local.keySet(), remote.keySet());
        for (Map.Entry<String, byte[]> e : local.entrySet()) {
            assertArrayEquals(e.getValue(), remote.get(e.getKey()), e.getKey());
        }
    }

    private List<String> submitArgs(String master, Path appJar, Path driverJar, Lake lake) {
        LocalDate last = START.plusDays(DAYS - 1L);
        List<String> args = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client",
                "--name", "cluster-it", "--class", CommandSequence.class.getName(),
                "--jars", driverJar.toString(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=768m",
                "--conf", "spark.cores.max=2",
                // Tiny frames through thousands of plans: interpreted, as in every test JVM (see the parent pom).
                "--conf", "spark.sql.codegen.wholeStage=false", "--conf", "spark.sql.codegen.factoryMode=NO_CODEGEN",
                appJar.toString()));
        // The nights through `fraudlake run` (the stage graph, the run ledger and the lake lock, on HDFS too). Its
        // train stage wants train.valid-days + 3 days of features, so a few models are trained explicitly first;
        // the last night's train stage then finds them fresh and skips.
        List<List<String>> night = new ArrayList<>();
        for (LocalDate d = START.plusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            night.add(List.of("run", "--date", d.toString(), "--to-stage", "features"));
        }
        night.add(List.of("train", "--as-of", last.toString(), "--models", MODELS));
        night.add(List.of("run", "--date", last.toString()));
        for (List<String> command : night) {
            args.addAll(command);
            for (String setting : settings(lake)) {
                args.addAll(List.of("--set", setting));
            }
            args.add(CommandSequence.SEPARATOR);
        }
        return args;
    }

    /** The fraudlake settings of every run on the lake: shared keys, a small night, no waiting, no retries. */
    private List<String> settings(Lake lake) {
        return List.of("lake.root=" + lake.root(),
                "pseudonymization.key-file=" + work.resolve("keys/pseudonym.key"),
                "publish.signing-key=" + work.resolve("keys/signing.key"),
                "spark.shuffle-partitions=2",
                "train.train-days=1", "train.valid-days=1", "train.top-k=20", "train.max-negatives=10000",
                "readiness.deadline=none", "run.retries=0");
    }

    /** The test's {@link CommandSequence} as a jar spark-submit adds beside the application jar. */
    private Path commandSequenceJar(Path jar) throws IOException {
        Path classes = Path.of(CommandSequence.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String prefix = CommandSequence.class.getName().replace('.', '/');
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
             Stream<Path> all = Files.walk(classes)) {
            for (Path f : all.filter(p -> classes.relativize(p).toString().startsWith(prefix)).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                try (InputStream in = Files.newInputStream(f)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private int countExecutorDirs() throws IOException {
        int n = 0;
        for (int i = 1; i <= 2; i++) {
            try (Stream<Path> apps = Files.list(work.resolve("work-" + i))) {
                n += (int) apps.filter(Files::isDirectory).count() > 0 ? 1 : 0;
            }
        }
        return n;
    }

    /** Delta tables under the layers, as {@code <layer>/<table>}. */
    private static Set<String> tables(String root, Configuration conf) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String layer : LAYERS) {
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(root + "/" + layer);
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) {
                continue;
            }
            for (FileStatus t : fs.listStatus(dir)) {
                if (t.isDirectory() && fs.exists(new org.apache.hadoop.fs.Path(t.getPath(), "_delta_log"))) {
                    out.add(layer + "/" + t.getPath().getName());
                }
            }
        }
        return out;
    }

    /** A table's rows as sorted JSON lines, without the run-dependent columns. */
    private static List<String> rows(SparkSession spark, String path) {
        Dataset<Row> t = DeltaIO.read(spark, path);
        Column[] kept = Arrays.stream(t.columns()).filter(c -> !RUN_DEPENDENT_COLUMNS.contains(c))
                .sorted().map(c -> col("`" + c + "`")).toArray(Column[]::new);
        List<String> json = new ArrayList<>(t.select(to_json(struct(kept))).as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList());
        json.sort(null);
        return json;
    }

    /** Every file under a folder, by relative path. */
    private static Map<String, byte[]> files(String root, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(root);
        FileSystem fs = dir.getFileSystem(conf);
        String base = fs.getFileStatus(dir).getPath().toUri().getPath();
        Map<String, byte[]> out = new TreeMap<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            String rel = f.getPath().toUri().getPath().substring(base.length());
            try (InputStream in = fs.open(f.getPath())) {
                out.put(rel, in.readAllBytes());
            }
        }
        return out;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
