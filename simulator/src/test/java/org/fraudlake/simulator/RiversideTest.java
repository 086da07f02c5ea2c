package org.fraudlake.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fraudlake.schemas.Feeds.BankAccounts;
import org.fraudlake.schemas.Feeds.BankTransactions;
import org.fraudlake.schemas.Feeds.CallRecords;
import org.fraudlake.schemas.Feeds.CaseLabels;
import org.fraudlake.schemas.Feeds.Companies;
import org.fraudlake.schemas.Feeds.Subscribers;
import org.fraudlake.schemas.Values;
import org.fraudlake.simulator.SimulationConfig.Profile;
import org.fraudlake.simulator.city.IdentityFactory;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.truth.Lookalikes;
import org.fraudlake.simulator.truth.Roles;
import org.fraudlake.simulator.truth.TruthLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second city profile: four partner banks and two carriers deliver (the others never have a folder), every
 * delivery is valid, and every look-alike kind is listed in {@code truth/lookalikes.csv} and behaves like its kind
 * in the feeds.
 */
class RiversideTest {
    private static final int DAYS = 6;
    /** A seed whose small city has every look-alike kind (firm groups and new accounts are a matter of chance). */
    private static final SimulationConfig CITY = new SimulationConfig(1_200, DAYS, 13L,
            SimulationConfig.DEFAULT_START, true).withProfile(Profile.RIVERSIDE);
    @TempDir
    static Path lake;
    static LandingCheck check;
    static final List<LandingCheck.Row> rows = new ArrayList<>();
    static List<Map<String, String>> lookalikes;

    @BeforeAll
    static void simulate() throws Exception {
        Cities.simulate(lake, CITY);
        check = new LandingCheck(lake).run(rows::add);
        lookalikes = Cities.truth(lake, TruthLog.LOOKALIKES);
    }

    private static Stream<LandingCheck.Row> rows(String feed) {
        return rows.stream().filter(r -> r.feed().equals(feed));
    }

    private static Set<String> ids(String kind, String type) {
        return lookalikes.stream().filter(l -> l.get("kind").equals(kind) && l.get("entity_type").equals(type))
                .map(l -> l.get("entity_id")).collect(Collectors.toCollection(HashSet::new));
    }

    private static boolean is(LandingCheck.Row r, String column, String value) {
        return r.get(column).trim().equalsIgnoreCase(value);
    }

    private static int hour(String time) {
        return Values.parseInstant(time).atOffset(ZoneOffset.ofHours(8)).getHour();
    }

    @Test
    void fourBanksAndTwoCarriersDeliverAndTheOthersNever() throws Exception {
        Set<String> sources = new HashSet<>();
        try (Stream<Path> dirs = Files.list(lake.resolve("landing"))) {
            for (Path feed : dirs.toList()) {
                try (Stream<Path> s = Files.list(feed)) {
                    s.forEach(p -> sources.add(p.getFileName().toString()));
                }
            }
        }
        for (String bank : List.of("BANK_A", "BANK_B", "BANK_C", "BANK_D")) {
            assertTrue(sources.contains(bank), bank);
        }
        assertTrue(sources.containsAll(List.of("CARRIER_X", "CARRIER_Y")));
        assertFalse(sources.contains("BANK_E"), "BANK_E is outside riverside's partnership");
        assertFalse(sources.contains("CARRIER_Z"), "CARRIER_Z is outside riverside's partnership");
        assertEquals(Cities.expectedDeliveries(CITY), check.deliveries());
        assertTrue(rows(BankTransactions.NAME).anyMatch(r -> is(r, BankTransactions.COUNTERPARTY_BANK, "BANK_E")),
                "BANK_E's accounts are counterparties under its code");
        assertTrue(Cities.truth(lake, "faults.csv").stream().noneMatch(f -> f.get("source").equals("CARRIER_Z")));
    }

    @Test
    void everyDeliveryFollowsTheContractAndEveryPlannedFaultIsWritten() throws Exception {
        List<String> expected = Cities.truth(lake, "faults.csv").stream()
                .map(f -> String.join(",", f.get("feed"), f.get("source"), f.get("business_date"), f.get("file"),
                        f.get("line"), f.get("expect"), f.get("reason_code"))).sorted().toList();
        List<String> found = check.findings().stream().map(LandingCheck.Finding::csv).sorted().toList();
        assertEquals(expected, found);
        assertTrue(expected.size() >= 14, "the fault plan moved CARRIER_Z's fault to CARRIER_Y: " + expected);
    }

