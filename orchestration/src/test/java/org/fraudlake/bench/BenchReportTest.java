package org.fraudlake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.orchestration.StandardNight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's arithmetic and outputs on hand-made figures (no Spark). */
class BenchReportTest {
    private static final LocalDate NIGHT = LocalDate.of(2026, 11, 3);

    @Test
    void exponentIsTheSlopeOfTimeOverCitySizeOnLogLogAxes() {
        assertEquals(1.0, BenchReport.exponent(20, 10, 2), 1e-9);
        assertEquals(0.0, BenchReport.exponent(5, 5, 2), 1e-9);
        assertEquals(2.0, BenchReport.exponent(40, 10, 2), 1e-9);
        assertNull(BenchReport.exponent(0.01, 0.01, 2), "too short to measure");
    }

    @Test
    void reportHasEveryStageTheIngestRatioTheExponentsAJsonFileAndAPage(@TempDir Path dir) throws Exception {
        BenchReport r = BenchReport.of("fraudlake bench --persons 2000", "2026-11-29T03:00:00Z",
                new BenchReport.Machine("local[2]", 2, 2, 1L << 30, "17", "4.1.0", 1.5, 2.5),
                city(2000, 4.0), city(1000, 2.0));
        assertEquals(4.0 / 3.0, r.ingestOverBare(), 1e-9, "ingest 4 s over bare 3 s");
        assertEquals(1.0, r.nightExponent(), 1e-9, "every stage doubles, so the night does");
        assertEquals(StandardNight.GRAPH.names(), new ArrayList<>(r.stageExponents().keySet()));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        r.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        for (String stage : StandardNight.GRAPH.names()) {
            assertTrue(table.contains("\n" + stage + " "), stage + " in\n" + table);
        }
        assertTrue(table.contains("1.33 x the bare job"), table);

        JsonNode json = new ObjectMapper().readTree(r.writeJson(dir).toFile());
        assertEquals(StandardNight.GRAPH.names().size(), json.at("/full/night/stages").size());
        assertEquals("2026-11-03", json.at("/full/night/to").asText());
        assertEquals(1.0, json.at("/nightExponent").asDouble(), 1e-9);
        String html = Files.readString(BenchHtml.write(r, dir));
        assertTrue(html.contains("<h2>Scaling</h2>") && html.contains("</svg>") && html.endsWith("</html>\n"));
        assertTrue(html.contains("fraudlake bench --persons 2000"), "the command that produced the figures");
    }

    /** A city whose ingest takes {@code ingest} s, every stage 1 s per 1000 persons, the bare job 0.75 of ingest. */
    private static NightBench.CityFigures city(int persons, double ingest) {
        List<StageFigures> stages = new ArrayList<>();
        for (String s : StandardNight.GRAPH.names()) {
            double wall = s.equals("ingest") ? ingest : persons / 1000.0;
            stages.add(new StageFigures(s, "SUCCEEDED", 1, 100L * persons, StageFigures.LEDGER, 10L * persons,
                    100.0 * persons / wall / 2, measure(wall)));
        }
        NightBench.Run night = new NightBench.Run(NIGHT, NIGHT, 1, 100, stages);
        return new NightBench.CityFigures(persons, 2, 7L, 1000L * persons, 40, 3.0, true, null, night,
                new NightBench.Bare(NIGHT, 12, 100L * persons, measure(ingest * 0.75)));
    }

    private static Measure measure(double wall) {
        return new Measure(wall, 3, 5, 10, 1000, 1 << 20, 1 << 19, 1 << 19, 900, 1 << 20, wall, 0.1, 1L << 28, 4,
                1 << 20, 2);
    }
}
