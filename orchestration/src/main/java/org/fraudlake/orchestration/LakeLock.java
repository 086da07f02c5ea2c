package org.fraudlake.orchestration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.fraudlake.lake.Lake;

/**
 * One writer per lake. On a local lake the lock is an OS file lock on {@code ops/_lock} (released by the
 * OS when the holder dies, so a dead holder's lock is found stale at once). On a remote lake ({@code hdfs://},
 * {@code s3a://}) it is a file created exclusively, refreshed by a heartbeat; a holder on this host whose
 * process is gone, or any holder whose heartbeat is older than {@code staleAfter}, is stale and its lock is
 * taken over. Either way the file names the holder (run, host, pid, command, since), so a refused run can
 * say who holds the lake.
 */
public final class LakeLock implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final int HOLDER_WRITE_TRIES = 40;
    private static final long HOLDER_WRITE_PAUSE_MS = 25;
    /**
     * Locks this JVM holds, by path: a second channel on a locked file must not even be opened here, since on
     * POSIX systems closing it would drop the first channel's lock.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Holder> HELD_HERE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Who holds the lock, and what it is doing: the date, stage and attempt it runs (null between stages),
     * so a run that finds its predecessor dead can record the attempt it never finished.
     */
    public record Holder(String runId, String host, long pid, String command, Instant since, Instant heartbeat,
                         String date, String stage, Integer attempt, Instant stageStarted) {
        static Holder current(String runId, String command) {
            return new Holder(runId, hostName(), ProcessHandle.current().pid(), command, Instant.now(), Instant.now(),
                    null, null, null, null);
        }

        Holder doing(String date, String stage, Integer attempt) {
            return new Holder(runId, host, pid, command, since, Instant.now(), date, stage, attempt,
                    stage == null ? null : Instant.now());
        }

        Holder beat() {
            return new Holder(runId, host, pid, command, since, Instant.now(), date, stage, attempt, stageStarted);
        }

        String json() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("run_id", runId);
            m.put("host", host);
            m.put("pid", pid);
            m.put("command", command);
            m.put("since", since.toString());
            m.put("heartbeat", heartbeat.toString());
            m.put("date", date);
            m.put("stage", stage);
            m.put("attempt", attempt);
            m.put("stage_started", stageStarted == null ? null : stageStarted.toString());
            try {
                return JSON.writeValueAsString(m);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Holder parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                Map<?, ?> m = JSON.readValue(text, Map.class);
                Object started = m.get("stage_started");
                return new Holder(String.valueOf(m.get("run_id")), String.valueOf(m.get("host")),
                        ((Number) m.get("pid")).longValue(), String.valueOf(m.get("command")),
                        Instant.parse(String.valueOf(m.get("since"))), Instant.parse(String.valueOf(m.get("heartbeat"))),
                        (String) m.get("date"), (String) m.get("stage"),
                        m.get("attempt") == null ? null : ((Number) m.get("attempt")).intValue(),
                        started == null ? null : Instant.parse(started.toString()));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** Whether the holder is on this host and its process is gone. */
        boolean deadOnThisHost() {
            return host.equals(hostName()) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }

        @Override
        public String toString() {
            return "run " + runId + " (" + command + ", pid " + pid + " on " + host + ", since " + since
                    + (stage == null ? "" : ", now " + stage + " of " + date) + ")";
        }
    }

    /** The lake is held by another run and waiting did not help. */
    public static final class LockedException extends IllegalStateException {
        private final transient Holder holder;

        LockedException(String message, Holder holder) {
            super(message);
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    private final String lockPath;
    private volatile Holder holder;
    private final Holder deadPredecessor;
    private final FileChannel channel;
    private final FileLock osLock;
    private final FileSystem fs;
    private final ScheduledExecutorService heartbeat;

    private LakeLock(String lockPath, Holder holder, Holder deadPredecessor, FileChannel channel, FileLock osLock,
                     FileSystem fs, ScheduledExecutorService heartbeat) {
        this.lockPath = lockPath;
        this.holder = holder;
        this.deadPredecessor = deadPredecessor;
        this.channel = channel;
        this.osLock = osLock;
        this.fs = fs;
        this.heartbeat = heartbeat;
    }

    /**
     * Takes the lake's lock for a run, waiting up to {@code wait} (zero: refuse at once) while another live
     * run holds it; {@code progress} hears about waiting and stale locks taken over.
     */
    public static LakeLock acquire(Lake lake, Configuration hadoop, String runId, String command, Duration wait,
                                   Duration staleAfter, java.util.function.Consumer<String> progress) throws IOException {
        String lockPath = lake.lock();
        Instant deadline = Instant.now().plus(wait);
        boolean announced = false;
        while (true) {
            Holder me = Holder.current(runId, command);
            Attempt a = isLocal(lockPath) ? tryLocal(lockPath, me, progress) : tryRemote(lockPath, hadoop, me, staleAfter,
                    progress);
            if (a.lock != null) {
                return a.lock;
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new LockedException("lake " + lake.root() + " is locked by " + a.holder
                        + (wait.isZero() ? "; wait for it with --wait-lock (e.g. --wait-lock 30m) or stop that run"
                        : "; waited " + wait.toSeconds() + " s"), a.holder);
            }
            if (!announced) {
                progress.accept("lake " + lake.root() + " is locked by " + a.holder + "; waiting up to "
                        + wait.toSeconds() + " s");
                announced = true;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the lake lock", e);
            }
        }
    }

    private record Attempt(LakeLock lock, Holder holder) {
    }

    private static boolean isLocal(String path) {
        String scheme = URI.create(path.replace(" ", "%20")).getScheme();
        return scheme == null || scheme.equals("file") || scheme.length() == 1;
    }

    private static java.nio.file.Path localPath(String path) {
        return path.startsWith("file:") ? java.nio.file.Path.of(URI.create(path)) : java.nio.file.Path.of(path);
    }

    private static Attempt tryLocal(String path, Holder me, java.util.function.Consumer<String> progress)
            throws IOException {
        java.nio.file.Path file = localPath(path);
        String key = file.toAbsolutePath().normalize().toString();
        Holder inThisJvm = HELD_HERE.putIfAbsent(key, me);
        if (inThisJvm != null) {
            return new Attempt(null, inThisJvm);
        }
        try {
            return lockLocal(file, key, me, progress);
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(key, me);
            throw e;
        }
    }

    private static Attempt lockLocal(java.nio.file.Path file, String key, Holder me,
                                     java.util.function.Consumer<String> progress) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        Holder previous = Holder.parse(read(ch));
        if (lock == null) {
            previous = previous != null ? previous : holderOnceWritten(ch);
            ch.close();
            HELD_HERE.remove(key, me);
            return new Attempt(null, previous);
        }
        Holder dead = previous != null && previous.pid() != me.pid() ? previous : null;
        if (dead != null) {
            progress.accept("lake lock: " + previous + " ended without releasing the lock (process gone); taking over");
        }
        write(ch, me.json());
        return new Attempt(new LakeLock(file.toString(), me, dead, ch, lock, null, null), me);
    }

    /**
     * The holder a lock file names, read again until it does: a holder writes its name just after it takes the OS
     * lock, so a run refused in between would otherwise say "locked by null". Gives up (null) after a second.
     */
    private static Holder holderOnceWritten(FileChannel ch) throws IOException {
        for (int i = 0; i < HOLDER_WRITE_TRIES; i++) {
            try {
                Thread.sleep(HOLDER_WRITE_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            Holder h = Holder.parse(read(ch));
            if (h != null) {
                return h;
            }
        }
        return null;
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 64 * 1024));
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    private static void write(FileChannel ch, String text) throws IOException {
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(true);
    }

    private static Attempt tryRemote(String path, Configuration hadoop, Holder me, Duration staleAfter,
                                     java.util.function.Consumer<String> progress) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(hadoop);
        Holder dead = null;
        if (fs.exists(p)) {
            String text = readRemote(fs, p);
            Holder h = Holder.parse(text);
            boolean stale = h == null || h.deadOnThisHost()
                    || h.heartbeat().isBefore(Instant.now().minus(staleAfter));
            if (!stale) {
                return new Attempt(null, h);
            }
            // Take over only the lock that was judged stale: a fresh holder's file reads differently.
            if (!text.equals(readRemote(fs, p))) {
                return new Attempt(null, Holder.parse(readRemote(fs, p)));
            }
            progress.accept("lake lock: " + (h == null ? "an unreadable lock" : h.toString())
                    + " is stale (process gone or no heartbeat for " + staleAfter.toSeconds() + " s); taking over");
            fs.delete(p, false);
            dead = h;
        }
        try (FSDataOutputStream out = fs.create(p, false)) {
            out.write(me.json().getBytes(StandardCharsets.UTF_8));
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return new Attempt(null, Holder.parse(readRemote(fs, p)));
        }
        ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lake-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, staleAfter.toSeconds() / 4);
        LakeLock taken = new LakeLock(path, me, dead, null, null, fs, beat);
        beat.scheduleAtFixedRate(() -> {
            try {
                taken.publish(taken.holder.beat());
            } catch (IOException e) {
                progress.accept("lake lock: heartbeat failed: " + e.getMessage());
            }
        }, every, every, TimeUnit.SECONDS);
        return new Attempt(taken, me);
    }

    private static String readRemote(FileSystem fs, Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException e) {
            return "";
        }
    }

    public Holder holder() {
        return holder;
    }

    /** The holder whose process died holding the lake (found stale when this lock was taken), if any. */
    public java.util.Optional<Holder> deadPredecessor() {
        return java.util.Optional.ofNullable(deadPredecessor);
    }

    /** Records in the lock what the holder is doing now (null stage: between stages). */
    public void doing(String date, String stage, Integer attempt) throws IOException {
        publish(holder.doing(date, stage, attempt));
    }

    private synchronized void publish(Holder h) throws IOException {
        holder = h;
        if (channel != null) {
            write(channel, h.json());
            HELD_HERE.put(localPath(lockPath).toAbsolutePath().normalize().toString(), h);
        } else {
            try (FSDataOutputStream out = fs.create(new Path(lockPath), true)) {
                out.write(h.json().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Who holds the lake's lock now, if anyone (for {@code fraudlake runs}). */
    public static Holder current(Lake lake, Configuration hadoop) throws IOException {
        String path = lake.lock();
        if (isLocal(path)) {
            java.nio.file.Path file = localPath(path);
            Holder inThisJvm = HELD_HERE.get(file.toAbsolutePath().normalize().toString());
            if (inThisJvm != null) {
                return inThisJvm;
            }
            if (!Files.exists(file)) {
                return null;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock probe;
                try {
                    probe = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    return Holder.parse(read(ch));
                }
                if (probe == null) {
                    return Holder.parse(read(ch));
                }
                probe.release();
                return null;
            }
        }
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(hadoop);
        return fs.exists(p) ? Holder.parse(readRemote(fs, p)) : null;
    }

    /**
     * The holder the lock file names, whether or not it still holds the lake (null when the file is absent,
     * empty or unreadable): after a run died, what it was doing when it died. Reads the file only; takes no lock.
     */
    public static Holder named(Lake lake, Configuration hadoop) throws IOException {
        String path = lake.lock();
        if (isLocal(path)) {
            java.nio.file.Path file = localPath(path);
            return Files.exists(file) ? Holder.parse(Files.readString(file, StandardCharsets.UTF_8)) : null;
        }
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(hadoop);
        return fs.exists(p) ? Holder.parse(readRemote(fs, p)) : null;
    }

    @Override
    public synchronized void close() throws IOException {
        if (osLock != null) {
            write(channel, "");
            osLock.release();
            channel.close();
            HELD_HERE.remove(localPath(lockPath).toAbsolutePath().normalize().toString());
        } else {
            heartbeat.shutdownNow();
            fs.delete(new Path(lockPath), false);
        }
    }

    /** This machine's host name, as locks and the run ledger record it. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** For messages about the lock outside this class. */
    public static String describe(Holder h) {
        return h == null ? "nobody" : h.toString();
    }
}
