package org.fraudlake.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster for tests: one Master and N Workers, each its own JVM on 127.0.0.1, built from
 * the Maven jars as a Spark distribution would hold them ({@code <dir>/spark-home/jars}: the runtime classpath
 * less what the application jar carries). Logs go to {@code <dir>/logs}. {@link #close} stops every process,
 * executors included (a Worker kills its executors when it stops).
 */
final class StandaloneCluster implements AutoCloseable {
    /** Runtime-classpath entries that the application jar carries and a Spark distribution does not. */
    static final List<String> SHIPPED_IN_APP_JAR = List.of("/org/fraudlake/", "/io/delta/", "/io/unitycatalog/",
            "/info/picocli/", "/org/quartz-scheduler/", "/com/h2database/");

    private final Path dir;
    private final Path sparkHome;
    private final String jvmFlags;
    private final List<Process> processes = new ArrayList<>();
    private String masterUrl;

    private StandaloneCluster(Path dir, Path sparkHome, String jvmFlags) {
        this.dir = dir;
        this.sparkHome = sparkHome;
        this.jvmFlags = jvmFlags;
    }

    /**
     * Starts a Master and {@code workers} Workers of {@code cores} cores and {@code memory} each, and waits until
     * every Worker has registered. {@code classpathFile}: the runtime classpath (orchestration's
     * target/launcher/classpath.txt); {@code jvmFlagsFile}: the module flags Spark needs on Java 17.
     */
    static StandaloneCluster start(Path dir, Path classpathFile, Path jvmFlagsFile, int workers, int cores,
                                   String memory) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("logs"));
        Path home = sparkHome(dir.resolve("spark-home"), classpathFile);
        StandaloneCluster c = new StandaloneCluster(dir, home, Files.readString(jvmFlagsFile).trim());
        try {
            int port = freePort();
            c.masterUrl = "spark://127.0.0.1:" + port;
            c.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())), "256m");
            c.awaitLog("master", "I have been elected leader", 60);
            for (int i = 1; i <= workers; i++) {
                Path work = Files.createDirectories(dir.resolve("work-" + i));
                c.launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", Integer.toString(cores), "--memory", memory, "--webui-port",
                        Integer.toString(freePort()), "--work-dir", work.toString(), c.masterUrl), "256m");
            }
            for (int i = 1; i <= workers; i++) {
                c.awaitLog("worker-" + i, "Successfully registered with master", 60);
            }
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    Path sparkHome() {
        return sparkHome;
    }

    /** The JVM module flags, split into arguments. */
    List<String> jvmFlags() {
        return List.of(jvmFlags.split("\\s+"));
    }

    /** What Spark's launch scripts would export: SPARK_HOME, the Scala version, loopback only, this JDK. */
    Map<String, String> environment() {
        return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1", "JAVA_HOME", System.getProperty("java.home"));
    }

    /** The path of a process's log. */
    Path log(String name) {
        return dir.resolve("logs").resolve(name + ".log");
    }

    /**
     * Starts {@code SparkSubmit} with {@code args} in its own driver JVM (classpath: the distribution's jars, as
     * {@code bin/spark-submit} would), logging to {@code logs/<name>.log}.
     */
    Process submit(String name, List<String> args) throws IOException {
        return launch(name, prepend("org.apache.spark.deploy.SparkSubmit", args), "1g");
    }

    /** The exit status of a {@link #submit}ted driver; fails (and kills it) after {@code timeoutSeconds}. */
    int await(String name, Process driver, long timeoutSeconds) throws InterruptedException {
        if (!driver.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            driver.destroyForcibly();
            throw new IllegalStateException(name + " did not finish in " + timeoutSeconds + " s; see " + log(name));
        }
        return driver.exitValue();
    }

    private Process launch(String name, List<String> mainAndArgs, String heap) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(jvmFlags());
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("jars") + "/*");
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(log(name).toFile()).directory(dir.toFile());
        pb.environment().putAll(environment());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private void awaitLog(String name, String line, int seconds) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            if (Files.exists(log(name)) && Files.readString(log(name), StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not log '" + line + "' within " + seconds + " s; see "
                + log(name));
    }

    /** Stops every process this cluster started, newest first (drivers, Workers, then the Master). */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    /** {@code home/jars}: links to every runtime jar that a Spark distribution provides. */
    static Path sparkHome(Path home, Path classpathFile) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        try (Stream<Path> old = Files.list(jars)) {
            old.forEach(StandaloneCluster::delete);
        }
        for (String entry : Files.readString(classpathFile).trim().split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar) && providedByCluster(entry)) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        return home;
    }

    static boolean providedByCluster(String jarPath) {
        String p = jarPath.replace('\\', '/');
        return SHIPPED_IN_APP_JAR.stream().noneMatch(p::contains) && !p.matches(".*/fraudlake-[a-z]+[^/]*\\.jar");
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
