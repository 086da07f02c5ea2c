package org.fraudlake.publish.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The swap of partner folders when a rename fails: the previous publication stays in place. */
class OutboxFilesTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static final byte[] OLD = "old\r\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "new\r\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    java.nio.file.Path dir;

    /** A local file system whose renames into {@code outbox/<partner>/<date>} of a staged folder fail. */
    private static final class FailingRename extends FilterFileSystem {
        private final boolean throwing;

        FailingRename(FileSystem fs, boolean throwing) {
            super(fs);
            this.throwing = throwing;
        }

        @Override
        public boolean rename(Path src, Path dst) throws IOException {
            boolean staged = src.getParent().getName().startsWith(OutboxFiles.STAGING_PREFIX)
                    && !src.getName().endsWith(OutboxFiles.REPLACED_SUFFIX);
            if (staged && dst.getName().equals(D.toString())) {
                if (throwing) {
                    throw new IOException("simulated rename failure");
                }
                return false;
            }
            return super.rename(src, dst);
        }
    }

    private FileSystem local() throws IOException {
        return OutboxFiles.plain(FileSystem.getLocal(new Configuration()));
    }

    @Test
    void aFailedRenameLeavesThePreviousPublicationInPlace() throws IOException {
        for (boolean throwing : List.of(false, true)) {
            Path outbox = new Path(dir.resolve("outbox-" + throwing).toUri());
            OutboxFiles.publish(local(), outbox, D, Map.of("BANK_A", Map.of(WarningsCsv.FILE_NAME, OLD)), new HashMap<>());
            Map<String, Exception> failed = new HashMap<>();
            assertEquals(List.of(), OutboxFiles.publish(new FailingRename(local(), throwing), outbox, D,
                    Map.of("BANK_A", Map.of(WarningsCsv.FILE_NAME, NEW)), failed));
            assertTrue(failed.get("BANK_A") instanceof IOException, "the partner's failure is recorded: " + failed);
            java.nio.file.Path file = dir.resolve("outbox-" + throwing).resolve("BANK_A").resolve(D.toString())
                    .resolve(WarningsCsv.FILE_NAME);
            assertTrue(Files.exists(file), "previous publication kept (rename " + (throwing ? "throws" : "false") + ")");
            assertArrayEquals(OLD, Files.readAllBytes(file));
        }
    }

    @Test
    void aPreviousPublicationLeftInStagingIsMovedBackByTheNextPublish() throws IOException {
        java.nio.file.Path root = dir.resolve("outbox");
        java.nio.file.Path parked = root.resolve(OutboxFiles.STAGING_PREFIX + D + "-crashed")
                .resolve("BANK_A" + OutboxFiles.REPLACED_SUFFIX);
        Files.createDirectories(parked);
        Files.write(parked.resolve(WarningsCsv.FILE_NAME), OLD);
        Path outbox = new Path(root.toUri());
        Map<String, Exception> failed = new HashMap<>();
        OutboxFiles.publish(new FailingRename(local(), false), outbox, D,
                Map.of("BANK_A", Map.of(WarningsCsv.FILE_NAME, NEW)), failed);
        assertTrue(failed.containsKey("BANK_A"), "the failed swap is recorded: " + failed);
        assertArrayEquals(OLD, Files.readAllBytes(root.resolve("BANK_A").resolve(D.toString())
                .resolve(WarningsCsv.FILE_NAME)));
        assertEquals(List.of("BANK_A"), OutboxFiles.publish(local(), outbox, D,
                Map.of("BANK_A", Map.of(WarningsCsv.FILE_NAME, NEW)), new HashMap<>()));
        assertArrayEquals(NEW, Files.readAllBytes(root.resolve("BANK_A").resolve(D.toString())
                .resolve(WarningsCsv.FILE_NAME)));
    }
}
