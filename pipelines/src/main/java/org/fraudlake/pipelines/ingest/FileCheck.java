package org.fraudlake.pipelines.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;
import org.fraudlake.core.spark.SerializableConf;

/**
 * The checksum of one data file as stored, taken before anything of it is parsed: ingest compares it with the
 * manifest and rejects a delivery whose files disagree without decompressing or parsing a byte of them.
 *
 * @param deliveryId the delivery
 * @param name       the file's name in the manifest
 * @param sha256     hex sha256 of the stored bytes, or {@code null} when the file could not be read
 * @param bytes      stored bytes read
 * @param error      why the file could not be read, or {@code null}
 */
record FileCheck(String deliveryId, String name, String sha256, long bytes, String error) implements Serializable {

    /** Streams each file once through sha256 on an executor; a file that cannot be read gives an error. */
    static final class Hasher implements Function<FileTask, FileCheck> {
        private static final long serialVersionUID = 1L;
        private static final int BUFFER = 256 * 1024;
        private final SerializableConf conf;

        Hasher(SerializableConf conf) {
            this.conf = conf;
        }

        @Override
        public FileCheck call(FileTask task) {
            Path path = new Path(task.path());
            long bytes = 0;
            try {
                FileSystem fs = path.getFileSystem(conf.get());
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (InputStream in = new DigestInputStream(fs.open(path), md)) {
                    byte[] buf = new byte[BUFFER];
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        bytes += n;
                    }
                }
                return new FileCheck(task.deliveryId(), task.name(), HexFormat.of().formatHex(md.digest()), bytes, null);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JDK has no SHA-256", e);
            } catch (IOException | RuntimeException e) {
                return new FileCheck(task.deliveryId(), task.name(), null, bytes, task.name() + ": cannot be read after "
                        + bytes + " bytes: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
    }
}
