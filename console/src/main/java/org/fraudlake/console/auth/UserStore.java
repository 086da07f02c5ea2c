package org.fraudlake.console.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The console's users, kept in one small JSON file (by default the lake's {@code ops/console_users.json}) through
 * Hadoop's file system, so it works on a local lake and on {@code hdfs://}. Passwords are stored only as salted
 * PBKDF2 hashes ({@link PasswordHasher}); a write replaces the file through a temporary file and a rename.
 */
public final class UserStore {
    /** The file holds password hashes: the owner alone reads it (restricted zone, docs/security.md). */
    private static final org.apache.hadoop.fs.permission.FsPermission OWNER_ONLY =
            new org.apache.hadoop.fs.permission.FsPermission((short) 0600);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String file;
    private final PasswordHasher hasher;

    public UserStore(String file, PasswordHasher hasher) {
        this.file = file;
        this.hasher = hasher;
    }

    /** Where the users live. */
    public String file() {
        return file;
    }

    /** Every user, by name. */
    public synchronized List<ConsoleUser> list() throws IOException {
        List<ConsoleUser> out = new ArrayList<>(read().values());
        out.sort(Comparator.comparing(ConsoleUser::name));
        return out;
    }

    public synchronized Optional<ConsoleUser> find(String name) throws IOException {
        return Optional.ofNullable(read().get(name));
    }

    /**
     * Adds a user, or replaces its role, partner and password when it exists (so a forgotten password is reset by
     * adding the user again). Returns the stored user.
     */
    public synchronized ConsoleUser add(String name, Role role, String partner, char[] password) throws IOException {
        ConsoleUser user = new ConsoleUser(name, role, partner, hasher.hash(password), Instant.now());
        Map<String, ConsoleUser> all = read();
        all.put(name, user);
        write(all);
        return user;
    }

    /** The user when the name exists and the password matches its hash. */
    public Optional<ConsoleUser> authenticate(String name, char[] password) throws IOException {
        Optional<ConsoleUser> user = name == null ? Optional.empty() : find(name);
        if (user.isEmpty()) {
            PasswordHasher.verify(password, DUMMY);
            return Optional.empty();
        }
        return PasswordHasher.verify(password, user.get().passwordHash()) ? user : Optional.empty();
    }

    /** A hash checked for unknown names, so a wrong name costs as long as a wrong password. */
    private static final String DUMMY = "pbkdf2-sha256$" + PasswordHasher.DEFAULT_ITERATIONS
            + "$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private FileSystem fs() throws IOException {
        return FileSystem.get(URI.create(file), new Configuration());
    }

    private Map<String, ConsoleUser> read() throws IOException {
        Path path = new Path(file);
        FileSystem fs = fs();
        Map<String, ConsoleUser> out = new LinkedHashMap<>();
        if (!fs.exists(path)) {
            return out;
        }
        List<Map<String, String>> rows;
        try (InputStream in = fs.open(path)) {
            rows = JSON.readValue(in, new TypeReference<>() { });
        } catch (IOException e) {
            throw new IOException("cannot read console users from " + file + ": " + e.getMessage()
                    + "; fix or remove the file and add the users again with `fraudlake users add`", e);
        }
        for (Map<String, String> r : rows) {
            out.put(r.get("name"), new ConsoleUser(r.get("name"), Role.parse(r.get("role")), r.get("partner"),
                    r.get("password_hash"), Instant.parse(r.get("created"))));
        }
        return out;
    }

    private void write(Map<String, ConsoleUser> users) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (ConsoleUser u : users.values()) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("name", u.name());
            r.put("role", u.role().code());
            r.put("partner", u.partner());
            r.put("password_hash", u.passwordHash());
            r.put("created", u.created().toString());
            rows.add(r);
        }
        Path path = new Path(file);
        Path tmp = new Path(file + ".tmp");
        FileSystem fs = fs();
        fs.mkdirs(path.getParent());
        try (OutputStream out = fs.create(tmp, OWNER_ONLY, true, 4096, fs.getDefaultReplication(tmp),
                fs.getDefaultBlockSize(tmp), null)) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out, rows);
        }
        fs.delete(path, false);
        if (!fs.rename(tmp, path)) {
            throw new IOException("cannot move " + tmp + " to " + path);
        }
    }
}
