package org.fraudlake.bench;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.fraudlake.lake.Lake;

/**
 * The files of a lake (path to size) at one moment, through Hadoop's file system so any lake root works.
 * Leaves out the landing zone and truth (inputs), the run ledger and lock (the runner's bookkeeping) and
 * checksum files. Lists the whole lake, directory by directory with plain {@code listStatus}: a recursive
 * {@code listFiles} builds a located status per file, which on the local file system forks a process to read
 * each file's permissions (6–9 s for a thousand files, against 0.05 s), time the bench would show as the
 * runner's bookkeeping.
 */
final class LakeFiles {
    /** What changed between two listings: new or rewritten data files, their bytes, new Delta commits. */
    record Written(long files, long bytes, long commits) {
        static final Written NONE = new Written(0, 0, 0);

        Written plus(Written o) {
            return new Written(files + o.files, bytes + o.bytes, commits + o.commits);
        }
    }

    private final Lake lake;
    private final Configuration conf;

    LakeFiles(Lake lake, Configuration conf) {
        this.lake = lake;
        this.conf = conf;
    }

    Map<String, Long> list() throws IOException {
        Path root = new Path(lake.root());
        FileSystem fs = root.getFileSystem(conf);
        Map<String, Long> files = new HashMap<>();
        if (!fs.exists(root)) {
            return files;
        }
        String[] skipped = {strip(lake.landing()), strip(lake.truth()), strip(lake.runs()), strip(lake.lock())};
        Deque<Path> folders = new ArrayDeque<>(List.of(root));
        while (!folders.isEmpty()) {
            for (FileStatus f : fs.listStatus(folders.poll())) {
                String path = f.getPath().toUri().getPath();
                if (startsWithAny(path, skipped)) {
                    continue;
                }
                if (f.isDirectory()) {
                    folders.add(f.getPath());
                } else if (!f.getPath().getName().endsWith(".crc")) {
                    files.put(path, f.getLen());
                }
            }
        }
        return files;
    }

    static Written diff(Map<String, Long> before, Map<String, Long> after) {
        long files = 0;
        long bytes = 0;
        long commits = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            Long old = before.get(e.getKey());
            if (old != null && old.equals(e.getValue())) {
                continue;
            }
            if (e.getKey().contains("/_delta_log/")) {
                if (e.getKey().endsWith(".json")) {
                    commits++;
                }
            } else {
                files++;
                bytes += e.getValue();
            }
        }
        return new Written(files, bytes, commits);
    }

    private static String strip(String p) {
        return new Path(p).toUri().getPath();
    }

    private static boolean startsWithAny(String path, String[] prefixes) {
        for (String p : prefixes) {
            if (path.equals(p) || path.startsWith(p + "/")) {
                return true;
            }
        }
        return false;
    }
}
