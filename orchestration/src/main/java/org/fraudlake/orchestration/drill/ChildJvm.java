package org.fraudlake.orchestration.drill;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A {@code fraudlake} command in its own JVM (same classpath and module flags as this one), its stdout and
 * stderr in a log file, so a drill can kill it for real ({@link Process#destroyForcibly()}: SIGKILL on Linux).
 */
public final class ChildJvm {
    /** How a finished child ended. */
    public record Exit(int code, String log) {
    }

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code fraudlake args...} with the given heap, output to {@code log}. */
    public static ChildJvm start(List<String> args, String heap, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(jvmFlags());
        cmd.add("-Dspark.ui.enabled=false");
        cmd.addAll(sqlSettings());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.fraudlake.cli.FraudlakeCli");
        cmd.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildJvm(p, log);
    }

    /** Spark's module flags plus those this JVM was started with (--add-opens, --add-modules, ...). */
    static List<String> jvmFlags() {
        Set<String> flags = new LinkedHashSet<>();
        flags.add("-XX:+IgnoreUnrecognizedVMOptions");
        for (String f : JavaModuleOptions.defaultModuleOptions().split("\\s+")) {
            if (!f.isBlank()) {
                flags.add(f);
            }
        }
        for (String f : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (f.startsWith("--add-") || f.startsWith("-Djdk.reflect") || f.startsWith("-Dio.netty")) {
                flags.add(f);
            }
        }
        return new ArrayList<>(flags);
    }

    /**
     * This JVM's {@code spark.sql.*} system properties as {@code -D} options: the SQL settings the drill runs
     * under (a test's interpreted mode, for instance) apply to the nights it starts too.
     */
    static List<String> sqlSettings() {
        List<String> settings = new ArrayList<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("spark.sql.")) {
                settings.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        settings.sort(null);
        return settings;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path logFile() {
        return log;
    }

    /** The log so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Waits until a line of the log matches, polling; false when the child ended first or {@code timeout}
     * passed.
     */
    public boolean awaitLine(Predicate<String> line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().lines().anyMatch(line)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().lines().anyMatch(line);
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * SIGKILL: no shutdown hook, no finally block runs. Waits until the process is gone; its exit status
     * ({@code 128 + 9} when the signal killed it, its own status when it had already ended).
     */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** Waits for the end; kills the child and fails when it outlives {@code timeout}. */
    public Exit await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new IllegalStateException("child fraudlake (pid " + process.pid() + ") still running after "
                    + timeout + "; killed. Log: " + log);
        }
        return new Exit(process.exitValue(), output());
    }

    /** Runs a command to its end. */
    public static Exit run(List<String> args, String heap, Path log, Duration timeout)
            throws IOException, InterruptedException {
        return start(args, heap, log).await(timeout);
    }
}
