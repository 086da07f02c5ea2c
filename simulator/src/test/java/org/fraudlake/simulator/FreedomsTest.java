package org.fraudlake.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fraudlake.schemas.Column;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.Feeds.BankAccounts;
import org.fraudlake.schemas.Feeds.BankTransactions;
import org.fraudlake.schemas.Feeds.CallRecords;
import org.fraudlake.schemas.Feeds.Subscribers;
import org.fraudlake.simulator.SimulationConfig.Freedoms;
import org.fraudlake.simulator.delivery.FaultPlan;
import org.fraudlake.simulator.freedom.FreedomPlan;
import org.fraudlake.simulator.model.Parties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A city whose senders use every freedom of the contract: each shows in landing, and every delivery is valid. */
class FreedomsTest {
    private static final int DAYS = 9;
    private static final LocalDate START = SimulationConfig.DEFAULT_START;
    /** Optional values left empty more often than by default, so a small city shows it in every column. */
    private static final SimulationConfig CITY = new SimulationConfig(600, DAYS, 5L, START, false,
            new Freedoms(0.05, 0.05, true, true, 3, 0.25));
    private static final FreedomPlan PLAN = new FreedomPlan(CITY, FaultPlan.none()::touches);
    @TempDir
    static Path lake;
    static SimulationSummary summary;
    static LandingCheck check;
    static final List<LandingCheck.Row> rows = new ArrayList<>();

    @BeforeAll
    static void simulate() throws Exception {
        summary = Cities.simulate(lake, CITY);
        check = new LandingCheck(lake).run(rows::add);
    }

    private static Stream<LandingCheck.Row> rows(String feed) {
        return rows.stream().filter(r -> r.feed().equals(feed));
    }

    private static Stream<LandingCheck.Row> rows(String feed, String source) {
        return rows(feed).filter(r -> r.source().equals(source));
    }

    private static boolean delivered(String feed, String source, int day) {
        return Files.isDirectory(lake.resolve("landing").resolve(feed).resolve(source)
                .resolve(START.plusDays(day).toString()));
    }

    @Test
    void everyDeliveryIsStillValidAndEveryRowParses() {
        assertEquals(List.of(), check.findings());
        assertEquals(Cities.expectedDeliveries(CITY), check.deliveries());
        assertEquals(summary.totalRows(), rows.size());
    }

    @Test
    void aBankAndACarrierJoinInTheMiddleWithAFullFirstDelivery() {
        int bankJoin = PLAN.joinDay(FreedomPlan.LATE_BANK);
        int carrierJoin = PLAN.joinDay(FreedomPlan.LATE_CARRIER);
        assertTrue(bankJoin > 0 && carrierJoin > 0, bankJoin + " " + carrierJoin);
        for (int d = 0; d < DAYS; d++) {
            for (String feed : List.of(BankAccounts.NAME, BankTransactions.NAME, Feeds.BankFeedback.NAME)) {
                assertEquals(d >= bankJoin, delivered(feed, FreedomPlan.LATE_BANK, d), feed + " day " + d);
            }
            assertEquals(d >= carrierJoin, delivered(CallRecords.NAME, FreedomPlan.LATE_CARRIER, d), "day " + d);
        }
        String joined = START.plusDays(bankJoin).toString();
        long first = rows(BankAccounts.NAME, FreedomPlan.LATE_BANK).filter(r -> r.date().equals(joined)).count();
        long later = rows(BankAccounts.NAME, FreedomPlan.LATE_BANK).filter(r -> !r.date().equals(joined)).count();
        assertTrue(first > 5 * later, "the first delivery holds every account: " + first + " then " + later);
        String before = START.plusDays(bankJoin - 1L).toString();
        assertTrue(rows(BankTransactions.NAME).anyMatch(r -> r.date().compareTo(before) <= 0
                && r.get(BankTransactions.COUNTERPARTY_BANK).trim().equals(FreedomPlan.LATE_BANK)),
                "before it joins, the bank's accounts are counterparties under its code");
        String carrierJoined = START.plusDays(carrierJoin).toString();
        assertTrue(rows(Subscribers.NAME, FreedomPlan.LATE_CARRIER).filter(r -> r.date().equals(carrierJoined))
                .count() > 100, "the carrier's first delivery holds every number");
    }

