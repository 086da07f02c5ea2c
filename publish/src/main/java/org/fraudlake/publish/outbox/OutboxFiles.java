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
 * A failed rename puts the previous folder back before anything is deleted: a failed publish leaves the previous
 * publication in place. Staging folders an interrupted run of the same date left behind are cleaned first, a
 * previous folder still parked in one moved back to its place when that place is empty; two runs of one date must
 * not overlap (every command that publishes holds the lake lock).
 */
final class OutboxFiles {
    /** Prefix of the staging folders in {@code outbox/}; never a partner code (codes have no dot). */
    static final String STAGING_PREFIX = ".staging-";
    /** Suffix of a previous folder parked in the staging folder while the new one is renamed into place. */
    static final String REPLACED_SUFFIX = ".replaced";

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
        boolean keepStaging = false;
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
                            new Path(staging, partner + REPLACED_SUFFIX));
                    changed.add(partner);
                } catch (KeptStagingException error) {
                    keepStaging = true;
                    failed.put(partner, error);
                } catch (IOException | RuntimeException error) {
                    failed.put(partner, error);
                }
            }
        } finally {
            if (!keepStaging && fs.exists(staging)) {
                fs.delete(staging, true);
            }
        }
        return changed;
    }

    /**
     * Deletes the staging folders an interrupted earlier run of the same date left behind, first moving a previous
     * publication parked there ({@code <partner>.replaced}) back to {@code outbox/<partner>/<date>} when that is empty.
     */
    private static void removeLeftovers(FileSystem fs, Path outbox, LocalDate date) throws IOException {
        FileStatus[] leftovers = fs.globStatus(new Path(outbox, STAGING_PREFIX + date + "-*"));
        if (leftovers == null) {
            return;
        }
        for (FileStatus s : leftovers) {
            for (FileStatus parked : fs.listStatus(s.getPath())) {
                String name = parked.getPath().getName();
                if (name.endsWith(REPLACED_SUFFIX)) {
                    Path target = new Path(new Path(outbox,
                            name.substring(0, name.length() - REPLACED_SUFFIX.length())), date.toString());
                    if (!fs.exists(target) && !fs.rename(parked.getPath(), target)) {
                        throw new IOException("could not move the previous publication " + parked.getPath()
                                + " back to " + target + "; move it there by hand, then publish again");
                    }
                }
            }
            fs.delete(s.getPath(), true);
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
        boolean moved;
        try {
            moved = fs.rename(staged, target);
        } catch (IOException e) {
            restore(fs, replacing, aside, target, e);
            throw e;
        }
        if (!moved) {
            IOException failed = new IOException("could not move " + staged + " to " + target
                    + (replacing ? "; the previous publication is back in place" : ""));
            restore(fs, replacing, aside, target, failed);
            throw failed;
        }
    }

    /**
     * Puts the previous publication back at {@code target} after the new one could not be renamed there; when even
     * that fails the error says where it is, and the staging folder holding it is kept (the next publish of the date
     * moves it back).
     */
    private static void restore(FileSystem fs, boolean replacing, Path aside, Path target, IOException failure)
            throws IOException {
        if (!replacing || fs.exists(target)) {
            return;
        }
        if (!fs.rename(aside, target)) {
            throw new KeptStagingException("could not move " + aside + " back to " + target + " after: "
                    + failure.getMessage() + "; the previous publication is at " + aside
                    + "; `fraudlake outbox publish --date` of that date moves it back", failure);
        }
    }

    /** The previous publication could not be put back; its staging folder must be kept. */
    static final class KeptStagingException extends IOException {
        private static final long serialVersionUID = 1L;

        KeptStagingException(String message, Throwable cause) {
            super(message, cause);
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
