package org.fraudlake.pipelines.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.landing.DeliveryWriter;

/** Writes small hand-made deliveries for ingest tests. */
public final class Landing {
    static final Configuration CONF = new Configuration();

    private Landing() {
    }

    /** A one-file delivery whose rows are given as ready CSV lines (each one record). */
    public static DeliveryWriter deliver(Lake lake, String feed, String source, LocalDate date, String file, String header,
                                  String... lines) throws IOException {
        DeliveryWriter w = DeliveryWriter.open(lake, feed, source, date, 1, CONF);
        try (DeliveryWriter.Part p = w.part(file, "\n", header.split(",", -1))) {
            for (String line : lines) {
                p.rawRow(line);
            }
        }
        return w;
    }

    public static void overwrite(DeliveryWriter w, String file, String content) throws IOException {
        Path p = new Path(w.dir(), file);
        FileSystem fs = p.getFileSystem(CONF);
        try (OutputStream out = fs.create(p, true)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