    @Test
    void everyLookalikeKindIsListedWithEntityIdsAsInEntitiesCsv() throws Exception {
        Set<String> kinds = lookalikes.stream().map(l -> l.get("kind")).collect(Collectors.toSet());
        assertEquals(new HashSet<>(Lookalikes.KINDS), kinds);
        for (Map<String, String> l : lookalikes) {
            String id = l.get("entity_id");
            switch (l.get("entity_type")) {
                case TruthLog.ACCOUNT -> assertTrue(id.matches("[A-Z_]+:\\S+"), id);
                case TruthLog.PHONE -> assertTrue(id.matches("\\d{11}"), id);
                case TruthLog.PERSON -> assertTrue(id.matches("\\d{17}[0-9X]"), id);
                default -> throw new AssertionError("unexpected entity type in " + l);
            }
        }
        Set<String> offending = new HashSet<>();
        for (Map<String, String> e : Cities.truth(lake, TruthLog.ENTITIES)) {
            if (Roles.offending(e.get("role"))) {
                offending.add(e.get("entity_type") + "|" + e.get("entity_id"));
            }
        }
        assertTrue(lookalikes.stream().noneMatch(l -> offending.contains(l.get("entity_type") + "|"
                + l.get("entity_id"))), "a look-alike is never an offender");
    }

    @Test
    void aSweepingMerchantPaysTheSameOwnAccountEveryEvening() {
        Map<String, String> ownerOf = new HashMap<>();
        rows(Companies.NAME).forEach(r -> ownerOf.put(r.get(Companies.COMPANY_ID), r.get(Companies.LEGAL_REP_ID)));
        Map<String, String> holderOf = new HashMap<>();
        rows(BankAccounts.NAME).forEach(r -> holderOf.put(r.source() + ":" + r.get(BankAccounts.ACCOUNT_NO),
                r.get(BankAccounts.HOLDER_ID)));
        int checked = 0;
        for (String sweep : ids(Lookalikes.MERCHANT_SWEEP, TruthLog.ACCOUNT)) {
            Map<String, Set<String>> eveningsByPayee = new HashMap<>();
            rows(BankTransactions.NAME).filter(r -> (r.source() + ":" + r.get(BankTransactions.ACCOUNT_NO))
                    .equals(sweep) && is(r, BankTransactions.DIRECTION, "OUT")
                    && hour(r.get(BankTransactions.TXN_TIME)) == 22)
                    .forEach(r -> eveningsByPayee.computeIfAbsent(r.get(BankTransactions.COUNTERPARTY_BANK).trim() + ":"
                            + r.get(BankTransactions.COUNTERPARTY_ACCOUNT_NO), k -> new HashSet<>())
                            .add(Cities.localDate(r.get(BankTransactions.TXN_TIME))));
            if (eveningsByPayee.isEmpty() || !holderOf.containsKey(sweep)) {
                continue;
            }
            assertEquals(1, eveningsByPayee.size(), sweep + " sweeps to one account only: " + eveningsByPayee);
            Map.Entry<String, Set<String>> only = eveningsByPayee.entrySet().iterator().next();
            assertTrue(only.getValue().size() >= DAYS - 2, sweep + " sweeps nearly every evening: " + only);
            String payee = only.getKey();
            if (holderOf.containsKey(payee) && ownerOf.containsKey(holderOf.get(sweep))) {
                assertEquals(ownerOf.get(holderOf.get(sweep)), holderOf.get(payee), "the owner's own account");
            }
            checked++;
        }
        assertTrue(checked >= 3, "sweeping merchants at partner banks: " + checked);
    }

    @Test
    void ridersCallManyStrangersAtMealTimes() {
        Set<String> riders = ids(Lookalikes.DELIVERY_RIDER_PHONE, TruthLog.PHONE);
        int busy = 0;
        for (String rider : riders) {
            List<LandingCheck.Row> calls = rows(CallRecords.NAME).filter(r -> r.get(CallRecords.CALLER).equals(rider))
                    .toList();
            long meals = calls.stream().map(r -> hour(r.get(CallRecords.START_TIME)))
                    .filter(h -> h >= 11 && h < 14 || h >= 17 && h < 21).count();
            Set<String> callees = calls.stream().map(r -> r.get(CallRecords.CALLEE)).collect(Collectors.toSet());
            if (callees.size() >= 40) {
                busy++;
                assertTrue(meals >= 0.7 * calls.size(), rider + ": " + meals + " of " + calls.size() + " at meals");
            }
        }
        assertTrue(busy >= riders.size() / 2, busy + " of " + riders.size() + " riders called 40+ numbers");
    }

