package org.fraudlake.publish.outbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fraudlake.schemas.tables.TokenKind;

/**
 * Which partner folder each sent warning goes to, with the partner's own raw identifier. The row's
 * {@code partner} says where it should go; the lake must agree before a raw value leaves it:
 * <ul>
 *   <li>an ACCOUNT goes to its bank, a partner bank, and only when the vault's {@code BANK:account_no} names that
 *       bank; the file gets the part after the colon;</li>
 *   <li>a PHONE with a partner goes to that carrier only when silver subscribers says the carrier holds it;</li>
 *   <li>a PHONE without a partner goes to every carrier only when no partner carrier holds it.</li>
 * </ul>
 * Anything else (a bank outside the partners, a disagreement, no vault entry, another entity type, an identifier that
 * would start a spreadsheet formula: {@link WarningsCsv#identifierProblem}) is withheld
 * and reported, never sent: no folder ever holds another partner's customer. Pure and driver-side.
 */
public final class Routing {
    private Routing() {
    }

    /** A warning that went to no partner, and why (no raw identifier in the reason). */
    public record Withheld(String warningId, String entityType, String partner, String reason) {
    }

    /** The rows per partner (every partner present, possibly empty) and the withheld warnings. */
    public record Routed(Map<String, List<WarningLine>> byPartner, List<Withheld> withheld) {
    }

    public static Routed route(Partners partners, LocalDate date, List<DayWarning> warnings) {
        Map<String, List<WarningLine>> byPartner = new TreeMap<>();
        partners.all().keySet().forEach(p -> byPartner.put(p, new ArrayList<>()));
        List<Withheld> withheld = new ArrayList<>();
        for (DayWarning w : warnings) {
            String why = switch (w.entityType() == null ? "" : w.entityType()) {
                case "ACCOUNT" -> account(partners, date, w, byPartner);
                case "PHONE" -> phone(partners, date, w, byPartner);
                default -> "entity type " + w.entityType() + " is neither ACCOUNT nor PHONE";
            };
            if (why != null) {
                withheld.add(new Withheld(w.warningId(), w.entityType(), w.partner(), why));
            }
        }
        byPartner.replaceAll((p, rows) -> Collections.unmodifiableList(rows));
        return new Routed(Collections.unmodifiableMap(byPartner), List.copyOf(withheld));
    }

    /** Adds an account warning to its bank; the reason it cannot, or null. */
    private static String account(Partners partners, LocalDate date, DayWarning w,
                                  Map<String, List<WarningLine>> byPartner) {
        if (w.partner() == null || !partners.banks().contains(w.partner())) {
            return "bank " + w.partner() + " is not a partner bank";
        }
        String vault = vaultProblem(w, TokenKind.ACCOUNT);
        if (vault != null) {
            return vault;
        }
        int colon = w.vaultValue().indexOf(':');
        if (colon <= 0 || colon == w.vaultValue().length() - 1) {
            return "vault value of the account is not BANK:account_no";
        }
        String bank = w.vaultValue().substring(0, colon);
        if (!bank.equals(w.partner())) {
            return "the vault says the account belongs to bank " + bank + ", not " + w.partner();
        }
        String accountNo = w.vaultValue().substring(colon + 1);
        String unsafe = WarningsCsv.identifierProblem(accountNo);
        if (unsafe != null) {
            return unsafe;
        }
        byPartner.get(w.partner()).add(w.line(date, accountNo));
        return null;
    }

    /** Adds a number to its carrier, or to every carrier when no partner carrier holds it; the reason it cannot. */
    private static String phone(Partners partners, LocalDate date, DayWarning w,
                                Map<String, List<WarningLine>> byPartner) {
        String vault = vaultProblem(w, TokenKind.PHONE);
        if (vault != null) {
            return vault;
        }
        String unsafe = WarningsCsv.identifierProblem(w.vaultValue());
        if (unsafe != null) {
            return unsafe;
        }
        if (w.partner() == null) {
            if (w.holder() != null) {
                return "the number is held by carrier " + w.holder() + " but the warning names no partner";
            }
            for (String carrier : partners.carriers()) {
                byPartner.get(carrier).add(w.line(date, w.vaultValue()));
            }
            return null;
        }
        if (!partners.carriers().contains(w.partner())) {
            return "carrier " + w.partner() + " is not a partner carrier";
        }
        if (!w.partner().equals(w.holder())) {
            return "silver subscribers says the number is held by " + (w.holder() == null ? "no partner carrier"
                    : "carrier " + w.holder()) + ", not " + w.partner();
        }
        byPartner.get(w.partner()).add(w.line(date, w.vaultValue()));
        return null;
    }

    private static String vaultProblem(DayWarning w, TokenKind kind) {
        if (w.vaultValue() == null) {
            return "the vault has no raw value for the token";
        }
        if (w.vaultValues() > 1) {
            return "the vault holds " + w.vaultValues() + " different raw values for the token";
        }
        if (!kind.name().equals(w.vaultKind())) {
            return "the vault's kind " + w.vaultKind() + " is not " + kind;
        }
        return null;
    }
}
