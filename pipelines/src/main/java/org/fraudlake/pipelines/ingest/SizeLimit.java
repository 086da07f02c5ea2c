package org.fraudlake.pipelines.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes a data file yields once decompressed and stops reading it, with {@link Exceeded}, past the
 * byte budget or, for a gzip file, past the compression ratio (decompressed bytes per stored byte read so far).
 * Decompression never runs further than the budget, so a gzip bomb costs bounded time, memory and disk.
 */
final class SizeLimit extends FilterInputStream {
    private final String file;
    private final long maxBytes;
    private final int maxRatio;
    private final Counter stored;
    private long count;

    /** Thrown when a file goes over a limit; its message names the file, the limit and the setting. */
    static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message);
        }
    }

    /** Counts the stored bytes read, for the ratio. */
    static final class Counter extends FilterInputStream {
        private long count;

        Counter(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }

    /** {@code stored}: the counter under the decompressor, or {@code null} when the file is not compressed. */
    SizeLimit(InputStream decompressed, String file, long maxBytes, int maxRatio, Counter stored) {
        super(decompressed);
        this.file = file;
        this.maxBytes = maxBytes;
        this.maxRatio = maxRatio;
        this.stored = stored;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, (int) Math.min(len, Math.max(1, maxBytes - count + 1)));
        if (n > 0) {
            add(n);
        }
        return n;
    }

    private void add(int n) throws Exceeded {
        count += n;
        if (count > maxBytes) {
            throw new Exceeded(file + ": more than " + maxBytes + " bytes once decompressed, over the limit of a "
                    + "file and a delivery (ingest.max-file-bytes, ingest.max-delivery-bytes); split the file or "
                    + "raise the limit");
        }
        if (stored != null && count > IngestSettings.RATIO_CHECKED_AFTER_BYTES
                && count > (double) maxRatio * Math.max(1, stored.count())) {
            throw new Exceeded(file + ": " + count + " bytes decompressed from " + stored.count()
                    + " stored bytes, a ratio over " + maxRatio + " (ingest.max-compression-ratio): refused as a "
                    + "likely gzip bomb");
        }
    }

    /** Decompressed bytes read so far. */
    long count() {
        return count;
    }
}
