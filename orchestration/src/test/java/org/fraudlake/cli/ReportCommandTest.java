package org.fraudlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {

    @Test
    void reportOnAnEmptyLakePrintsThePathOfAPageThatSaysNothingRanYet(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new ReportCommand()).execute("--lake", dir.toString(), "--set",
                    "spark.master=local[1]", "--date", "2026-03-14");
        } finally {
            System.setOut(old);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(0, code, String.join("\n", lines));
        Path html = dir.resolve("reports").resolve("2026-03-14").resolve("report.html");
        assertEquals(html.toString(), lines[lines.length - 1], "the last line is the report's path");
        assertTrue(Files.readString(html).contains("ops/deliveries not run yet"));
        assertTrue(Files.exists(html.resolveSibling("report.json")));
    }
}
