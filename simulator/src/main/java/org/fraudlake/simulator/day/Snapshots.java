package org.fraudlake.simulator.day;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fraudlake.schemas.Feeds.CaseLabels;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.Rows.AccountRow;
import org.fraudlake.simulator.day.Rows.CompanyRow;
import org.fraudlake.simulator.day.Rows.SubscriberRow;
import org.fraudlake.simulator.freedom.FreedomPlan;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Company;
import org.fraudlake.simulator.model.Enums.PhoneStatus;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Phone;

/**
 * Takes the end-of-day picture a day's deliveries need: on a source's first delivery every account, number and
 * registered company (full snapshots), later only what changed that day (upserts); plus the day's bookings,
 * calls, reports, labels and bids from the {@link DayContext}. Applies the {@link FreedomPlan}: a register change
 * of a day its source is silent comes with the source's next delivery, an unlisted account's row comes late or
 * never, labels of case management's quiet spell come after it, calls of a carrier that has not joined yet are
 * reported by the partner carrier of the other party (or by no one), a silent carrier's calls by no one.
 * Keeps what waits from one day to the next, so one instance serves a whole simulation, day after day.
 */
public final class Snapshots {
    private final FreedomPlan plan;
    /** Per partner bank: accounts whose row waits, with the first day it may be delivered. */
    private final List<Map<Account, Integer>> waitingAccounts = new ArrayList<>();
    /** Accounts already given their listing day. */
    private final Map<Account, Integer> listingDay = new HashMap<>();
    private final List<Map<String, SubscriberRow>> waitingSubscribers = new ArrayList<>();
    private final List<CaseLabel> waitingLabels = new ArrayList<>();

    public Snapshots(FreedomPlan plan) {
        this.plan = plan;
        for (int b = 0; b < Parties.PARTNERS; b++) {
            waitingAccounts.add(new LinkedHashMap<>());
        }
        for (int c = 0; c < Parties.CARRIERS.size(); c++) {
            waitingSubscribers.add(new LinkedHashMap<>());
        }
    }

    public DayOutput of(World world, DayContext ctx) {
        int day = ctx.day();
        List<List<AccountRow>> accounts = new ArrayList<>();
        for (int b = 0; b < Parties.PARTNERS; b++) {
            accounts.add(accounts(world, b, day));
        }
        List<List<SubscriberRow>> subscriberRows = subscribers(world, day);
        List<CompanyRow> companies = new ArrayList<>();
        for (Company c : day == 0 ? world.companies() : world.touchedCompanies()) {
            if (c.registered()) {
                companies.add(new CompanyRow(c.uscc(), c.name(), c.legalRepId(), c.capital(), c.regDate(), c.address(),
                        c.phone(), c.status().name()));
            }
        }
        List<List<Call>> calls = calls(world, ctx);
        List<List<Booking>> bookings = new ArrayList<>();
        for (int b = 0; b < Parties.PARTNERS; b++) {
            bookings.add(ctx.bookings(b));
        }
        List<Incident> incidents = new ArrayList<>(ctx.incidents());
        incidents.sort(Comparator.comparingLong(Incident::reportedAt));
        waitingLabels.addAll(ctx.labels());
        List<CaseLabel> labels = new ArrayList<>();
        if (!plan.quiet(CaseLabels.NAME, Parties.CASE_MANAGEMENT, day)) {
            labels.addAll(waitingLabels);
            waitingLabels.clear();
        }
        labels.sort(Comparator.comparingLong(CaseLabel::confirmedAt));
        List<Bid> bids = new ArrayList<>(ctx.bids());
        bids.sort(Comparator.comparing(Bid::tenderId).thenComparingLong(Bid::submittedAt));
        return new DayOutput(ctx.date(), day, accounts, bookings, subscriberRows, calls, incidents, labels,
                companies, bids);
    }

