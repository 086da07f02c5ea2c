package org.fraudlake.simulator.partners;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;
import org.fraudlake.simulator.truth.Roles;
import org.fraudlake.simulator.truth.TruthLog;

/**
 * What the simulated city's ground truth ({@code lake.truth()}) says about some accounts, as a bank that
 * investigates them would find it: the roles each plays in schemes, the scheme money that flowed into it (what a
 * freeze can hold) and the payments a victim made from it to the fraudsters (what a timely call can stop). Loads
 * only the accounts asked for, so memory follows the warnings, not the city.
 */
final class CityTruth {
    /** A movement of money: when (epoch ms) and how much (cents). */
    record Flow(long time, long cents) {
    }

    private final Map<String, Set<String>> roles = new HashMap<>();
    private final Map<String, List<Flow>> schemeInflows = new HashMap<>();
    private final Map<String, List<Flow>> victimPayments = new HashMap<>();

    private CityTruth() {
    }

    /** The truth about {@code accounts} ({@code BANK:account_no}); fails naming the file when truth is missing. */
    static CityTruth load(FileSystem fs, Lake lake, Set<String> accounts) throws IOException {
        CityTruth t = new CityTruth();
        Path dir = new Path(lake.truth());
        each(fs, new Path(dir, TruthLog.ENTITIES), row -> {
            if (TruthLog.ACCOUNT.equals(row.get("entity_type")) && accounts.contains(row.get("entity_id"))) {
                t.roles.computeIfAbsent(row.get("entity_id"), k -> new TreeSet<>()).add(row.get("role"));
            }
        });
        each(fs, new Path(dir, TruthLog.CRIME_TRANSFERS), row -> {
            if (accounts.contains(row.get("to_account"))) {
                t.schemeInflows.computeIfAbsent(row.get("to_account"), k -> new ArrayList<>())
                        .add(new Flow(time(row.get("txn_time")), cents(row.get("amount"))));
            }
        });
        each(fs, new Path(dir, TruthLog.VICTIM_TRANSFERS), row -> {
            if (accounts.contains(row.get("victim_account"))) {
                t.victimPayments.computeIfAbsent(row.get("victim_account"), k -> new ArrayList<>())
                        .add(new Flow(time(row.get("txn_time")), cents(row.get("amount"))));
            }
        });
        return t;
    }

    /** Whether the account serves a scheme (mule, rented, shell, ring account...): an offender's tool. */
    boolean offending(String account) {
        return roles.getOrDefault(account, Set.of()).stream().anyMatch(Roles::offending);
    }

    /** Whether the account belongs to someone a scheme harmed (a fraud victim or an investor). */
    boolean harmed(String account) {
        Set<String> r = roles.getOrDefault(account, Set.of());
        return r.contains(Roles.VICTIM_ACCOUNT) || r.contains(Roles.INVESTOR_ACCOUNT)
                || victimPayments.containsKey(account);
    }

    /** Scheme money paid into the account within {@code [from, to)} (epoch ms), in cents. */
    long inflows(String account, long from, long to) {
        return sum(schemeInflows.get(account), from, to);
    }

    /** The victim's payments from the account to the fraudsters within {@code [from, to)}, in cents. */
    long victimPayments(String account, long from, long to) {
        return sum(victimPayments.get(account), from, to);
    }

    private static long sum(List<Flow> flows, long from, long to) {
        if (flows == null) {
            return 0;
        }
        return flows.stream().filter(f -> f.time() >= from && f.time() < to).mapToLong(Flow::cents).sum();
    }

    private interface RowSink {
        void accept(Map<String, String> row);
    }

    private static void each(FileSystem fs, Path file, RowSink sink) throws IOException {
        if (!fs.exists(file)) {
            throw new IllegalStateException(file + " is missing: the partners answer from the simulated city's truth, "
                    + "so simulate the city into this lake first (fraudlake simulate)");
        }
        try (Reader r = new InputStreamReader(fs.open(file), StandardCharsets.UTF_8); CsvReader csv = new CsvReader(r)) {
            List<String> header = csv.next().fields();
            CsvRecord rec;
            Map<String, String> row = new HashMap<>();
            while ((rec = csv.next()) != null) {
                row.clear();
                for (int i = 0; i < header.size() && i < rec.fields().size(); i++) {
                    row.put(header.get(i), rec.fields().get(i));
                }
                sink.accept(row);
            }
        }
    }

    private static long time(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    private static long cents(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }
}
