package org.fraudlake.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.Feeds.BankFeedback;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.partners.PartnerResponder;
import org.fraudlake.simulator.truth.Roles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated banks answer their outbox folders: a clean city of 5 days, outbox folders written by hand in the
 * contract's format for days 1..3 (per bank: accounts the truth says are mules or other offenders' tools, FREEZE and
 * MONITOR; victims' accounts, CONTACT_VICTIM; made-up accounts no scheme knows, FREEZE), and the responder run after
 * days 1..4.
 */
class PartnerResponderTest {
    private static final int DAYS = 5;
    private static final LocalDate START = SimulationConfig.DEFAULT_START;
    private static final SimulationConfig CITY = new SimulationConfig(500, DAYS, 29L, START, false);
    private static final Set<String> OFFENDER_ANSWERS = Set.of("FROZEN", "MONITORED", "NOT_FOUND");
    private static final Set<String> INNOCENT_ANSWERS = Set.of("CLEARED", "MONITORED", "NOT_FOUND");
    private static final Set<String> VICTIM_ANSWERS = Set.of("VICTIM_CONTACTED", "LOSS_PREVENTED", "MONITORED",
            "NOT_FOUND");
    @TempDir
    static Path root;
    static Lake lake;
    /** Warning id to what it is: OFFENDER, VICTIM or INNOCENT; and to the outbox date it came in. */
    static final Map<String, String> kinds = new TreeMap<>();
    static final Map<String, LocalDate> sentOn = new TreeMap<>();
    static final Map<LocalDate, PartnerResponder.Response> responses = new TreeMap<>();

