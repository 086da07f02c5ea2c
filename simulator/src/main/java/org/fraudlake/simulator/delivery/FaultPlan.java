package org.fraudlake.simulator.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fraudlake.schemas.Feeds.BankAccounts;
import org.fraudlake.schemas.Feeds.BankFeedback;
import org.fraudlake.schemas.Feeds.BankTransactions;
import org.fraudlake.schemas.Feeds.CallRecords;
import org.fraudlake.schemas.Feeds.Companies;
import org.fraudlake.schemas.Feeds.Incidents;
import org.fraudlake.schemas.Feeds.Subscribers;
import org.fraudlake.schemas.Feeds.Tenders;
import org.fraudlake.schemas.Problem;
import org.fraudlake.simulator.SimulationConfig.Profile;
import org.fraudlake.simulator.model.Parties;

/**
 * Which deliveries of a faulty city are broken on purpose, and how. One bad row of each kind lands in a
 * busy delivery (it is added to the good rows, nothing real is lost); each way of breaking a whole
 * delivery hits one small delivery (bank feedback, a day of registry changes, a day of bids), so that
 * nearly all of the city still loads. Days are 0-based indexes, capped at the last simulated day. In a city with
 * fewer partners ({@link Profile}), a fault planned for a bank or carrier outside the partnership goes to the
 * city's last partner bank or carrier instead, so it is still written.
 */
public final class FaultPlan {
    private final Map<String, RowFault> rowFaults = new LinkedHashMap<>();
    private final Map<String, Problem> deliveryFaults = new LinkedHashMap<>();

    /**
     * A bad record to add to a delivery.
     *
     * @param problem  the reason ingest must give: BAD_VALUE, MISSING_VALUE, BAD_ENUM, NOT_POSITIVE, BAD_TIME,
     *                 MALFORMED_CSV or FIELD_COUNT
     * @param column   the column made bad (for FIELD_COUNT: none)
     * @param value    the bad value as written (for BAD_TIME the delivery's date goes in front of it); for
     *                 MALFORMED_CSV written unquoted
     * @param afterRow the bad record follows this many good ones (or ends the file if there are fewer)
     */
    public record RowFault(Problem problem, String column, String value, int afterRow) {
    }

    private FaultPlan() {
    }

    /** No faults: every row of every delivery is good. */
    public static FaultPlan none() {
        return new FaultPlan();
    }

    /** The standard set of faults of the default city, placed on the days of a simulation of {@code days} days. */
    public static FaultPlan standard(int days) {
        return standard(days, Profile.DEFAULT);
    }

    /** The standard set of faults, placed on the days of a simulation of {@code days} days and the city's partners. */
    public static FaultPlan standard(int days, Profile profile) {
        FaultPlan p = new FaultPlan();
        List<String> banks = profile.banks();
        List<String> carriers = profile.carriers();
        String bankA = partner(banks, 0);
        String bankB = partner(banks, 1);
        String bankC = partner(banks, 2);
        String bankD = partner(banks, 3);
        p.row(BankAccounts.NAME, bankB, day(0, days), Problem.BAD_ENUM, BankAccounts.STATUS, "OPEN", 10);
        p.row(Subscribers.NAME, partner(carriers, 0), day(0, days), Problem.BAD_TIME, Subscribers.UPDATED_AT,
                "T10:15:00", 20);
        p.row(Companies.NAME, Parties.REGULATOR, day(0, days), Problem.MISSING_VALUE, Companies.COMPANY_NAME, "", 5);
        p.row(BankTransactions.NAME, bankA, day(1, days), Problem.BAD_VALUE, BankTransactions.AMOUNT, "12.345",
                Integer.MAX_VALUE);
        p.row(CallRecords.NAME, partner(carriers, 1), day(1, days), Problem.MISSING_VALUE, CallRecords.CALLEE, "",
                300);
        p.row(BankTransactions.NAME, bankC, day(2, days), Problem.NOT_POSITIVE, BankTransactions.AMOUNT, "0.00", 50);
        p.row(BankTransactions.NAME, bankD, day(2, days), Problem.MALFORMED_CSV, BankTransactions.COUNTERPARTY_NAME,
                "Zhang \"Boss", 120);
        p.row(CallRecords.NAME, partner(carriers, 2), day(3, days), Problem.FIELD_COUNT, null, null, 77);
        p.row(Incidents.NAME, Parties.POLICE, day(4, days), Problem.BAD_VALUE, Incidents.LOSS_AMOUNT, "abc", 1);
        p.delivery(BankFeedback.NAME, bankA, day(1, days), Problem.MISSING_FILE);
        p.delivery(BankFeedback.NAME, bankB, day(2, days), Problem.MANIFEST_MISMATCH);
        p.delivery(BankFeedback.NAME, bankC, day(3, days), Problem.MISSING_REQUIRED_COLUMN);
        p.delivery(BankFeedback.NAME, bankD, day(4, days), Problem.NO_MANIFEST);
        p.delivery(Companies.NAME, Parties.REGULATOR, day(3, days), Problem.CHECKSUM_MISMATCH);
        p.delivery(Tenders.NAME, Parties.TRADING_CENTER, day(5, days), Problem.ROW_COUNT_MISMATCH);
        p.rowFaults.keySet().removeAll(p.deliveryFaults.keySet());
        return p;
    }

    /** The partner of that rank, or the last one when the city has fewer. */
    private static String partner(List<String> partners, int rank) {
        return partners.get(Math.min(rank, partners.size() - 1));
    }

    private static int day(int wanted, int days) {
        return Math.min(wanted, days - 1);
    }

    private static String key(String feed, String source, int day) {
        return feed + "/" + source + "/" + day;
    }

    private void row(String feed, String source, int day, Problem problem, String column, String value, int after) {
        rowFaults.put(key(feed, source, day), new RowFault(problem, column, value, after));
    }

    private void delivery(String feed, String source, int day, Problem problem) {
        deliveryFaults.put(key(feed, source, day), problem);
    }

    /** The bad record to add to a delivery, or {@code null}. */
    public RowFault rowFault(String feed, String source, int day) {
        return rowFaults.get(key(feed, source, day));
    }

    /** How a delivery is broken as a whole, or {@code null}. */
    public Problem deliveryFault(String feed, String source, int day) {
        return deliveryFaults.get(key(feed, source, day));
    }

    /** Whether any delivery of the source on that day carries a fault. */
    public boolean touches(String source, int day) {
        String suffix = "/" + source + "/" + day;
        return rowFaults.keySet().stream().anyMatch(k -> k.endsWith(suffix))
                || deliveryFaults.keySet().stream().anyMatch(k -> k.endsWith(suffix));
    }
}
