package org.fraudlake.publish.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;
import org.fraudlake.schemas.tables.TokenKind;

/**
 * The parts of a simulated city's ground truth ({@code truth/entities.csv}, {@code victim_transfers.csv},
 * {@code crime_transfers.csv}, {@code lookalikes.csv} when the lake has it; columns in {@code simulator/README.md})
 * that {@link PublishEvaluation}, {@link DecisionEvaluation} and {@link SignalEvaluation} need, with raw
 * identifiers tokenized by the lake's key exactly as conform does ({@code BANK:account_no} as an ACCOUNT token,
 * numbers as PHONE tokens, ID numbers as ID tokens). Read on the driver, streaming; only the victim-money steps
 * of the crime transfers are kept.
 */
final class Truth {
    static final String VICTIM_TO_L1 = "VICTIM_TO_L1";
    static final String L1_TO_L2 = "L1_TO_L2";
    static final String CASHOUT = "CASHOUT_";
    /** The look-alikes' file, absent from lakes simulated before it existed. */
    static final String LOOKALIKES = "lookalikes.csv";
    /** The truth's account for cash. */
    static final String CASH = "CASH";
    /** Roles of harmed parties and evidence, as the simulator's {@code Roles.HARMED}; every other role offends. */
    static final Set<String> HARMED = Set.of("VICTIM", "VICTIM_ACCOUNT", "VICTIM_PHONE", "INVESTOR",
            "INVESTOR_ACCOUNT", "BURGLARY_VICTIM", "FRAUD_REPORT", "SERIES_INCIDENT", "RIGGED_TENDER");

    /** A victim's payment to a first-layer mule: the victim's ID token, paying account and mule account tokens. */
    record VictimTransfer(String victim, String victimAccount, String mule, Instant time, double amount) {
    }

    /**
     * A legitimate entity that looks like a scheme's: its kind ({@code COURIER_PHONE}, {@code MERCHANT_SWEEP} ...),
     * its type ({@code ACCOUNT}, {@code PHONE} or {@code PERSON}) and its token.
     */
    record Lookalike(String kind, String entityType, String entity) {
    }

    /** A victim-money movement: {@code VICTIM_TO_L1}, {@code L1_TO_L2} or {@code CASHOUT_*}; null account = cash. */
    record Move(String step, Instant time, double amount, String from, String to) {
        boolean cashout() {
            return step.startsWith(CASHOUT);
        }
    }

    /** Account tokens with an offending role in some scheme (mule, fraud, laundering, shell account ...). */
    final Set<String> offendingAccounts;
    /** Phone tokens with an offending role in some scheme (caller, SIM farm number ...). */
    final Set<String> offendingPhones;
    final List<VictimTransfer> victimTransfers;
    /** Sorted by time; at the same instant money arrives before it leaves. */
    final List<Move> moves;
    /** The legitimate look-alikes, in the file's order; null for a lake whose truth has no {@code lookalikes.csv}. */
    final List<Lookalike> lookalikes;

    Truth(Set<String> offendingAccounts, List<VictimTransfer> victimTransfers, List<Move> moves) {
        this(offendingAccounts, Set.of(), victimTransfers, moves);
    }

    Truth(Set<String> offendingAccounts, Set<String> offendingPhones, List<VictimTransfer> victimTransfers,
          List<Move> moves) {
        this(offendingAccounts, offendingPhones, victimTransfers, moves, null);
    }

    Truth(Set<String> offendingAccounts, Set<String> offendingPhones, List<VictimTransfer> victimTransfers,
          List<Move> moves, List<Lookalike> lookalikes) {
        this.lookalikes = lookalikes == null ? null : List.copyOf(lookalikes);
        this.offendingAccounts = Set.copyOf(offendingAccounts);
        this.offendingPhones = Set.copyOf(offendingPhones);
        this.victimTransfers = List.copyOf(victimTransfers);
        List<Move> sorted = new ArrayList<>(moves);
        sorted.sort(Comparator.comparing(Move::time).thenComparingInt(Truth::stepOrder));
        this.moves = List.copyOf(sorted);
    }

