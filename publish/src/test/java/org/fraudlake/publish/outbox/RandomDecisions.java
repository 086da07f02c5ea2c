package org.fraudlake.publish.outbox;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.schemas.tables.TokenKind;

/**
 * A random city of partners, accounts and numbers with its vault, subscribers and a random day of published
 * decisions: consistent ones, and ones the lake contradicts (wrong bank, a bank outside the partners, a held number
 * without a partner, a number held by another carrier, no vault entry), plus unsent rows and rows of another date.
 * Knows the truth: who owns each entity, and which partners each row must reach.
 */
final class RandomDecisions {
    static final StructType PUBLISHED = StructType.fromDDL("warning_id STRING, partner STRING, entity_type STRING, "
            + "entity_id STRING, warning_type STRING, action STRING, score DOUBLE, models ARRAY<STRING>, "
            + "reasons ARRAY<STRING>, valid_from DATE, valid_until DATE, status STRING, sent BOOLEAN, "
            + "business_date DATE");
    static final StructType VICTIMS = PUBLISHED.add("person_id", "string");
    static final StructType VAULT = StructType.fromDDL(
            "token STRING, kind STRING, value STRING, source STRING, first_seen DATE");
    static final StructType ACCOUNTS = StructType.fromDDL("account_id STRING, bank STRING, holder_id STRING, "
            + "first_seen DATE");
    static final StructType SUBSCRIBERS = StructType.fromDDL("phone STRING, carrier STRING, holder_id STRING, "
            + "owner_since DATE");
    static final StructType LEDGER = org.fraudlake.schemas.tables.DeliveryLedger.SCHEMA;
    private static final String[] REASONS = {"received victim money and moved it out within 10 minutes",
        "shares a handset with 3 flagged numbers", "called 40 strangers, \"bank\" script", "新开户, 大额快进快出",
        "line one\nline two", "pays, then withdraws; ATM", "  "};
    private static final Pseudonymizer TOKENS = new Pseudonymizer("0123456789abcdef0123456789abcdef".getBytes());

    /** An account or number of the city, with its raw value and owner (null: no partner carrier holds it). */
    record Entity(String kind, String token, String raw, String owner) {
    }

    /** What must happen to a published row: the partners it reaches, or withheld (then reaches none). */
    record Expectation(String warningId, Entity entity, Set<String> partners, boolean withheld) {
    }

    final LocalDate date;
    final List<String> banks = new ArrayList<>();
    final List<String> carriers = new ArrayList<>();
    final List<Row> interceptList = new ArrayList<>();
    final List<Row> victimWarnings = new ArrayList<>();
    final List<Row> vault = new ArrayList<>();
    final List<Row> accounts = new ArrayList<>();
    final List<Row> subscribers = new ArrayList<>();
    final List<Row> ledger = new ArrayList<>();
    final Map<String, Expectation> expectations = new LinkedHashMap<>();
    private final Map<String, Entity> byToken = new HashMap<>();
    private final List<Entity> partnerAccounts = new ArrayList<>();
    private final List<Entity> outsideAccounts = new ArrayList<>();
    private final List<Entity> heldPhones = new ArrayList<>();
    private final List<Entity> freePhones = new ArrayList<>();
    private final List<Entity> ghosts = new ArrayList<>();
    private final Random random;
    private int ids;

