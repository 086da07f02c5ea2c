package org.fraudlake.publish.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Writes a report file through the Hadoop file system API (a local path, {@code hdfs://}, {@code s3a://}): the
 * text goes to a hidden temporary file in the same folder, which is then renamed over the target, so a reader
 * sees the old file or the new one, never half of one (on stores where rename is atomic: local, HDFS). Local
 * files are written without {@code .crc} side files.
 */
final class ReportFiles {
    private final Configuration conf;

    ReportFiles(Configuration conf) {
        this.conf = conf;
    }

    /** Writes {@code text} (UTF-8) to {@code dir/name}, replacing it; returns the written path. */
    String writeAtomically(String dir, String name, String text) throws IOException {
        Path folder = new Path(dir);
        FileSystem fs = folder.getFileSystem(conf);
        FileSystem raw = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
        Path target = new Path(folder, name);
        Path temp = new Path(folder, "." + name + ".tmp");
        if (!raw.mkdirs(folder)) {
            throw new IOException("could not create the report folder " + folder);
        }
        try (OutputStream out = raw.create(temp, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        FileContext.getFileContext(target.toUri(), conf).rename(temp, target, Options.Rename.OVERWRITE);
        return target.toString();
    }
}
