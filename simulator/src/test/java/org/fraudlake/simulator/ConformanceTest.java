package org.fraudlake.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fraudlake.schemas.Feeds.BankTransactions;
import org.fraudlake.schemas.Feeds.CallRecords;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.Values;
import org.fraudlake.simulator.model.Parties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean city: every delivery and every row follows the contract, and the money and calls add up. The house
 * styles alone ({@link SimulationConfig.Freedoms#NONE}); {@link FreedomsTest} checks a city that also uses the
 * contract's other freedoms.
 */
class ConformanceTest {
    private static final int DAYS = 5;
    @TempDir
    static Path lake;
    static SimulationSummary summary;
    static LandingCheck check;
    static final List<LandingCheck.Row> rows = new ArrayList<>();

    @BeforeAll
    static void simulate() throws Exception {
        summary = Cities.simulate(lake, new SimulationConfig(500, DAYS, 3L, SimulationConfig.DEFAULT_START, false,
                SimulationConfig.Freedoms.NONE));
        check = new LandingCheck(lake).run(rows::add);
    }

    private static Stream<LandingCheck.Row> rows(String feed) {
        return rows.stream().filter(r -> r.feed().equals(feed));
    }

    @Test
    void everyDeliveryIsCompleteAndEveryRowParses() {
        assertEquals(List.of(), check.findings());
        assertEquals(DAYS * 25, check.deliveries());
        assertEquals(DAYS * 25L, summary.deliveries());
        assertEquals(summary.totalRows(), rows.size());
        for (var feed : Feeds.ALL) {
            assertEquals(summary.rowsByFeed().get(feed.name()), rows(feed.name()).count(), feed.name());
        }
    }

    @Test
    void everySourceDeliversEveryDay() {
        for (int d = 0; d < DAYS; d++) {
            LocalDate date = SimulationConfig.DEFAULT_START.plusDays(d);
            for (String bank : Parties.PARTNER_BANKS) {
                for (String feed : List.of(Feeds.BankAccounts.NAME, BankTransactions.NAME, Feeds.BankFeedback.NAME)) {
                    assertTrue(Files.isRegularFile(manifest(feed, bank, date)), feed + "/" + bank + "/" + date);
                }
            }
            for (String carrier : Parties.CARRIERS) {
                assertTrue(Files.isRegularFile(manifest(Feeds.Subscribers.NAME, carrier, date)));
                assertTrue(Files.isRegularFile(manifest(CallRecords.NAME, carrier, date)));
            }
        }
    }

    private static Path manifest(String feed, String source, LocalDate date) {
        return lake.resolve("landing").resolve(feed).resolve(source).resolve(date.toString()).resolve("_manifest.json");
    }

    @Test
    void eventsFallOnTheirBusinessDate() {
        rows(BankTransactions.NAME).forEach(r -> assertEquals(r.date(), localDate(r.get(BankTransactions.TXN_TIME)),
                r.toString()));
        rows(CallRecords.NAME).forEach(r -> assertEquals(r.date(), localDate(r.get(CallRecords.START_TIME))));
    }

    private static String localDate(String time) {
        return Values.parseInstant(time).atOffset(ZoneOffset.ofHours(8)).toLocalDate().toString();
    }

    /** A booking's identity as both banks see it. */
    private record Leg(String bank, String account, String counterparty, BigDecimal amount, Instant time) {
    }

    @Test
    void crossBankTransfersAppearAtBothBanks() {
        Map<Leg, Integer> ins = new HashMap<>();
        List<Leg> outs = new ArrayList<>();
        rows(BankTransactions.NAME).forEach(r -> {
            String cpBank = r.get(BankTransactions.COUNTERPARTY_BANK).trim();
            if (!Parties.PARTNER_BANKS.contains(cpBank)) {
                return;
            }
            BigDecimal amount = new BigDecimal(r.get(BankTransactions.AMOUNT)).setScale(2);
            Instant time = Values.parseInstant(r.get(BankTransactions.TXN_TIME));
            String direction = r.get(BankTransactions.DIRECTION).trim().toUpperCase();
            if (direction.equals("IN")) {
                ins.merge(new Leg(r.source(), r.get(BankTransactions.ACCOUNT_NO),
                        r.get(BankTransactions.COUNTERPARTY_ACCOUNT_NO), amount, time), 1, Integer::sum);
            } else {
                outs.add(new Leg(cpBank, r.get(BankTransactions.COUNTERPARTY_ACCOUNT_NO),
                        r.get(BankTransactions.ACCOUNT_NO), amount, time));
            }
        });
        assertTrue(outs.size() > 100, "too few transfers between partner banks: " + outs.size());
        long crossBank = outs.stream().filter(l -> !l.bank().isEmpty()).count();
        for (Leg out : outs) {
            Integer n = ins.get(out);
            assertTrue(n != null && n > 0, "no IN booking matches " + out);
            ins.put(out, n - 1);
        }
        assertTrue(ins.values().stream().allMatch(n -> n == 0), "IN bookings without their OUT");
        assertTrue(crossBank > 0);
    }

    @Test
    void balancesFollowTheBookings() {
        Map<String, BigDecimal> last = new HashMap<>();
        int checked = 0;
        for (LandingCheck.Row r : rows(BankTransactions.NAME).toList()) {
            String key = r.source() + ":" + r.get(BankTransactions.ACCOUNT_NO);
            BigDecimal amount = new BigDecimal(r.get(BankTransactions.AMOUNT));
            BigDecimal after = new BigDecimal(r.get(BankTransactions.BALANCE_AFTER));
            boolean in = r.get(BankTransactions.DIRECTION).trim().equalsIgnoreCase("IN");
            BigDecimal before = last.put(key, after);
            if (before != null) {
                assertEquals(0, before.add(in ? amount : amount.negate()).compareTo(after), r.toString());
                checked++;
            }
        }
        assertTrue(checked > 1000, "checked " + checked);
    }

    @Test
    void eachCallIsReportedByOneCarrierOnly() {
        Set<String> seen = new HashSet<>();
        rows(CallRecords.NAME).forEach(r -> {
            String key = r.get(CallRecords.CALLER) + ">" + r.get(CallRecords.CALLEE) + "@"
                    + Values.parseInstant(r.get(CallRecords.START_TIME)) + r.get(CallRecords.KIND).trim().toUpperCase();
            assertTrue(seen.add(key), "reported twice: " + key);
        });
    }

    @Test
    void sendersUseTheFreedomsOfTheContract() throws Exception {
        Set<String> headers = new HashSet<>();
        rows.forEach(r -> headers.addAll(r.header()));
        assertTrue(headers.contains("Account_No") && headers.contains("ACCOUNT_NO") && headers.contains("account_no"));
        assertTrue(headers.contains("REMARK"), "an extra column outside the contract");
        assertTrue(rows(BankTransactions.NAME).anyMatch(r -> r.get(BankTransactions.TXN_TIME).endsWith("Z")
                && r.get(BankTransactions.TXN_TIME).contains(".")));
        assertTrue(rows(BankTransactions.NAME).anyMatch(r -> r.get(BankTransactions.DIRECTION).equals("in")));
        assertTrue(rows(BankTransactions.NAME).anyMatch(r -> r.get(BankTransactions.DIRECTION).equals(" IN ")));
        assertTrue(rows(BankTransactions.NAME).anyMatch(r -> r.get(BankTransactions.AMOUNT).matches("\\d+\\.\\d")));
        assertTrue(rows(BankTransactions.NAME).anyMatch(r -> r.get(BankTransactions.AMOUNT).matches("\\d+\\.\\d0")));
        assertTrue(rows(BankTransactions.NAME).anyMatch(r -> r.get(BankTransactions.AMOUNT).matches("\\d+")));
        assertTrue(rows(CallRecords.NAME).anyMatch(r -> r.get(CallRecords.INTERNATIONAL).equals("0")));
        assertTrue(rows(CallRecords.NAME).anyMatch(r -> r.get(CallRecords.INTERNATIONAL).equals("false")));
        assertTrue(rows(BankTransactions.NAME).anyMatch(r -> r.get(BankTransactions.COUNTERPARTY_NAME).contains(",")
                || r.get(BankTransactions.COUNTERPARTY_NAME).contains("\"")));
        assertTrue(rows(BankTransactions.NAME).anyMatch(r -> r.file().equals("part-0002.csv.gz")), "split files");
        Set<String> fileKinds = new HashSet<>();
        rows.forEach(r -> fileKinds.add(r.file().endsWith(".gz") ? "gz" : "csv"));
        assertEquals(Set.of("gz", "csv"), fileKinds);
        Path crlf = lake.resolve("landing/bank_transactions/BANK_B/2026-10-02/part-0001.csv");
        assertTrue(new String(Files.readAllBytes(crlf), StandardCharsets.UTF_8).contains("\r\n"));
    }
}