    RandomDecisions(long seed, LocalDate date) {
        this.random = new Random(seed);
        this.date = date;
        Date seen = Date.valueOf(date.minusDays(1 + random.nextInt(20)));
        int nBanks = 1 + random.nextInt(4);
        for (int i = 0; i < nBanks; i++) {
            banks.add("BANK_" + (char) ('A' + i));
        }
        int nCarriers = 1 + random.nextInt(3);
        for (int i = 0; i < nCarriers; i++) {
            carriers.add("CARRIER_" + (char) ('X' + i));
        }
        String outsideBank = "OTHERBANK";
        String lateBank = "BANK_LATE";
        // Account numbers from a small pool, so the same number exists at several banks.
        for (int i = 0, n = random.nextInt(25); i < n; i++) {
            int where = random.nextInt(8);
            String bank = where == 0 ? outsideBank : where == 1 ? lateBank : pick(banks);
            Entity e = account(bank, "6222" + String.format("%04d", random.nextInt(30)));
            if (byToken.containsKey(e.token())) {
                continue;
            }
            byToken.put(e.token(), e);
            boolean partner = banks.contains(bank);
            (partner ? partnerAccounts : outsideAccounts).add(e);
            String source = bank.equals(outsideBank) ? pick(banks) : bank;
            vault.add(RowFactory.create(e.token(), "ACCOUNT", e.raw(), source, seen));
            if (random.nextBoolean()) {
                vault.add(RowFactory.create(e.token(), "ACCOUNT", e.raw(), "PSB_110", seen));
            }
            if (partner) {
                accounts.add(RowFactory.create(e.token(), bank, "id_" + i, seen));
            } else if (bank.equals(lateBank)) {
                // A bank that joins after the date: not a partner on it, so its accounts go nowhere.
                Date later = Date.valueOf(date.plusDays(1));
                accounts.add(RowFactory.create(e.token(), bank, "id_" + i, later));
                ledger.add(ledgerRow("bank_accounts", lateBank, later));
            }
        }
        for (int i = 0, n = random.nextInt(25); i < n; i++) {
            String holder = random.nextInt(3) == 0 ? null : pick(carriers);
            String number = (holder == null ? "+44 7700 " : "13") + String.format("%09d", random.nextInt(60));
            String normalized = Pseudonymizer.normalize(TokenKind.PHONE, number);
            String token = TOKENS.token(TokenKind.PHONE, number);
            if (byToken.containsKey(token)) {
                continue;
            }
            Entity e = new Entity("PHONE", token, normalized, holder);
            byToken.put(token, e);
            (holder == null ? freePhones : heldPhones).add(e);
            vault.add(RowFactory.create(token, "PHONE", normalized, holder == null ? pick(carriers) : holder, seen));
            if (random.nextBoolean()) {
                vault.add(RowFactory.create(token, "PHONE", normalized, "PSB_110", seen));
            }
            if (holder != null) {
                subscribers.add(RowFactory.create(token, holder, "id_p" + i, seen));
            }
        }
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            ghosts.add(random.nextBoolean() ? account(pick(banks), "9999" + i)
                    : new Entity("PHONE", TOKENS.token(TokenKind.PHONE, "1390000000" + i), null, pick(carriers)));
        }
        // A partner may be known only by its deliveries (no accounts or numbers yet): it still gets a folder.
        if (random.nextInt(4) == 0) {
            String quiet = "CARRIER_Q";
            carriers.add(quiet);
            ledger.add(ledgerRow("call_records", quiet, seen));
        }
        if (random.nextInt(4) == 0) {
            String quiet = "BANK_Q";
            banks.add(quiet);
            ledger.add(ledgerRow("bank_transactions", quiet, seen));
        }
        ledger.add(ledgerRow("incidents", "PSB_110", seen));
        // Every partner delivers: one with no account or number in silver yet is known by its deliveries alone.
        for (String bank : banks) {
            if (random.nextBoolean() || accounts.stream().noneMatch(r -> bank.equals(r.getString(1)))) {
                ledger.add(ledgerRow("bank_transactions", bank, seen));
            }
        }
        for (String carrier : carriers) {
            if (random.nextBoolean() || subscribers.stream().noneMatch(r -> carrier.equals(r.getString(1)))) {
                ledger.add(ledgerRow("subscribers", carrier, seen));
            }
        }
        // A rejected delivery (a mistyped sender folder, say) does not make its sender a partner.
        ledger.add(ledgerRow("bank_transactions", "BANK_REJECTED", seen, "REJECTED"));
        decide(random.nextInt(40));
    }

    private static Row ledgerRow(String feed, String source, Date day) {
        return ledgerRow(feed, source, day, "LOADED");
    }

    private static Row ledgerRow(String feed, String source, Date day, String status) {
        return RowFactory.create(feed, source, day, "d_" + source, "f", status, 1, 1, 1L, 1L, 0L, 1L, null, null,
                new java.sql.Timestamp(0));
    }

    private static Entity account(String bank, String number) {
        String normalized = Pseudonymizer.normalize(TokenKind.ACCOUNT, bank + ":" + number);
        return new Entity("ACCOUNT", TOKENS.token(TokenKind.ACCOUNT, bank + ":" + number), normalized, bank);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private void decide(int rows) {
        for (int i = 0; i < rows; i++) {
            switch (random.nextInt(11)) {
                case 0, 1 -> {
                    if (!partnerAccounts.isEmpty()) {
                        Entity e = pick(partnerAccounts);
                        row(e, e.owner(), Set.of(e.owner()), false, true, date);
                    }
                }
                case 2 -> {
                    if (!heldPhones.isEmpty()) {
                        Entity e = pick(heldPhones);
                        row(e, e.owner(), Set.of(e.owner()), false, true, date);
                    }
                }
                case 3 -> {
                    if (!freePhones.isEmpty()) {
                        row(pick(freePhones), null, new TreeSet<>(carriers), false, true, date);
                    }
                }
                case 4 -> {
                    if (!partnerAccounts.isEmpty() && banks.size() > 1) {
                        Entity e = pick(partnerAccounts);
                        String wrong = banks.stream().filter(b -> !b.equals(e.owner())).findFirst().orElseThrow();
                        row(e, wrong, Set.of(), true, true, date);
                    }
                }
                case 5 -> {
                    if (!outsideAccounts.isEmpty()) {
                        Entity e = pick(outsideAccounts);
                        row(e, e.owner(), Set.of(), true, true, date);
                    }
                }
                case 6 -> {
                    if (!heldPhones.isEmpty()) {
                        row(pick(heldPhones), null, Set.of(), true, true, date);
                    }
                }
                case 7 -> {
                    if (!heldPhones.isEmpty() && carriers.size() > 1) {
                        Entity e = pick(heldPhones);
                        String wrong = carriers.stream().filter(c -> !c.equals(e.owner())).findFirst().orElseThrow();
                        row(e, wrong, Set.of(), true, true, date);
                    } else if (!freePhones.isEmpty()) {
                        row(pick(freePhones), pick(carriers), Set.of(), true, true, date);
                    }
                }
                case 8 -> {
                    if (!ghosts.isEmpty()) {
                        Entity e = pick(ghosts);
                        row(e, e.owner(), Set.of(), true, true, date);
                    }
                }
                case 9 -> {
                    if (!partnerAccounts.isEmpty()) {
                        Entity e = pick(partnerAccounts);
                        row(e, e.owner(), Set.of(), false, false, date);
                    }
                }
                default -> {
                    if (!heldPhones.isEmpty()) {
                        Entity e = pick(heldPhones);
                        row(e, e.owner(), Set.of(), false, true, date.minusDays(1));
                    }
                }
            }
        }
    }

    private void row(Entity e, String partner, Set<String> reaches, boolean withheld, boolean sent, LocalDate day) {
        String id = String.format("w_%04x%02x", ids++, random.nextInt(256));
        boolean victim = e.kind().equals("ACCOUNT") && random.nextInt(3) == 0;
        String type = victim ? "VICTIM_AT_RISK" : e.kind().equals("ACCOUNT")
                ? pick(List.of("FRAUD_ACCOUNT", "MONEY_MULE", "LAUNDERING")) : pick(List.of("FRAUD_PHONE",
                "HANDSET_FARM"));
        String action = victim ? "CONTACT_VICTIM" : e.kind().equals("ACCOUNT") ? pick(List.of("FREEZE", "MONITOR"))
                : pick(List.of("BLOCK", "MONITOR"));
        double score = random.nextInt(10) == 0 ? pick(List.of(0.0, 1.0, 0.99995)) : random.nextDouble();
        List<String> models = random.nextBoolean() ? List.of("money_mule") : List.of("fraud_phone", "handset_farm");
        List<String> reasons = new ArrayList<>();
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            reasons.add(pick(List.of(REASONS)));
        }
        Date from = Date.valueOf(day);
        Date until = Date.valueOf(day.plusDays(1 + random.nextInt(14)));
        Object[] values = {id, partner, e.kind(), e.token(), type, action, score, models, reasons, from, until,
            "NEW", sent, Date.valueOf(day)};
        if (victim) {
            Object[] withPerson = java.util.Arrays.copyOf(values, values.length + 1);
            withPerson[values.length] = "id_victim";
            victimWarnings.add(RowFactory.create(withPerson));
        } else {
            interceptList.add(RowFactory.create(values));
        }
        if (sent && day.equals(date)) {
            expectations.put(id, new Expectation(id, e, reaches, withheld));
        } else {
            expectations.put(id, new Expectation(id, e, Set.of(), false));
        }
    }

    /** The entity a token stands for. */
    Entity entity(String token) {
        return byToken.get(token);
    }

    /** The partner's own identifier of an entity, as its file must show it. */
    static String identifier(Entity e) {
        return e.kind().equals("ACCOUNT") ? e.raw().substring(e.raw().indexOf(':') + 1) : e.raw();
    }
}