    @Test
    void aStaffLineBatchIsRegisteredOnOneDayUnderOneCompany() {
        Set<String> lines = ids(Lookalikes.STAFF_LINE_BATCH, TruthLog.PHONE);
        Set<String> companies = new HashSet<>();
        rows(Companies.NAME).forEach(r -> companies.add(r.get(Companies.COMPANY_ID)));
        Map<String, Set<String>> byHolderAndDay = new HashMap<>();
        rows(Subscribers.NAME).filter(r -> lines.contains(r.get(Subscribers.PHONE)))
                .forEach(r -> byHolderAndDay.computeIfAbsent(r.get(Subscribers.HOLDER_ID) + "|"
                        + r.get(Subscribers.ACTIVATED_AT), k -> new HashSet<>()).add(r.get(Subscribers.PHONE)));
        assertFalse(byHolderAndDay.isEmpty(), "the batch's lines are in the subscribers feed");
        for (Map.Entry<String, Set<String>> batch : byHolderAndDay.entrySet()) {
            assertTrue(batch.getValue().size() >= 5, "a batch of five or more: " + batch);
            assertTrue(companies.contains(batch.getKey().split("\\|")[0]), "held by a registered company: " + batch);
        }
        assertTrue(rows(CallRecords.NAME).anyMatch(r -> lines.contains(r.get(CallRecords.CALLER))),
                "staff lines are used");
    }

    @Test
    void familyPayersPayFromTheirParentsAccountsOnTheirOwnHandsets() {
        Set<String> payers = ids(Lookalikes.FAMILY_PAYER, TruthLog.PERSON);
        Set<String> payerPhones = new HashSet<>();
        rows(Subscribers.NAME).filter(r -> payers.contains(r.get(Subscribers.HOLDER_ID)))
                .forEach(r -> payerPhones.add(r.get(Subscribers.PHONE)));
        Set<String> handsets = new HashSet<>();
        rows(CallRecords.NAME).filter(r -> payerPhones.contains(r.get(CallRecords.CALLER))
                && !r.get(CallRecords.CALLER_IMEI).isBlank())
                .forEach(r -> handsets.add(r.get(CallRecords.CALLER_IMEI)));
        Map<String, String> holderOf = new HashMap<>();
        rows(BankAccounts.NAME).forEach(r -> holderOf.put(r.source() + ":" + r.get(BankAccounts.ACCOUNT_NO),
                r.get(BankAccounts.HOLDER_ID)));
        Set<String> parents = ids(Lookalikes.FAMILY_PAYER, TruthLog.ACCOUNT);
        Set<String> paidOnAChildsHandset = new HashSet<>();
        rows(BankTransactions.NAME).filter(r -> is(r, BankTransactions.DIRECTION, "OUT")
                && parents.contains(r.source() + ":" + r.get(BankTransactions.ACCOUNT_NO))).forEach(r -> {
                    int bank = Parties.PARTNER_BANKS.indexOf(r.source());
                    for (String imei : handsets) {
                        if (IdentityFactory.deviceId(imei, bank).equals(r.get(BankTransactions.DEVICE_ID))) {
                            paidOnAChildsHandset.add(r.source() + ":" + r.get(BankTransactions.ACCOUNT_NO));
                        }
                    }
                });
        assertTrue(paidOnAChildsHandset.size() >= 5, "parents' accounts paid on a child's handset: "
                + paidOnAChildsHandset.size() + " of " + parents.size());
        for (String account : paidOnAChildsHandset) {
            assertFalse(payers.contains(holderOf.get(account)), account + " is the parent's, not the payer's");
        }
    }

    @Test
    void legallyFrozenAccountsAreFrozenWithoutAnyFraudLabel() {
        Set<String> frozen = ids(Lookalikes.LEGAL_FREEZE, TruthLog.ACCOUNT);
        Set<String> seenFrozen = new HashSet<>();
        rows(BankAccounts.NAME).filter(r -> is(r, BankAccounts.STATUS, "FROZEN"))
                .forEach(r -> seenFrozen.add(r.source() + ":" + r.get(BankAccounts.ACCOUNT_NO)));
        Set<String> labelled = new HashSet<>();
        rows(CaseLabels.NAME).forEach(r -> labelled.add(r.get(CaseLabels.ENTITY_ID)));
        assertFalse(frozen.isEmpty());
        for (String account : frozen) {
            assertFalse(labelled.contains(account), account + " has a case label");
        }
        long shown = frozen.stream().filter(seenFrozen::contains).count();
        assertTrue(shown >= frozen.size() - 1, "frozen in bank_accounts: " + shown + " of " + frozen.size()
                + " (an unlisted account may not show)");
    }
}