    private List<AccountRow> accounts(World world, int bank, int day) {
        String code = Parties.bankCode(bank);
        List<AccountRow> rows = new ArrayList<>();
        if (day < plan.joinDay(code)) {
            return rows;
        }
        Map<Account, Integer> waiting = waitingAccounts.get(bank);
        boolean full = plan.firstDelivery(code, day);
        for (Account a : full ? world.accounts() : world.touchedAccounts()) {
            if (a.atPartner() && a.bank() == bank) {
                int from = listingDay.computeIfAbsent(a, k -> plan.listedFrom(k, day));
                if (from >= 0) {
                    waiting.put(a, from);
                }
            }
        }
        if (!plan.delivers(code, day)) {
            return rows;
        }
        var it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue() <= day) {
                rows.add(row(e.getKey()));
                it.remove();
            }
        }
        return rows;
    }

    private List<List<SubscriberRow>> subscribers(World world, int day) {
        List<Map<String, SubscriberRow>> today = new ArrayList<>();
        for (int c = 0; c < Parties.CARRIERS.size(); c++) {
            today.add(new LinkedHashMap<>());
        }
        for (World.PortOut out : world.portOuts()) {
            Phone p = out.phone();
            today.get(out.fromCarrier()).put(p.number(), new SubscriberRow(p.number(), p.holderId(),
                    p.activatedAt(), PhoneStatus.CANCELLED.name(), p.plan().name(), false, out.at()));
        }
        for (int c = 0; c < Parties.CARRIERS.size(); c++) {
            if (plan.firstDelivery(Parties.carrierCode(c), day)) {
                for (Phone p : world.phones()) {
                    if (p.carrier() == c) {
                        today.get(c).put(p.number(), row(p));
                    }
                }
            }
        }
        for (Phone p : world.touchedPhones()) {
            today.get(p.carrier()).put(p.number(), row(p));
        }
        List<List<SubscriberRow>> out = new ArrayList<>();
        for (int c = 0; c < Parties.CARRIERS.size(); c++) {
            String code = Parties.carrierCode(c);
            Map<String, SubscriberRow> waiting = waitingSubscribers.get(c);
            if (day < plan.joinDay(code)) {
                out.add(new ArrayList<>());
                continue;
            }
            waiting.putAll(today.get(c));
            if (plan.delivers(code, day)) {
                out.add(new ArrayList<>(waiting.values()));
                waiting.clear();
            } else {
                out.add(new ArrayList<>());
            }
        }
        return out;
    }

    /** The calls each carrier reports today. */
    private List<List<Call>> calls(World world, DayContext ctx) {
        int day = ctx.day();
        List<List<Call>> calls = new ArrayList<>();
        for (int c = 0; c < Parties.CARRIERS.size(); c++) {
            calls.add(new ArrayList<>(ctx.calls(c)));
        }
        Map<String, Integer> carrierOf = null;
        for (int c = 0; c < Parties.CARRIERS.size(); c++) {
            String code = Parties.carrierCode(c);
            if (day < plan.joinDay(code)) {
                if (carrierOf == null) {
                    carrierOf = new HashMap<>();
                    for (Phone p : world.phones()) {
                        carrierOf.put(p.number(), p.carrier());
                    }
                }
                for (Call call : calls.get(c)) {
                    Integer to = carrierOf.get(call.callee());
                    if (call.carrier() == c && to != null && to != c
                            && day >= plan.joinDay(Parties.carrierCode(to))) {
                        calls.get(to).add(new Call(call.time(), to, call.caller(), call.callee(), call.durationS(),
                                call.sms(), null, null, call.international()));
                    }
                }
                calls.set(c, new ArrayList<>());
            }
        }
        for (int c = 0; c < Parties.CARRIERS.size(); c++) {
            if (!plan.delivers(Parties.carrierCode(c), day)) {
                calls.set(c, new ArrayList<>());
            }
            calls.get(c).sort(Comparator.comparingLong(Call::time));
        }
        return calls;
    }

    private static AccountRow row(Account a) {
        return new AccountRow(a.number(), a.holderId(), a.holderName(), a.companyHolder(), a.holderBirth(), a.phone(),
                a.openDate(), a.status().name(), a.type().name(), a.branch(), a.updatedAt());
    }

    private static SubscriberRow row(Phone p) {
        return new SubscriberRow(p.number(), p.holderId(), p.carrierSince(), p.status().name(), p.plan().name(),
                p.portedIn(), p.updatedAt());
    }
}