    @Test
    void aPartnerDeliversNothingForADay() {
        String silent = PLAN.silentSource();
        assertNotNull(silent);
        for (FeedSchema feed : Feeds.ALL) {
            assertFalse(delivered(feed.name(), silent, PLAN.silentDay()), feed.name());
        }
        boolean bank = Parties.PARTNER_BANKS.contains(silent);
        assertTrue(delivered(bank ? BankTransactions.NAME : CallRecords.NAME, silent, PLAN.silentDay() + 1));
    }

    @Test
    void caseManagementIsHeaderOnlyForDaysThenDeliversTheLabelsOfThoseDays() {
        List<Integer> quiet = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            if (PLAN.quiet(Feeds.CaseLabels.NAME, Parties.CASE_MANAGEMENT, d)) {
                quiet.add(d);
                String date = START.plusDays(d).toString();
                assertTrue(delivered(Feeds.CaseLabels.NAME, Parties.CASE_MANAGEMENT, d));
                assertEquals(0, rows(Feeds.CaseLabels.NAME).filter(r -> r.date().equals(date)).count(), date);
            }
        }
        assertEquals(3, quiet.size());
        String after = START.plusDays(quiet.get(2) + 1L).toString();
        assertTrue(rows(Feeds.CaseLabels.NAME).filter(r -> r.date().equals(after))
                .anyMatch(r -> Cities.localDate(r.get(Feeds.CaseLabels.CONFIRMED_AT)).compareTo(after) < 0),
                "labels confirmed in the quiet spell come after it");
    }

    @Test
    void someAccountsTransactBeforeOrWithoutTheirAccountRow() {
        Map<String, String> firstListed = new HashMap<>();
        rows(BankAccounts.NAME).forEach(r -> firstListed.merge(r.source() + ":" + r.get(BankAccounts.ACCOUNT_NO),
                r.date(), (a, b) -> a.compareTo(b) <= 0 ? a : b));
        Set<String> never = new HashSet<>();
        Set<String> late = new HashSet<>();
        rows(BankTransactions.NAME).forEach(r -> {
            String key = r.source() + ":" + r.get(BankTransactions.ACCOUNT_NO);
            String listed = firstListed.get(key);
            if (listed == null) {
                never.add(key);
            } else if (listed.compareTo(r.date()) > 0) {
                late.add(key);
            }
        });
        assertFalse(never.isEmpty(), "accounts that transact without ever getting their bank_accounts row");
        assertFalse(late.isEmpty(), "accounts that transact before their bank_accounts row");
    }

    @Test
    void numbersOfNoPartnerCarrierCallPartnerSubscribers() {
        Set<String> subscribers = new HashSet<>();
        rows(Subscribers.NAME).forEach(r -> subscribers.add(r.get(Subscribers.PHONE)));
        assertTrue(rows(CallRecords.NAME).anyMatch(r -> offNet(r.get(CallRecords.CALLER))
                && subscribers.contains(r.get(CallRecords.CALLEE))));
        assertTrue(rows(CallRecords.NAME).anyMatch(r -> offNet(r.get(CallRecords.CALLEE))));
    }

    private static boolean offNet(String number) {
        return number.length() == 11 && FreedomPlan.OFF_NET_PREFIXES.contains(number.substring(0, 3));
    }

    @Test
    void everyOptionalColumnOfEveryFeedIsSometimesEmpty() {
        for (FeedSchema feed : Feeds.ALL) {
            if (feed == Feeds.BankFeedback.FEED) {
                continue;
            }
            Set<String> written = new HashSet<>();
            rows(feed.name()).forEach(r -> r.header().forEach(h -> written.add(h.trim().toLowerCase())));
            for (Column c : feed.columns()) {
                if (c.required() || !written.contains(c.name())) {
                    continue;
                }
                assertTrue(rows(feed.name()).anyMatch(r -> hasColumn(r, c.name()) && r.get(c.name()).isBlank()),
                        feed.name() + "." + c.name() + " is never empty");
            }
        }
    }

    private static boolean hasColumn(LandingCheck.Row r, String column) {
        return r.header().stream().anyMatch(h -> h.trim().equalsIgnoreCase(column));
    }

    @Test
    void theSameSeedWritesTheSamePlan() {
        FreedomPlan again = new FreedomPlan(CITY, FaultPlan.none()::touches);
        assertEquals(PLAN.silentSource(), again.silentSource());
        assertEquals(PLAN.silentDay(), again.silentDay());
    }
}
