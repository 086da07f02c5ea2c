package org.fraudlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.orchestration.StandardNight;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fraudlake bench} end to end on a tiny city: one night per size through conform (the whole night's stages run
 * in every other night test), figures checked for sense, not speed.
 */
@ExtendWith(SparkTestExtension.class)
class BenchCommandTest {

    @Test
    void benchesEveryStageOfTheNightAgainstTheBareJobAndTheHalfSizeCity(SparkSession spark, @TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("results");
        String[] args = {"--persons", "60", "--days", "1", "--dir", dir.resolve("bench").toString(), "--out",
                out.toString(), "--to-stage", "conform", "--set", "spark.master=local[2]",
                "--set", "spark.shuffle-partitions=2"};
        String printed = run(args);

        JsonNode r = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode stages = r.at("/full/night/stages");
        assertEquals(List.of("ingest", "conform"), StandardNight.GRAPH.names().subList(0, 2));
        assertEquals(2, stages.size(), printed);
        for (int i = 0; i < stages.size(); i++) {
            JsonNode s = stages.get(i);
            assertEquals(StandardNight.GRAPH.names().get(i), s.get("stage").asText());
            assertTrue(s.get("status").asText().matches("SUCCEEDED|SKIPPED"), s.toString());
            assertTrue(s.at("/measure/wallS").asDouble() > 0, s.toString());
            assertTrue(s.at("/measure/peakHeapBytes").asLong() > 0, s.toString());
        }
        JsonNode ingest = stages.get(0);
        assertTrue(ingest.get("rowsIn").asLong() > 0 && ingest.get("rowsOut").asLong() > 0, ingest.toString());
        assertEquals("ledger", ingest.get("rowsInFrom").asText());
        assertTrue(ingest.at("/measure/tasks").asLong() > 0, "the listener saw the stage's Spark tasks");
        assertTrue(ingest.at("/measure/filesWritten").asLong() > 0, "ingest wrote bronze files");
        assertTrue(ingest.at("/measure/deltaCommits").asLong() > 0, "and committed them");
        assertEquals(2, r.at("/machine/cores").asInt());
        assertEquals(60, r.at("/full/persons").asInt());
        assertEquals(30, r.at("/half/persons").asInt());
        assertTrue(r.at("/full/bare/files").asLong() > 0, "the bare job read the night's CSV files");
        assertTrue(r.get("ingestOverBare").asDouble() > 0, r.toString());
        assertTrue(r.get("nightExponent").isNumber(), r.toString());
        assertTrue(r.at("/full/night/clockS").asDouble() >= r.at("/full/night/stages/0/measure/wallS").asDouble());
        assertTrue(Files.readString(out.resolve("results.html")).contains("</svg>"));
        assertTrue(printed.contains("baseline (a) bare CSV->Delta"), printed);
        assertTrue(printed.contains("results: "), printed);
        assertFalse(Files.exists(dir.resolve("bench/lakes")), "benched lakes are deleted unless --keep-lakes");
        assertTrue(Files.exists(out.resolve("city-p60.json")) && Files.exists(out.resolve("city-p30.json")));
    }

    @Test
    void refusesSeveralCitySizesForTheNightBench() {
        assertEquals(CommandLine.ExitCode.SOFTWARE, new CommandLine(new BenchCommand()).execute("--persons", "10,20"));
    }

    @Test
    void refusesAStageThatIsNotInTheNight() {
        assertEquals(CommandLine.ExitCode.SOFTWARE, new CommandLine(new BenchCommand()).execute("--to-stage", "nap"));
    }

    private static String run(String[] args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new BenchCommand()).execute(args);
        } finally {
            System.setOut(old);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        return printed;
    }
}
