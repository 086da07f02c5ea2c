package org.fraudlake.orchestration.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.orchestration.ExitCodes;
import org.fraudlake.orchestration.LakeLock;
import org.junit.jupiter.api.Test;

/**
 * What the drills count as a case that did what it claims: a crash case only a kill that hit the night mid-way,
 * a concurrency case only two runs that met at the lake lock; and the retries when they did not.
 */
class DrillVerdictTest {
    private static final long CHILD = 4242L;
    private static final CrashDrill.Moment LATE = new CrashDrill.Moment("conform", 5_000);

    private static LakeLock.Holder holder(long pid, String stage) {
        Instant t = Instant.parse("2026-11-02T01:00:00Z");
        return new LakeLock.Holder("run-x", "host", pid, "run 2026-11-02", t, t, stage == null ? null : "2026-11-02",
                stage, stage == null ? null : 1, stage == null ? null : t);
    }

    private static CrashDrill.Kill landed(CrashDrill.Moment m) {
        return new CrashDrill.Kill(m, CHILD, CrashDrill.SIGKILL_EXIT, holder(CHILD, "ingest"), false);
    }

    @Test
    void aKillThatCameAfterTheNightFinishedIsNotACrash() {
        CrashDrill.Kill afterTheNight = new CrashDrill.Kill(LATE, CHILD, 0, null, true);
        assertTrue(afterTheNight.missed().contains("ended by itself (exit 0)"), afterTheNight.missed());

        CrashDrill.Kill duringExit = new CrashDrill.Kill(LATE, CHILD, CrashDrill.SIGKILL_EXIT, null, true);
        assertTrue(duringExit.missed().contains("no longer held the lake"), duringExit.missed());

        CrashDrill.Kill afterTheLastStage = new CrashDrill.Kill(LATE, CHILD, CrashDrill.SIGKILL_EXIT,
                holder(CHILD, null), true);
        assertTrue(afterTheLastStage.missed().contains("night complete"), afterTheLastStage.missed());

        CrashDrill.Kill otherHolder = new CrashDrill.Kill(LATE, CHILD, CrashDrill.SIGKILL_EXIT, holder(7L, "ingest"),
                false);
        assertNotNull(otherHolder.missed(), "the lock names another process");

        CrashDrill.Kill midStage = landed(LATE);
        assertNull(midStage.missed());
        assertEquals("during ingest of 2026-11-02 (attempt 1)", midStage.where());
        assertNull(new CrashDrill.Kill(LATE, CHILD, CrashDrill.SIGKILL_EXIT, holder(CHILD, null), false).missed(),
                "killed between two stages of an unfinished night");
    }

    @Test
    void aMissedKillIsTriedAgainEarlierUntilItLands() throws Exception {
        List<CrashDrill.Moment> moments = CrashDrill.moments(LATE, "ingest");
        assertEquals(List.of(LATE, new CrashDrill.Moment("conform", 0), new CrashDrill.Moment("ingest", 0)), moments);
        List<CrashDrill.Moment> tried = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CrashDrill.Landed l = CrashDrill.killMidNight(moments, (n, m) -> {
            tried.add(m);
            return n == 1 ? new CrashDrill.Kill(m, CHILD, 0, null, true) : landed(m);
        }, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(moments.subList(0, 2), tried);
        assertEquals(moments.get(1), l.kill().moment());
        assertEquals(1, l.misses().size());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("try 1 missed"), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCaseWhoseKillNeverLandsHasNoKillAndSaysWhyEachTryMissed() throws Exception {
        List<CrashDrill.Moment> moments = CrashDrill.moments(LATE, "ingest");
        CrashDrill.Landed l = CrashDrill.killMidNight(moments, (n, m) -> new CrashDrill.Kill(m, CHILD, 0, null, true),
                new PrintStream(PrintStream.nullOutputStream()));
        assertNull(l.kill());
        assertEquals(CrashDrill.MAX_TRIES, l.misses().size());
        assertTrue(l.misses().get(2).startsWith("try 3 (SIGKILL 0 ms after stage ingest starts)"), l.misses().get(2));
        assertEquals(1, CrashDrill.moments(new CrashDrill.Moment("ingest", 0), "ingest").size(), "no moment twice");
    }

    private static ConcurrencyDrill.Race race(int codeA, String logA, int codeB, String logB) {
        return new ConcurrencyDrill.Race(new ChildJvm.Exit(codeA, logA), 11L, 900L, new ChildJvm.Exit(codeB, logB), 22L,
                codeB == 0 ? 30_000L : -1L);
    }

    @Test
    void twoRunsThatFinishOneAfterTheOtherNeverContended() {
        List<String> problems = new ArrayList<>();
        String missed = ConcurrencyDrill.contended(race(0, "== run-a\ningest: succeeded", 0,
                "== run-b\ningest 2026-11-02: completed before, skipped"), problems);
        assertNotNull(missed, "both exited 0 without meeting: no proof of contention");
        assertTrue(problems.isEmpty(), problems.toString());

        assertNull(ConcurrencyDrill.contended(race(0, "== run-a", 0, "lake x is locked by run a; waiting up to 900 s\n"
                + "== run-b"), problems), "one waited for the other");
        assertNull(ConcurrencyDrill.contended(race(0, "== run-a", ExitCodes.LOCKED,
                "lake x is locked by run run-a (run, pid 11 on host)"), problems), "one refused naming the other");
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void aRefusalThatDoesNotNameTheHolderOrAnotherExitIsAProblem() {
        List<String> problems = new ArrayList<>();
        assertNull(ConcurrencyDrill.contended(race(0, "== run-a", ExitCodes.LOCKED, "locked by someone"), problems));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("does not name the holder (pid 11)"), problems.get(0));
        assertNull(ConcurrencyDrill.contended(race(1, "boom", 0, "== run-b"), problems));
        assertTrue(problems.get(1).startsWith("expected one run to finish (0)"), problems.get(1));
    }
}
