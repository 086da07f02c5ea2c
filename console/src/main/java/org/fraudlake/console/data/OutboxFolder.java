package org.fraudlake.console.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.fraudlake.lake.Lake;

/**
 * A partner's outbox as the console serves it: the dates under {@code outbox/<partner>/} and the files of one date.
 * Every name is checked against a strict pattern before it becomes a path (a partner id, an ISO date, a plain file
 * name), so no request can leave the partner's folder; a name that fails is treated as absent.
 */
public final class OutboxFolder {
    private static final Pattern PARTNER = Pattern.compile("[A-Z0-9_]{2,40}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,120}");
    private final Lake lake;

    public OutboxFolder(Lake lake) {
        this.lake = lake;
    }

    /** One file: name and size. */
    public record Entry(String name, long bytes) {
    }

    /** Whether a string is a well-formed partner id. */
    public static boolean validPartner(String partner) {
        return partner != null && PARTNER.matcher(partner).matches();
    }

    /** The partners with a folder in the outbox, by name. */
    public List<String> partners() throws IOException {
        List<String> out = new ArrayList<>();
        Path dir = new Path(lake.outbox());
        FileSystem fs = fs(dir);
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isDirectory() && validPartner(s.getPath().getName())) {
                out.add(s.getPath().getName());
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The dates the partner has a folder for, latest first. */
    public List<String> dates(String partner) throws IOException {
        List<String> out = new ArrayList<>();
        if (!validPartner(partner)) {
            return out;
        }
        Path dir = new Path(lake.outbox() + "/" + partner);
        FileSystem fs = fs(dir);
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isDirectory() && DATE.matcher(s.getPath().getName()).matches()) {
                out.add(s.getPath().getName());
            }
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    /** The files of one date's folder, by name. */
    public List<Entry> files(String partner, String date) throws IOException {
        List<Entry> out = new ArrayList<>();
        Optional<Path> dir = folder(partner, date);
        if (dir.isEmpty()) {
            return out;
        }
        FileSystem fs = fs(dir.get());
        if (!fs.exists(dir.get())) {
            return out;
        }
        for (FileStatus s : fs.listStatus(dir.get())) {
            if (s.isFile() && FILE.matcher(s.getPath().getName()).matches()) {
                out.add(new Entry(s.getPath().getName(), s.getLen()));
            }
        }
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }

    /** Opens one file of a date's folder; empty when any name is malformed or the file does not exist. */
    public Optional<InputStream> open(String partner, String date, String file) throws IOException {
        Optional<Path> dir = folder(partner, date);
        if (dir.isEmpty() || file == null || !FILE.matcher(file).matches()) {
            return Optional.empty();
        }
        Path p = new Path(dir.get(), file);
        FileSystem fs = fs(p);
        if (!fs.isFile(p)) {
            return Optional.empty();
        }
        return Optional.of(fs.open(p));
    }

    /** Whether the names are well formed and the file exists. */
    public boolean exists(String partner, String date, String file) throws IOException {
        Optional<Path> dir = folder(partner, date);
        if (dir.isEmpty() || file == null || !FILE.matcher(file).matches()) {
            return false;
        }
        Path p = new Path(dir.get(), file);
        return fs(p).isFile(p);
    }

    /** A file's path relative to the lake root ({@code outbox/<partner>/<date>/<file>}), as the audit names it. */
    public static String lakePath(String partner, String date, String file) {
        return "outbox/" + partner + "/" + date + "/" + file;
    }

    private Optional<Path> folder(String partner, String date) {
        if (!validPartner(partner) || date == null || !DATE.matcher(date).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Path(lake.outbox() + "/" + partner + "/" + date));
    }

    private static FileSystem fs(Path p) throws IOException {
        return FileSystem.get(URI.create(p.toString()), new Configuration());
    }
}
