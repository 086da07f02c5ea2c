package org.fraudlake.orchestration;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.fraudlake.lake.Lake;

/**
 * The lake's zones (docs/security.md). Restricted, owner only (folders 0700, files 0600): what holds raw personal
 * data or secrets: {@code landing/}, {@code bronze/}, {@code quarantine/rows} (raw row text and reasons quoting values),
 * {@code vault/}, {@code ops/console_users.json} (password hashes). Everything else (silver, gold, published, reports,
 * models, outbox, the ledgers, {@code quarantine/row_reasons} and {@code quarantine/deliveries}: where and why,
 * without values) is analyst-readable and keeps the file system's defaults. Permissions go through the
 * Hadoop {@link FileSystem}, so an {@code hdfs://} lake gets them too. Spark and Delta write with the process's
 * umask, so the runner applies the zones when it takes the lake lock and again when it lets it go: a restricted
 * folder is 0700 from the first run on (nobody else can enter it while files are written inside), and every file
 * that a run wrote there is 0600 by the time the run ends.
 */
public final class LakeZones {
    /** Mode of a restricted folder. */
    public static final FsPermission RESTRICTED_DIR = new FsPermission((short) 0700);
    /** Mode of a restricted file. */
    public static final FsPermission RESTRICTED_FILE = new FsPermission((short) 0600);

    private LakeZones() {
    }

    /** The restricted paths of a lake (folders and single files). */
    public static List<String> restricted(Lake lake) {
        return List.of(lake.landing(), lake.root() + "/bronze", lake.quarantineRows(),
                lake.root() + "/vault", lake.consoleUsers());
    }

    /** Sets every restricted path that exists, and all below it, to owner only; returns the entries changed. */
    public static long apply(FileSystem fs, Lake lake) throws IOException {
        long changed = 0;
        for (String p : restricted(lake)) {
            Path path = new Path(p);
            if (fs.exists(path)) {
                changed += restrict(fs, fs.getFileStatus(path));
            }
        }
        return changed;
    }

    private static long restrict(FileSystem fs, FileStatus status) throws IOException {
        FsPermission wanted = status.isDirectory() ? RESTRICTED_DIR : RESTRICTED_FILE;
        long changed = 0;
        if (!status.getPermission().equals(wanted)) {
            fs.setPermission(status.getPath(), wanted);
            changed++;
        }
        if (status.isDirectory()) {
            for (FileStatus child : fs.listStatus(status.getPath())) {
                changed += restrict(fs, child);
            }
        }
        return changed;
    }
}
