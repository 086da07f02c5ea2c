package org.fraudlake.pipelines.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
 * every file it names is a plain file of the folder. Runs on the driver; lists folders and reads manifests only
 * (at most {@link IngestSettings#maxManifestBytes()} each).
 */
public final class LandingScanner {
    private static final Logger LOG = LoggerFactory.getLogger(LandingScanner.class);
    private final Lake lake;
    private final FileSystem fs;
    private final IngestSettings settings;

    public LandingScanner(Lake lake, Configuration conf) throws IOException {
        this(lake, conf, IngestSettings.DEFAULTS);
    }

    public LandingScanner(Lake lake, Configuration conf, IngestSettings settings) throws IOException {
        this.lake = lake;
        this.settings = settings;
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
        Map<String, FileStatus> listing = new TreeMap<>();
        for (FileStatus s : fs.listStatus(dir)) {
            listing.put(s.getPath().getName(), s);
        }
        Delivery bare = new Delivery(feed, source, date, dir.toString(), null, null, null, state(listing));
        if (!source.matches(Feeds.SOURCE_PATTERN)) {
            return bare.reject(Problem.MANIFEST_MISMATCH,
                    dir + ": source code '" + source + "' does not match " + Feeds.SOURCE_PATTERN);
        }
        FileStatus manifestStatus = listing.get(Manifest.FILE_NAME);
        if (manifestStatus == null) {
            return bare.reject(Problem.NO_MANIFEST, dir + ": no " + Manifest.FILE_NAME + " yet; the delivery waits");
        }
        if (!manifestStatus.isFile()) {
            return bare.reject(Problem.BAD_MANIFEST, manifestPath + ": is a directory, not a JSON file");
        }
        if (manifestStatus.getLen() > settings.maxManifestBytes()) {
            return bare.reject(Problem.BAD_MANIFEST, manifestPath + ": " + manifestStatus.getLen()
                    + " bytes, more than the " + settings.maxManifestBytes() + " a manifest may have "
                    + "(ingest.max-manifest-bytes)");
        }
        Manifest manifest;
        try (InputStream in = fs.open(manifestPath)) {
            manifest = Manifest.parse(in.readNBytes(settings.maxManifestBytes()));
        } catch (IOException e) {
            return bare.reject(Problem.BAD_MANIFEST, manifestPath + ": not a valid manifest: " + e.getMessage());
        }
        Delivery d = new Delivery(feed, source, date, dir.toString(), manifest, null, null, bare.state());
        String mismatch = mismatch(d, manifest);
        if (mismatch != null) {
            return d.reject(Problem.MANIFEST_MISMATCH, manifestPath + ": " + mismatch);
        }
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < manifest.files().size(); i++) {
            Manifest.FileEntry f = manifest.files().get(i);
            String nameProblem = nameProblem(dir, f.name());
            if (nameProblem != null) {
                return d.reject(Problem.BAD_MANIFEST, manifestPath + ": files[" + i + "] " + nameProblem);
            }
            if (!listed.add(f.name())) {
                return d.reject(Problem.BAD_MANIFEST, manifestPath + ": lists " + f.name()
                        + " twice; each file must be listed once");
            }
            FileStatus file = listing.get(f.name());
            if (file == null) {
                return d.reject(Problem.MISSING_FILE, manifestPath + ": names " + f.name() + ", which is not in "
                        + dir);
            }
            if (!file.isFile()) {
                return d.reject(Problem.UNREADABLE_FILE, manifestPath + ": names " + f.name() + ", which is a "
                        + "directory in " + dir + ", not a data file");
            }
            String valuesProblem = valuesProblem(f);
            if (valuesProblem != null) {
                return d.reject(Problem.BAD_MANIFEST, manifestPath + ": files[" + i + "] (" + f.name() + ") "
                        + valuesProblem);
            }
        }
        return d;
    }

    /**
     * Why a manifest's file name cannot be taken, or {@code null}: it must be a plain file name of this folder (not
     * empty, no path separator, colon or control character, not {@code .}, {@code ..} or the manifest).
     */
    static String nameProblem(Path dir, String name) {
        if (name == null || name.isEmpty()) {
            return "has no \"name\"";
        }
        String shown = "name '" + printable(name) + "'";
        if (name.equals(".") || name.equals("..") || name.equals(Manifest.FILE_NAME)
                || name.chars().anyMatch(c -> c == '/' || c == '\\' || c == ':' || Character.isISOControl(c))) {
            return shown + " is not a plain file name of the delivery folder (no path, '..', ':' or control "
                    + "characters, not the manifest)";
        }
        try {
            Path p = new Path(dir, name);
            if (!name.equals(new Path(p.toString()).getName()) || !dir.equals(p.getParent())) {
                return shown + " does not name a file directly in " + dir;
            }
        } catch (IllegalArgumentException e) {
            return shown + " is not a valid file name: " + e.getMessage();
        }
        return null;
    }

    /** Why a file entry's rows or sha256 cannot be taken, or {@code null}: a count of 0 or more, 64 hex digits. */
    static String valuesProblem(Manifest.FileEntry f) {
        if (f.rows() == null || f.rows() < 0) {
            return "needs \"rows\", a count of 0 or more, got " + f.rows();
        }
        if (f.sha256() == null || !f.sha256().matches("[0-9a-fA-F]{64}")) {
            return "needs \"sha256\", 64 hex digits, got " + (f.sha256() == null ? "none"
                    : "'" + printable(f.sha256()) + "'");
        }
        return null;
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder b = new StringBuilder();
        cut.codePoints().forEach(c -> b.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return b.toString();
    }

    /** sha256 over the folder listing: each entry's name, size, modification time and whether it is a folder. */
    private static String state(Map<String, FileStatus> listing) {
        StringBuilder b = new StringBuilder();
        listing.forEach((name, s) -> b.append(name).append('|').append(s.getLen()).append('|')
                .append(s.getModificationTime()).append('|').append(s.isDirectory()).append('\n'));
        return Delivery.sha256(b.toString());
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
