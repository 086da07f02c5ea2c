package org.fraudlake.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.fraudlake.schemas.Feeds.BankAccounts;
import org.fraudlake.schemas.Feeds.BankTransactions;
import org.fraudlake.schemas.Feeds.CallRecords;
import org.fraudlake.schemas.Feeds.CaseLabels;
import org.fraudlake.schemas.Feeds.Incidents;
import org.fraudlake.schemas.Feeds.Tenders;
import org.fraudlake.simulator.truth.Roles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo-sized city over two working weeks: every scheme acts, crime stays rare, truth matches the feeds. */
class CrimeTest {
    @TempDir
    static Path lake;
    static final List<LandingCheck.Row> rows = new ArrayList<>();
    static List<Map<String, String>> entities;

    @BeforeAll
    static void simulate() throws Exception {
        Cities.simulate(lake, 3_000, 14, 20261128L, LocalDate.of(2026, 11, 2), false);
        new LandingCheck(lake).run(rows::add);
        entities = Cities.truth(lake, "entities.csv");
    }

    private static Set<String> values(String feed, String column) {
        return rows.stream().filter(r -> r.feed().equals(feed)).map(r -> r.get(column).trim())
                .collect(Collectors.toSet());
    }

    @Test
    void everySchemeTypeActs() throws Exception {
        Set<String> types = Cities.truth(lake, "schemes.csv").stream().map(s -> s.get("scheme_type"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("TELECOM_FRAUD", "RENTED_ACCOUNTS", "STRUCTURING", "ROUND_TRIPPING",
                "UNDERGROUND_BANKING", "ILLEGAL_FUNDRAISING", "BID_RIGGING", "THEFT_SERIES")), types);
        Set<String> moving = Cities.truth(lake, "crime_transfers.csv").stream()
                .map(t -> t.get("scheme_id").substring(0, 2))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("BR", "FR", "RT", "ST", "TF", "UB")), moving);
        Set<String> roles = entities.stream().map(e -> e.get("role")).collect(Collectors.toSet());
        for (String role : List.of(Roles.VICTIM, Roles.MULE_L1, Roles.MULE_L2, Roles.CALLER_PHONE, Roles.RENTED_ACCOUNT,
                Roles.SHELL, Roles.UB_ACCOUNT, Roles.INVESTOR, Roles.BIDDER, Roles.RIGGED_TENDER,
                Roles.SERIES_INCIDENT, Roles.FRAUD_REPORT)) {
            assertTrue(roles.contains(role), "no " + role + " in " + roles);
        }
    }

    @Test
    void crimeIsASmallMinorityOfAccounts() {
        Set<String> accounts = new HashSet<>();
        rows.stream().filter(r -> r.feed().equals(BankAccounts.NAME))
                .forEach(r -> accounts.add(r.source() + ":" + r.get(BankAccounts.ACCOUNT_NO)));
        Set<String> offending = entities.stream()
                .filter(e -> e.get("entity_type").equals("ACCOUNT") && Roles.offending(e.get("role")))
                .map(e -> e.get("entity_id")).filter(accounts::contains).collect(Collectors.toSet());
        double share = offending.size() / (double) accounts.size();
        assertTrue(offending.size() >= 10, "offending accounts: " + offending.size());
        assertTrue(share < 0.01, "crime share " + share + " = " + offending.size() + "/" + accounts.size());
    }

    @Test
    void truthPointsAtWhatTheFeedsCarry() throws Exception {
        Set<String> accounts = new HashSet<>();
        rows.stream().filter(r -> r.feed().equals(BankAccounts.NAME))
                .forEach(r -> accounts.add(r.source() + ":" + r.get(BankAccounts.ACCOUNT_NO)));
        Set<String> callers = values(CallRecords.NAME, CallRecords.CALLER);
        Set<String> tenders = values(Tenders.NAME, Tenders.TENDER_ID);
        Set<String> incidents = values(Incidents.NAME, Incidents.INCIDENT_ID);
        for (Map<String, String> e : entities) {
            String id = e.get("entity_id");
            switch (e.get("entity_type")) {
                case "ACCOUNT" -> assertTrue(!id.startsWith("BANK_") || accounts.contains(id), "unknown account " + e);
                case "TENDER" -> assertTrue(tenders.contains(id), "unknown tender " + e);
                case "INCIDENT" -> assertTrue(incidents.contains(id), "unknown incident " + e);
                default -> {
                }
            }
            if (e.get("role").equals(Roles.CALLER_PHONE) && id.startsWith("+")) {
                assertTrue(callers.contains(id), "foreign caller never seen: " + e);
            }
        }
        Set<String> txnIds = values(BankTransactions.NAME, BankTransactions.TXN_ID);
        List<Map<String, String>> victims = Cities.truth(lake, "victim_transfers.csv");
        assertTrue(victims.size() >= 3, "victim transfers: " + victims.size());
        for (Map<String, String> v : victims) {
            assertTrue(v.get("out_txn_id").isEmpty() || txnIds.contains(v.get("out_txn_id")), v.toString());
            assertTrue(v.get("in_txn_id").isEmpty() || txnIds.contains(v.get("in_txn_id")), v.toString());
        }
    }

    @Test
    void reportsAndLabelsArriveLateAndPartial() {
        List<LandingCheck.Row> frauds = rows.stream().filter(r -> r.feed().equals(Incidents.NAME)
                && r.get(Incidents.CATEGORY).trim().equalsIgnoreCase("TELECOM_FRAUD")).toList();
        assertTrue(!frauds.isEmpty(), "no fraud reports");
        for (LandingCheck.Row r : frauds) {
            for (String account : r.get(Incidents.SUSPECT_ACCOUNTS).split(";")) {
                assertTrue(account.isEmpty() || account.matches("[A-Z_]+:\\d+"), account);
            }
        }
        assertTrue(rows.stream().anyMatch(r -> r.feed().equals(CaseLabels.NAME)), "no case labels");
        assertTrue(rows.stream().anyMatch(r -> r.feed().equals(Incidents.NAME)
                && r.get(Incidents.DESCRIPTION).contains("\n")), "a report written over two lines");
    }
}
