package org.fraudlake.orchestration.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child JVM a drill starts runs under the drill's own Spark SQL settings. */
class ChildJvmTest {
    private static final String KEY = "spark.sql.fraudlake.childJvmTest";

    @Test
    void theDrillsSparkSqlSettingsReachTheChildAndNothingElseDoes() {
        System.setProperty(KEY, "on");
        System.setProperty("fraudlake.childJvmTest", "kept here");
        try {
            List<String> settings = ChildJvm.sqlSettings();
            assertTrue(settings.contains("-D" + KEY + "=on"), settings.toString());
            assertTrue(settings.stream().allMatch(s -> s.startsWith("-Dspark.sql.")), settings.toString());
        } finally {
            System.clearProperty(KEY);
            System.clearProperty("fraudlake.childJvmTest");
        }
    }

    @Test
    void aChildRunsTheCommandInItsOwnProcessAndReportsItsExit(@TempDir Path tmp) throws Exception {
        ChildJvm.Exit exit = ChildJvm.run(List.of("--version"), "256m", tmp.resolve("child.log"), Duration.ofMinutes(2));
        assertEquals(0, exit.code(), exit.log());
        assertTrue(exit.log().contains("fraudlake"), exit.log());
    }
}
