package org.fraudlake.pipelines.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;
import org.fraudlake.schemas.landing.CsvRecord;

/**
 * A Parquet data file: each row becomes a record of its values as text, so it is validated exactly like
 * CSV. Its "line" is the 1-based row number. The contract's columns are text in Parquet too.
 */
final class ParquetSource implements RecordSource {
    private final ParquetReader<Group> reader;
    private final String sha256;
    private final List<String> header;
    private final String name;
    private final long maxBytes;
    private long row;
    private long bytes;

    ParquetSource(FileSystem fs, Path path, Configuration conf, long maxBytes) throws IOException {
        this.name = path.toString();
        this.maxBytes = maxBytes;
        this.sha256 = hash(fs, path);
        try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            this.header = footer.getFileMetaData().getSchema().getFields().stream().map(Type::getName).toList();
        }
        this.reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build();
    }

    private static String hash(FileSystem fs, Path path) throws IOException {
        try (InputStream in = new DigestInputStream(fs.open(path), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[256 * 1024];
            while (in.read(buf) >= 0) {
                // reading is hashing
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public CsvRecord next() throws IOException {
        Group g = reader.read();
        if (g == null) {
            return null;
        }
        GroupType type = g.getType();
        row++;
        List<String> fields = new ArrayList<>(type.getFieldCount());
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < type.getFieldCount(); i++) {
            String v = g.getFieldRepetitionCount(i) == 0 ? "" : g.getValueToString(i, 0);
            fields.add(v);
            raw.append(i == 0 ? "" : ",").append(type.getFieldName(i)).append('=').append(v);
        }
        bytes += raw.length();
        if (bytes > maxBytes) {
            throw new SizeLimit.Exceeded(name + ": more than " + maxBytes + " characters of values, over the limit of "
                    + "a file and a delivery (ingest.max-file-bytes, ingest.max-delivery-bytes); split the file or "
                    + "raise the limit");
        }
        return new CsvRecord(row, fields, raw.toString(), null);
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public String sha256() {
        return sha256;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