    /** Reads the truth folder; fails naming the file and line of a malformed row. */
    static Truth read(Path dir, Pseudonymizer key) throws IOException {
        Set<String> offending = new HashSet<>();
        Set<String> phones = new HashSet<>();
        rows(dir.resolve("entities.csv"), r -> {
            if ("ACCOUNT".equals(r.get("entity_type")) && !HARMED.contains(r.get("role"))) {
                offending.add(key.token(TokenKind.ACCOUNT, r.get("entity_id")));
            } else if ("PHONE".equals(r.get("entity_type")) && !HARMED.contains(r.get("role"))) {
                phones.add(key.token(TokenKind.PHONE, r.get("entity_id")));
            }
        });
        List<VictimTransfer> victims = new ArrayList<>();
        rows(dir.resolve("victim_transfers.csv"), r -> victims.add(new VictimTransfer(
                key.token(TokenKind.ID, r.get("victim_id")), key.token(TokenKind.ACCOUNT, r.get("victim_account")),
                key.token(TokenKind.ACCOUNT, r.get("mule_account")), r.time("txn_time"), r.amount("amount"))));
        List<Move> moves = new ArrayList<>();
        rows(dir.resolve("crime_transfers.csv"), r -> {
            String step = r.get("step");
            if (step.equals(VICTIM_TO_L1) || step.equals(L1_TO_L2) || step.startsWith(CASHOUT)) {
                moves.add(new Move(step, r.time("txn_time"), r.amount("amount"), account(key, r.get("from_account")),
                        account(key, r.get("to_account"))));
            }
        });
        Path file = dir.resolve(LOOKALIKES);
        List<Lookalike> lookalikes = null;
        if (Files.isRegularFile(file)) {
            List<Lookalike> read = new ArrayList<>();
            rows(file, r -> read.add(new Lookalike(r.get("kind"), r.get("entity_type"),
                    key.token(tokenKind(r), r.get("entity_id")))));
            lookalikes = read;
        }
        return new Truth(offending, phones, victims, moves, lookalikes);
    }

    /** How a look-alike's id is tokenized, as conform does for that kind of identifier. */
    private static TokenKind tokenKind(Fields r) {
        return switch (r.get("entity_type")) {
            case "ACCOUNT" -> TokenKind.ACCOUNT;
            case "PHONE" -> TokenKind.PHONE;
            case "PERSON", "COMPANY" -> TokenKind.ID;
            default -> throw new IllegalStateException(r.file() + " line " + r.line() + ", entity_type: '"
                    + r.get("entity_type") + "' is not ACCOUNT, PHONE, PERSON or COMPANY");
        };
    }

    private static String account(Pseudonymizer key, String raw) {
        return raw.isEmpty() || raw.equals(CASH) ? null : key.token(TokenKind.ACCOUNT, raw);
    }

    private static int stepOrder(Move m) {
        return m.step().equals(VICTIM_TO_L1) ? 0 : m.step().equals(L1_TO_L2) ? 1 : 2;
    }

    /** One data row of a truth file, its fields by header name. */
    record Fields(Path file, long line, Map<String, Integer> header, List<String> values) {
        String get(String column) {
            Integer i = header.get(column);
            if (i == null) {
                throw new IllegalStateException(file + ": no column '" + column + "' in the header " + header.keySet()
                        + "; the simulator's truth files are described in simulator/README.md");
            }
            return i < values.size() ? values.get(i) : "";
        }

        Instant time(String column) {
            try {
                return OffsetDateTime.parse(get(column)).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(file + " line " + line + ", " + column + ": '" + get(column)
                        + "' is not an ISO time with offset", e);
            }
        }

        double amount(String column) {
            try {
                return Double.parseDouble(get(column));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(file + " line " + line + ", " + column + ": '" + get(column)
                        + "' is not an amount", e);
            }
        }
    }

    private static void rows(Path file, Consumer<Fields> each) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + file + ": evaluation needs a simulated lake with its truth");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(in)) {
            CsvRecord first = csv.next();
            if (first == null) {
                return;
            }
            Map<String, Integer> header = new HashMap<>();
            for (int i = 0; i < first.fields().size(); i++) {
                header.put(first.fields().get(i), i);
            }
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                if (r.malformed()) {
                    throw new IOException(file + " line " + r.line() + ": " + r.error());
                }
                each.accept(new Fields(file, r.line(), header, r.fields()));
            }
        }
    }
}
