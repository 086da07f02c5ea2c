package org.fraudlake.pipelines.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.Problem;
import org.fraudlake.schemas.landing.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds delivery folders under {@code landing/<feed>/<source>/<date>/} and checks what can be checked
 * without reading data: the manifest is there and parses, names this folder's feed, source and date, and
 * every file it names exists. Runs on the driver; lists folders and reads manifests only.
 */
public final class LandingScanner {
    private static final Logger LOG = LoggerFactory.getLogger(LandingScanner.class);
    private final Lake lake;
    private final FileSystem fs;

    public LandingScanner(Lake lake, Configuration conf) throws IOException {
        this.lake = lake;
        Path root = new Path(lake.landing());
        this.fs = root.getFileSystem(conf);
    }

    /** Business dates that have at least one delivery folder, in order. */
    public List<LocalDate> dates() throws IOException {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (FileStatus feedDir : list(new Path(lake.landing()))) {
            for (FileStatus sourceDir : list(feedDir.getPath())) {
                for (FileStatus dateDir : list(sourceDir.getPath())) {
                    parseDate(dateDir.getPath().getName()).ifPresent(dates::add);
                }
            }
        }
        return List.copyOf(dates);
    }

    /** Every delivery folder for a business date, feeds in contract order, sources sorted. */
    public List<Delivery> scan(LocalDate date) throws IOException {
        List<Delivery> found = new ArrayList<>();
        for (FileStatus feedDir : list(new Path(lake.landing()))) {
            String feedName = feedDir.getPath().getName();
            Optional<FeedSchema> feed = Feeds.find(feedName);
            if (feed.isEmpty()) {
                LOG.warn("landing folder {} is not a feed of the contract; ignored (valid: {})",
                        feedDir.getPath(), Feeds.names());
                continue;
            }
            for (FileStatus sourceDir : list(feedDir.getPath())) {
                Path dir = new Path(sourceDir.getPath(), date.toString());
                if (fs.isDirectory(dir)) {
                    found.add(inspect(feed.get(), sourceDir.getPath().getName(), date, dir));
                }
            }
        }
        found.sort(Comparator.comparing((Delivery d) -> Feeds.ALL.indexOf(d.feed())).thenComparing(Delivery::source));
        return found;
    }

    private Delivery inspect(FeedSchema feed, String source, LocalDate date, Path dir) throws IOException {
        Path manifestPath = new Path(dir, Manifest.FILE_NAME);
        Delivery bare = new Delivery(feed, source, date, dir.toString(), null, null, null);
        if (!source.matches(Feeds.SOURCE_PATTERN)) {
            return bare.reject(Problem.MANIFEST_MISMATCH,
                    dir + ": source code '" + source + "' does not match " + Feeds.SOURCE_PATTERN);
        }
        if (!fs.exists(manifestPath)) {
            return bare.reject(Problem.NO_MANIFEST, dir + ": no " + Manifest.FILE_NAME + " yet; the delivery waits");
        }
        Manifest manifest;
        try (InputStream in = fs.open(manifestPath)) {
            manifest = Manifest.parse(in.readAllBytes());
        } catch (IOException e) {
            return bare.reject(Problem.BAD_MANIFEST, manifestPath + ": not a valid manifest: " + e.getMessage());
        }
        Delivery d = new Delivery(feed, source, date, dir.toString(), manifest, null, null);
        String mismatch = mismatch(d, manifest);
        if (mismatch != null) {
            return d.reject(Problem.MANIFEST_MISMATCH, manifestPath + ": " + mismatch);
        }
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (Manifest.FileEntry f : manifest.files()) {
            if (f.name() == null || f.name().contains("/") || f.rows() == null || f.sha256() == null) {
                return d.reject(Problem.BAD_MANIFEST, manifestPath + ": file entry " + f
                        + " needs a plain name, rows and sha256");
            }
            if (!listed.add(f.name())) {
                return d.reject(Problem.BAD_MANIFEST, manifestPath + ": lists " + f.name()
                        + " twice; each file must be listed once");
            }
            if (!fs.exists(new Path(dir, f.name()))) {
                return d.reject(Problem.MISSING_FILE, manifestPath + ": names " + f.name() + ", which is not in "
                        + dir);
            }
        }
        return d;
    }

    private static String mismatch(Delivery d, Manifest m) {
        if (m.files() == null) {
            return "no \"files\" list";
        }
        if (!d.feed().name().equals(m.feed())) {
            return "feed '" + m.feed() + "' but the folder is " + d.feed().name();
        }
        if (!d.source().equals(m.source())) {
            return "source '" + m.source() + "' but the folder is " + d.source();
        }
        if (!d.date().toString().equals(m.businessDate())) {
            return "business_date '" + m.businessDate() + "' but the folder is " + d.date();
        }
        if (m.schemaVersion() != null && m.schemaVersion() > d.feed().schemaVersion()) {
            return "schema_version " + m.schemaVersion() + " is newer than supported " + d.feed().schemaVersion();
        }
        return null;
    }

    private List<FileStatus> list(Path dir) throws IOException {
        if (!fs.exists(dir)) {
            return List.of();
        }
        FileStatus[] children = fs.listStatus(dir);
        return Arrays.stream(children).filter(FileStatus::isDirectory)
                .sorted(Comparator.comparing(s -> s.getPath().getName())).toList();
    }

    private static Optional<LocalDate> parseDate(String name) {
        try {
            return Optional.of(LocalDate.parse(name));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
