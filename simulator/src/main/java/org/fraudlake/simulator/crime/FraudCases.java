package org.fraudlake.simulator.crime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.CaseLabel;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.Incident;
import org.fraudlake.simulator.life.Texts;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.truth.Roles;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times.Profile;
import org.fraudlake.simulator.util.Times;

/**
 * The aftermath of a call centre's frauds: victims' police reports, with what they remember (some
 * accounts, some numbers, the loss roughly), and the labels investigations confirm days later (part of the
 * mules and lines, sometimes a wrong label withdrawn). Also the cases from before the first simulated day
 * that conclude during it.
 */
final class FraudCases {
    private final CallCenter centre;
    private final World world;

    FraudCases(CallCenter centre, World world) {
        this.centre = centre;
        this.world = world;
    }

    /** The victim walks into a police station; an investigation labels part of what happened later. */
    void report(DayContext ctx, Victim v) {
        if (v.lost <= 0) {
            return;
        }
        Rand r = centre.rand(ctx, v.person.id());
        long loss = r.chance(0.7) ? v.lost : r.chance(0.5) ? Scheme.floor(v.lost, 100_000)
                : Scheme.floor(Math.round(v.lost * r.uniform(0.6, 0.9)), 100);
        List<Account> suspects = pickSome(r, v.mules);
        List<String> phones = pickSome(r, new ArrayList<>(v.callers));
        List<Account> own = r.chance(0.7) ? v.paidFrom : v.paidFrom.subList(0, 1);
        Incident filed = file(ctx, r, v.person, v.phone, v.fraudType, loss, r.chance(0.85) ? v.firstPaid : null,
                keys(own), suspects.isEmpty() ? null : keys(suspects),
                phones.isEmpty() ? null : String.join(";", phones), v.transfers);
        investigate(ctx, r, v, filed, suspects, phones);
    }

    /** Files a victim's report at the police today. */
    private Incident file(DayContext ctx, Rand r, Person victim, Phone phone, String fraudType, long loss,
                          Long occurred, String victimAccounts, String suspectAccounts, String suspectPhones,
                          int transfers) {
        var community = ctx.geography().community(victim.community());
        return ctx.incident(new Incident(null, ctx.sample(Profile.MORNING, r), "TELECOM_FRAUD", fraudType, occurred,
                ctx.geography().districtName(victim.district()), community.name(),
                community.lat() + r.uniform(-0.003, 0.003), community.lon() + r.uniform(-0.003, 0.003),
                victim.idNumber(), phone.number(), loss, victimAccounts, suspectAccounts, suspectPhones,
                "PHONE_CALL;TRANSFER", Texts.fraud(fraudType, transfers, loss, r), centre.id(),
                Roles.FRAUD_REPORT));
    }

    private void investigate(DayContext ctx, Rand r, Victim v, Incident filed, List<Account> suspects,
                             List<String> phones) {
        LocalDate on = ctx.date().plusDays(r.between(1, 10));
        String caseNo = "AJ" + filed.id().substring(1);
        if (r.chance(0.7)) {
            label(ctx, r, on, TruthLog.PERSON, v.person.idNumber(), "VICTIM", caseNo, null, null);
        }
        for (Account a : suspects) {
            String kind = r.chance(0.7) ? "MONEY_MULE" : "FRAUD_ACCOUNT";
            label(ctx, r, on, TruthLog.ACCOUNT, a.key(), kind, caseNo, a, null);
        }
        for (Account a : v.mules) {
            if (!suspects.contains(a) && r.chance(0.5)) {
                label(ctx, r, on.plusDays(r.between(0, 5)), TruthLog.ACCOUNT, a.key(), "MONEY_MULE", caseNo, a, null);
            }
        }
        for (Account a : new LinkedHashSet<>(v.secondLayer)) {
            if (r.chance(0.4)) {
                label(ctx, r, on.plusDays(r.between(2, 10)), TruthLog.ACCOUNT, a.key(), "MONEY_MULE", caseNo, a, null);
            }
        }
        for (String number : phones) {
            Phone p = v.callerPhones.stream().filter(x -> x.number().equals(number)).findFirst().orElse(null);
            label(ctx, r, on, TruthLog.PHONE, number, "FRAUD_PHONE", caseNo, null, p);
        }
        if (r.chance(0.12) && !v.paidFrom.isEmpty()) {
            Account own = v.paidFrom.get(0);
            label(ctx, r, on, TruthLog.ACCOUNT, own.key(), "FRAUD_ACCOUNT", caseNo, own, null);
            label(ctx, r, on.plusDays(r.between(2, 8)), TruthLog.ACCOUNT, own.key(), "CLEARED", caseNo, own, null);
        }
    }

