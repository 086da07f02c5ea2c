package org.fraudlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java notebooks in {@code notebooks-java/}, run headless by {@code scripts/notebooks.sh --execute} on the
 * rapaio kernel with this build's classpath. {@link #executeAll} runs every notebook on a full lake and fails on any
 * cell error; the night's end-to-end test calls it on the lake it builds. Needs Debian's Jupyter
 * ({@code scripts/ensure-tools.sh} installs it).
 */
class NotebooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Runs every notebook on {@code lake}; the executed copies (and their logs) go to {@code outDir}. Fails when the
     * runner fails, or when an executed notebook has a code cell that did not run or shows an error.
     */
    static void executeAll(Path lake, Path outDir) throws IOException, InterruptedException {
        List<Path> notebooks = notebooks();
        assertFalse(notebooks.isEmpty(), "no notebook in " + notebookDir());
        RunResult run = runScript(lake, outDir);
        assertEquals(0, run.exitCode(), "scripts/notebooks.sh failed on " + lake + ":\n" + run.tail());
        for (Path nb : notebooks) {
            Path executed = outDir.resolve(nb.getFileName());
            assertTrue(Files.isRegularFile(executed), "no executed copy of " + nb.getFileName() + ":\n" + run.tail());
            int code = 0;
            for (JsonNode cell : JSON.readTree(executed.toFile()).get("cells")) {
                if (!"code".equals(cell.get("cell_type").asText())) {
                    continue;
                }
                code++;
                assertTrue(cell.get("execution_count").isNumber(), nb.getFileName() + ": a cell did not run: "
                        + cell.get("source"));
                for (JsonNode output : cell.get("outputs")) {
                    assertNotEquals("error", output.get("output_type").asText(), nb.getFileName() + ": " + output);
                }
            }
            assertTrue(code > 0, nb.getFileName() + " has no code cell");
        }
    }

    /** Set {@code -Dfraudlake.notebooks.lake=DIR} (a copy of a demo lake) to run every notebook on it. */
    @Test
    void everyNotebookRunsOnTheLakeGiven(@TempDir Path out) throws IOException, InterruptedException {
        String lake = System.getProperty("fraudlake.notebooks.lake");
        Assumptions.assumeTrue(lake != null && !lake.isBlank(),
                "set -Dfraudlake.notebooks.lake=DIR to run the notebooks on a lake; NightEndToEndTest runs them on its own");
        executeAll(Path.of(lake), out);
    }

    @Test
    void aNotebookThatFailsFailsTheRunAndSaysWhy(@TempDir Path tmp) throws IOException, InterruptedException {
        Path emptyLake = Files.createDirectories(tmp.resolve("lake"));
        RunResult run = runScript(emptyLake, tmp.resolve("out"), "01-lake-and-deliveries");
        assertNotEquals(0, run.exitCode(), run.tail());
        assertTrue(run.log().contains("no Delta table at " + emptyLake.toAbsolutePath() + "/ops/deliveries"), run.tail());
        assertTrue(run.log().contains("01-lake-and-deliveries FAILED"), run.tail());
    }

    @Test
    void everyNotebookIsAnUnexecutedJavaNotebookThatExplainsItsStepsAndReadsTheLakeFromTheEnvironment()
            throws IOException {
        List<Path> notebooks = notebooks();
        assertTrue(notebooks.size() >= 4, notebooks.toString());
        for (Path nb : notebooks) {
            JsonNode root = JSON.readTree(nb.toFile());
            assertEquals("java", root.at("/metadata/kernelspec/name").asText(), nb + ": runs on the kernel notebooks.sh installs");
            int markdown = 0;
            StringBuilder code = new StringBuilder();
            for (JsonNode cell : root.get("cells")) {
                String text = String.join("", JSON.convertValue(cell.get("source"), String[].class));
                if ("markdown".equals(cell.get("cell_type").asText())) {
                    markdown++;
                } else {
                    code.append(text).append('\n');
                    assertEquals(0, cell.get("outputs").size(), nb + ": committed with outputs; clear them");
                }
            }
            assertTrue(markdown >= 3, nb + ": explain the steps");
            assertTrue(code.toString().contains("System.getenv().getOrDefault(\"FRAUDLAKE_LAKE\""), nb.toString());
            assertTrue(code.toString().contains("Sessions.create("), nb.toString());
        }
    }

    private record RunResult(int exitCode, String log) {
        String tail() {
            return log.length() <= 6000 ? log : "..." + log.substring(log.length() - 6000);
        }
    }

    private static RunResult runScript(Path lake, Path outDir, String... only) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        List<String> command = new ArrayList<>(List.of("bash", repositoryRoot().resolve("scripts/notebooks.sh").toString(),
                "--lake", lake.toAbsolutePath().toString(), "--execute", outDir.toAbsolutePath().toString()));
        command.addAll(List.of(only));
        Path log = outDir.resolve("notebooks.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The kernel runs this build's classes: the test JVM's own classpath, not the launcher's jars in ~/.m2.
        pb.environment().put("FRAUDLAKE_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().putIfAbsent("FRAUDLAKE_NOTEBOOK_HEAP", "2g");
        // Interpreted, as in the test JVM (see the parent pom): tiny frames, many plans.
        pb.environment().putIfAbsent("FRAUDLAKE_NOTEBOOK_JVM_OPTS",
                "-Dspark.sql.codegen.wholeStage=false -Dspark.sql.codegen.factoryMode=NO_CODEGEN");
        Process p = pb.start();
        if (!p.waitFor(40, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            return new RunResult(-1, "timed out after 40 minutes\n" + Files.readString(log));
        }
        return new RunResult(p.exitValue(), Files.readString(log));
    }

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(notebookDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    private static Path notebookDir() {
        return repositoryRoot().resolve("notebooks-java");
    }

    /** The checkout: surefire runs in the module's folder, one below it. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts/notebooks.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("scripts/notebooks.sh not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