    @BeforeAll
    static void cityOutboxAndAnswers() throws IOException {
        lake = new Lake(root.toString());
        Cities.simulate(root, CITY.persons(), DAYS, CITY.seed(), START, false);
        Map<String, List<String[]>> byBank = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Map<String, String> e : Cities.truth(root, "entities.csv")) {
            String id = e.get("entity_id");
            if (!"ACCOUNT".equals(e.get("entity_type"))) {
                continue;
            }
            String bank = id.substring(0, id.indexOf(':'));
            if (!Parties.PARTNER_BANKS.contains(bank) || !seen.add(id)) {
                continue;
            }
            boolean victim = Roles.VICTIM_ACCOUNT.equals(e.get("role"));
            if (victim || Roles.offending(e.get("role"))) {
                byBank.computeIfAbsent(bank, k -> new ArrayList<>()).add(new String[]{id.substring(bank.length() + 1),
                        victim ? "VICTIM" : "OFFENDER"});
            }
        }
        for (String bank : Parties.PARTNER_BANKS) {
            List<String[]> accounts = byBank.computeIfAbsent(bank, k -> new ArrayList<>());
            for (int i = 0; i < 6; i++) {
                accounts.add(new String[]{"99000000" + i, "INNOCENT"});
            }
            for (int day = 1; day <= 3; day++) {
                List<String> lines = new ArrayList<>();
                for (int i = day - 1; i < accounts.size(); i += 3) {
                    String[] a = accounts.get(i);
                    String id = "w_" + bank + "_" + i;
                    kinds.put(id, a[1]);
                    sentOn.put(id, START.plusDays(day));
                    lines.add(line(id, START.plusDays(day), a[0], a[1], i));
                }
                writeOutbox(root, bank, START.plusDays(day), lines, null);
            }
        }
        for (int day = 1; day <= 4; day++) {
            responses.put(START.plusDays(day), PartnerResponder.respond(lake, CITY, START.plusDays(day)));
        }
    }

    private static String line(String id, LocalDate date, String accountNo, String kind, int i) {
        String[] typeAndAction = switch (kind) {
            case "VICTIM" -> new String[]{"VICTIM_AT_RISK", "CONTACT_VICTIM"};
            default -> i % 2 == 0 ? new String[]{"MONEY_MULE", "FREEZE"} : new String[]{"FRAUD_ACCOUNT", "MONITOR"};
        };
        return String.join(",", id, date.toString(), accountNo, typeAndAction[0], typeAndAction[1], "0.8123",
                "money_mule;rapid_pass_through", "\"fast pass-through; new account\"", date.plusDays(7).toString());
    }

    /** A folder as the outbox writes it: CRLF CSV, manifest, and the signature when a key pair is given. */
    static void writeOutbox(Path lakeRoot, String bank, LocalDate date, List<String> lines, KeyPair key)
            throws IOException {
        Path dir = lakeRoot.resolve("outbox").resolve(bank).resolve(date.toString());
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("warning_id,business_date,account_no,warning_type,recommended_action,"
                + "score,models,reasons,valid_until\r\n");
        lines.forEach(l -> csv.append(l).append("\r\n"));
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("warnings.csv"), bytes);
        byte[] manifest = ("{\"feed\":\"warnings\",\"partner\":\"" + bank + "\",\"business_date\":\"" + date
                + "\",\"files\":[{\"name\":\"warnings.csv\",\"rows\":" + lines.size() + ",\"sha256\":\""
                + LandingCheck.sha256(bytes) + "\"}]}\n").getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("_manifest.json"), manifest);
        if (key != null) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(key.getPrivate());
                s.update(manifest);
                Files.writeString(dir.resolve("_manifest.json.sig"),
                        Base64.getEncoder().encodeToString(s.sign()) + "\n");
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<LandingCheck.Row> feedbackRows(LocalDate date) throws IOException {
        List<LandingCheck.Row> rows = new ArrayList<>();
        new LandingCheck(root).run(r -> {
            if (r.feed().equals(BankFeedback.NAME) && r.date().equals(date.toString())) {
                rows.add(r);
            }
        });
        return rows;
    }

    private static String action(LandingCheck.Row r) {
        return r.get(BankFeedback.ACTION).trim().toUpperCase(Locale.ROOT);
    }

    private static LocalDate cityDate(String time) {
        return OffsetDateTime.parse(time).atZoneSameInstant(ZoneOffset.ofHours(8)).toLocalDate();
    }

    @Test
    void everyDeliveryFollowsTheContractAndHoldsTheAnswers() throws IOException {
        LandingCheck check = new LandingCheck(root).run(r -> { });
        assertEquals(List.of(), check.findings());
        for (var e : responses.entrySet()) {
            LocalDate delivery = e.getKey().plusDays(1);
            assertEquals(delivery, e.getValue().deliveryDate());
            assertEquals(e.getValue().total(), feedbackRows(delivery).size(), delivery.toString());
            for (String bank : Parties.PARTNER_BANKS) {
                assertTrue(Files.isRegularFile(root.resolve("landing").resolve(BankFeedback.NAME).resolve(bank)
                        .resolve(delivery.toString()).resolve("_manifest.json")), bank + " " + delivery);
            }
        }
        assertTrue(responses.values().stream().mapToInt(PartnerResponder.Response::total).sum() > 30);
    }

    @Test
    void eachWarningIsAnsweredOnceWithinThreeDaysAsTheTruthSays() throws IOException {
        Map<String, LocalDate> answeredOn = new HashMap<>();
        Map<String, Integer> byAction = new TreeMap<>();
        for (int day = 2; day <= 5; day++) {
            LocalDate delivery = START.plusDays(day);
            Set<String> inThisDelivery = new HashSet<>();
            for (LandingCheck.Row r : feedbackRows(delivery)) {
                String id = r.get(BankFeedback.WARNING_ID);
                String kind = kinds.get(id);
                String action = action(r);
                byAction.merge(kind + ":" + action, 1, Integer::sum);
                assertEquals(delivery, cityDate(r.get(BankFeedback.ACTED_AT)), "acted on its delivery's date");
                assertTrue(id.startsWith("w_" + r.source() + "_"), "a bank answers its own warnings");
                Set<String> allowed = switch (kind) {
                    case "OFFENDER" -> OFFENDER_ANSWERS;
                    case "VICTIM" -> VICTIM_ANSWERS;
                    default -> INNOCENT_ANSWERS;
                };
                assertTrue(allowed.contains(action), id + " (" + kind + ") got " + action);
                String amount = r.get(BankFeedback.AMOUNT_PROTECTED);
                if (action.equals("FROZEN") || action.equals("LOSS_PREVENTED")) {
                    assertTrue(amount.isEmpty() || new BigDecimal(amount).compareTo(BigDecimal.ZERO) > 0,
                            id + " " + action + " (empty: an optional value left out)");
                } else {
                    assertEquals("", amount, id + " " + action);
                }
                if (inThisDelivery.add(id)) {
                    LocalDate previous = answeredOn.put(id, delivery);
                    assertEquals(null, previous, id + " answered on " + previous + " and again on " + delivery);
                }
                long days = delivery.toEpochDay() - sentOn.get(id).toEpochDay();
                assertTrue(days >= 1 && days <= 3, id + " answered " + days + " days after it was sent");
            }
        }
        assertEquals(kinds.keySet(), answeredOn.keySet(), "every warning gets an answer");
        assertTrue(byAction.getOrDefault("OFFENDER:FROZEN", 0) > byAction.getOrDefault("OFFENDER:MONITORED", 0),
                byAction.toString());
        assertTrue(byAction.getOrDefault("INNOCENT:CLEARED", 0) > 0, byAction.toString());
        assertTrue(byAction.getOrDefault("VICTIM:VICTIM_CONTACTED", 0) > 0, byAction.toString());
    }

    @Test
    void answeringAgainGivesTheSameBytes() throws IOException {
        Path feedback = root.resolve("landing").resolve(BankFeedback.NAME);
        Map<String, String> before = Cities.fingerprints(feedback);
        for (int day = 4; day >= 1; day--) {
            PartnerResponder.respond(lake, CITY, START.plusDays(day));
        }
        assertEquals(before, Cities.fingerprints(feedback));
    }

    @Test
    void aFaultyCityKeepsItsBrokenFeedbackDeliveryBroken() throws IOException {
        SimulationConfig faulty = new SimulationConfig(CITY.persons(), DAYS, CITY.seed(), START, true);
        try {
            PartnerResponder.respond(lake, faulty, START);
            List<String> findings = new LandingCheck(root).run(r -> { }).findings().stream()
                    .map(LandingCheck.Finding::csv).toList();
            assertEquals(List.of("bank_feedback,BANK_A," + START.plusDays(1) + ",,,REJECT,MISSING_FILE"), findings);
        } finally {
            PartnerResponder.respond(lake, CITY, START);
        }
    }

    @Test
    void aPartnerRefusesAFolderThatDoesNotVerify(@TempDir Path other) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.createDirectories(other.resolve("outbox"));
        Files.writeString(other.resolve("outbox").resolve("signing-key.pub"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        LocalDate date = START.plusDays(1);
        writeOutbox(other, "BANK_A", date, List.of(line("w_1", date, "6222", "OFFENDER", 0)), pair);
        Path csv = other.resolve("outbox/BANK_A/" + date + "/warnings.csv");
        Files.writeString(csv, Files.readString(csv).replace("6222", "6223"));
        IllegalStateException tampered = assertThrows(IllegalStateException.class,
                () -> PartnerResponder.respond(new Lake(other.toString()), CITY, date));
        assertTrue(tampered.getMessage().contains("sha256"), tampered.getMessage());

        writeOutbox(other, "BANK_A", date, List.of(line("w_1", date, "6222", "OFFENDER", 0)),
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        IllegalStateException wrongKey = assertThrows(IllegalStateException.class,
                () -> PartnerResponder.respond(new Lake(other.toString()), CITY, date));
        assertTrue(wrongKey.getMessage().contains("signature does not verify"), wrongKey.getMessage());
    }
}