    /**
     * Cases from before the first simulated day conclude during it: some of today's first-layer mules and
     * lines were reported earlier and get labelled (and frozen or suspended) in the first days; and an
     * investigation that wrongly labelled an ordinary account withdraws the label a few days later.
     */
    void history(DayContext ctx, Rand r, List<Account> firstLayer, List<Phone> lines) {
        int span = Math.max(1, ctx.days() / 2);
        String caseNo = "AJ" + centre.id().replace("-", "") + ctx.date().toString().replace("-", "");
        for (Account mule : firstLayer) {
            if (r.chance(0.5)) {
                centre.entity(Roles.MULE_L1, mule);
                LocalDate on = ctx.date().plusDays(1 + r.nextInt(span));
                label(ctx, r, on, TruthLog.ACCOUNT, mule.key(), "MONEY_MULE", caseNo, mule, null);
            }
        }
        for (Phone line : lines) {
            if (r.chance(0.3)) {
                LocalDate on = ctx.date().plusDays(1 + r.nextInt(span));
                label(ctx, r, on, TruthLog.PHONE, line.number(), "FRAUD_PHONE", caseNo, null, line);
            }
        }
        for (int i = r.between(1, 2); i > 0 && !firstLayer.isEmpty() && !lines.isEmpty(); i--) {
            LocalDate on = ctx.date().plusDays(r.nextInt(Math.min(3, ctx.days())));
            earlierVictim(ctx, r, on, r.pick(firstLayer), r.pick(lines));
        }
        for (int i = 0; i < 2; i++) {
            Person p = world.residents().get(r.nextInt(world.residents().size()));
            Account a = p.involved() ? null : world.partnerDebit(p);
            if (a != null) {
                LocalDate on = ctx.date().plusDays(1 + r.nextInt(span));
                label(ctx, r, on, TruthLog.ACCOUNT, a.key(), "FRAUD_ACCOUNT", caseNo, a, null);
                label(ctx, r, on.plusDays(r.between(2, 6)), TruthLog.ACCOUNT, a.key(), "CLEARED", caseNo, a, null);
            }
        }
    }

    /** Someone defrauded just before the first day reports it in the first days, naming today's mules and lines. */
    private void earlierVictim(DayContext ctx, Rand r, LocalDate on, Account mule, Phone line) {
        Person p = centre.recruit(r, 50, 85, x -> world.mainPhone(x) != null && world.richestAccount(x) != null);
        if (p == null) {
            return;
        }
        Account own = world.richestAccount(p);
        long occurred = Times.dayStart(ctx.date()) - r.between(1, 4) * Times.DAY_MS + r.between(9, 18) * Times.HOUR_MS
                + r.nextLong(Times.HOUR_MS) / 1000 * 1000;
        long loss = Math.round(r.logNormal(50_000, 0.8)) * 100;
        String fraudType = CallCenter.fraudType(r, p.age(ctx.date()));
        centre.entity(Roles.VICTIM, p);
        centre.entity(Roles.VICTIM_ACCOUNT, own);
        centre.entity(Roles.MULE_L1, mule);
        ctx.agenda().act(on, c -> {
            Rand rr = centre.rand(c, p.id());
            file(c, rr, p, world.mainPhone(p), fraudType, loss, occurred, own.key(), mule.key(),
                    rr.chance(0.7) ? line.number() : null, rr.between(1, 3));
        });
    }

    private static void label(DayContext ctx, Rand r, LocalDate on, String type, String entityId, String label,
                              String caseNo, Account a, Phone p) {
        long at = Times.at(on, r.between(9, 17), r.nextInt(60), r.nextInt(60)) + r.nextInt(1000);
        ctx.agenda().label(on, new CaseLabel(type, entityId, label, at, caseNo, a, p));
    }

    private static <T> List<T> pickSome(Rand r, List<T> items) {
        double x = r.nextDouble();
        if (items.isEmpty() || x < 0.2) {
            return List.of();
        }
        if (x < 0.5 || items.size() == 1) {
            return List.of(items.get(0));
        }
        return List.copyOf(items);
    }

    private static String keys(List<Account> accounts) {
        StringBuilder sb = new StringBuilder();
        for (Account a : accounts) {
            sb.append(sb.length() > 0 ? ";" : "").append(a.key());
        }
        return sb.toString();
    }
}
