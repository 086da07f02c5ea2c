package org.fraudlake.publish.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes partner folders through the Hadoop file system API (local files, {@code hdfs://}, ...): all folders of a
 * date are first written under a hidden staging folder in {@code outbox/}, then each is renamed into place, the
 * previous publication of the date moved aside first and deleted after. A partner sees its old folder, briefly no
 * folder, or its new folder, never half of one. A folder whose files are already byte-identical is left alone.
 * Staging folders an interrupted run of the same date left behind are deleted first; two runs of one date must not
 * overlap.
 */
final class OutboxFiles {
    /** Prefix of the staging folders in {@code outbox/}; never a partner code (codes have no dot). */
    static final String STAGING_PREFIX = ".staging-";

    private OutboxFiles() {
    }

    /**
     * The file system without client-side checksum files: on a local lake Hadoop would otherwise add
     * {@code .warnings.csv.crc} files, which a partner's verification would rightly call unlisted.
     */
    static FileSystem plain(FileSystem fs) {
        return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    }

    /**
     * Puts {@code folders} (partner to file name to bytes) at {@code outbox/<partner>/<date>/}; returns the
     * partners whose folder was written (the rest were already identical, or failed). A partner whose folder
     * cannot be checked, staged or swapped in is put in {@code failed} with its error, and the others go on.
     */
    static List<String> publish(FileSystem fs, Path outbox, LocalDate date,
                                Map<String, Map<String, byte[]>> folders, Map<String, Exception> failed)
            throws IOException {
        removeLeftovers(fs, outbox, date);
        Path staging = new Path(outbox, STAGING_PREFIX + date + "-" + UUID.randomUUID());
        List<String> staged = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        try {
            for (Map.Entry<String, Map<String, byte[]>> e : folders.entrySet()) {
                try {
                    if (!identical(fs, new Path(new Path(outbox, e.getKey()), date.toString()), e.getValue())) {
                        write(fs, new Path(staging, e.getKey()), e.getValue());
                        staged.add(e.getKey());
                    }
                } catch (IOException | RuntimeException error) {
                    failed.put(e.getKey(), error);
                }
            }
            for (String partner : staged) {
                try {
                    swap(fs, new Path(staging, partner), new Path(new Path(outbox, partner), date.toString()),
                            new Path(staging, partner + ".replaced"));
                    changed.add(partner);
                } catch (IOException | RuntimeException error) {
                    failed.put(partner, error);
                }
            }
        } finally {
            if (fs.exists(staging)) {
                fs.delete(staging, true);
            }
        }
        return changed;
    }

    /** Deletes the staging folders an interrupted earlier run of the same date left behind. */
    private static void removeLeftovers(FileSystem fs, Path outbox, LocalDate date) throws IOException {
        FileStatus[] leftovers = fs.globStatus(new Path(outbox, STAGING_PREFIX + date + "-*"));
        if (leftovers != null) {
            for (FileStatus s : leftovers) {
                fs.delete(s.getPath(), true);
            }
        }
    }

    private static void write(FileSystem fs, Path folder, Map<String, byte[]> files) throws IOException {
        if (!fs.mkdirs(folder)) {
            throw new IOException("could not create " + folder);
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            try (OutputStream out = fs.create(new Path(folder, f.getKey()), false)) {
                out.write(f.getValue());
            }
        }
    }

    private static void swap(FileSystem fs, Path staged, Path target, Path aside) throws IOException {
        fs.mkdirs(target.getParent());
        boolean replacing = fs.exists(target);
        if (replacing && !fs.rename(target, aside)) {
            throw new IOException("could not move the previous " + target + " aside to " + aside);
        }
        if (!fs.rename(staged, target)) {
            throw new IOException("could not move " + staged + " to " + target
                    + (replacing ? "; the previous publication is at " + aside : ""));
        }
    }

    /** Whether {@code folder} holds exactly these files with exactly these bytes. */
    private static boolean identical(FileSystem fs, Path folder, Map<String, byte[]> files) throws IOException {
        if (!fs.exists(folder)) {
            return false;
        }
        FileStatus[] present = fs.listStatus(folder);
        TreeSet<String> names = new TreeSet<>();
        for (FileStatus s : present) {
            if (!s.isFile()) {
                return false;
            }
            names.add(s.getPath().getName());
        }
        if (!names.equals(new TreeSet<>(files.keySet()))) {
            return false;
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            try (InputStream in = fs.open(new Path(folder, f.getKey()))) {
                if (!Arrays.equals(in.readAllBytes(), f.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }
}
