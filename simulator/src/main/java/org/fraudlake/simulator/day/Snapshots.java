package org.fraudlake.simulator.day;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.Rows.AccountRow;
import org.fraudlake.simulator.day.Rows.CompanyRow;
import org.fraudlake.simulator.day.Rows.SubscriberRow;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Company;
import org.fraudlake.simulator.model.Enums.PhoneStatus;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Phone;

/**
 * Takes the end-of-day picture a day's deliveries need: on the first day every account, number and
 * registered company (full snapshots), later only what changed that day (upserts); plus the day's
 * bookings, calls, reports, labels and bids from the {@link DayContext}.
 */
public final class Snapshots {
    private Snapshots() {
    }

    public static DayOutput of(World world, DayContext ctx) {
        boolean full = ctx.day() == 0;
        List<List<AccountRow>> accounts = new ArrayList<>();
        for (int b = 0; b < Parties.PARTNERS; b++) {
            accounts.add(new ArrayList<>());
        }
        for (Account a : full ? world.accounts() : world.touchedAccounts()) {
            if (a.atPartner()) {
                accounts.get(a.bank()).add(row(a));
            }
        }
        List<Map<String, SubscriberRow>> subscribers = new ArrayList<>();
        for (int c = 0; c < Parties.CARRIERS.size(); c++) {
            subscribers.add(new LinkedHashMap<>());
        }
        for (World.PortOut out : world.portOuts()) {
            Phone p = out.phone();
            subscribers.get(out.fromCarrier()).put(p.number(), new SubscriberRow(p.number(), p.holderId(),
                    p.activatedAt(), PhoneStatus.CANCELLED.name(), p.plan().name(), false, out.at()));
        }
        for (Phone p : full ? world.phones() : world.touchedPhones()) {
            subscribers.get(p.carrier()).put(p.number(), row(p));
        }
        List<CompanyRow> companies = new ArrayList<>();
        for (Company c : full ? world.companies() : world.touchedCompanies()) {
            if (c.registered()) {
                companies.add(new CompanyRow(c.uscc(), c.name(), c.legalRepId(), c.capital(), c.regDate(), c.address(),
                        c.phone(), c.status().name()));
            }
        }
        List<List<Call>> calls = new ArrayList<>();
        for (int c = 0; c < Parties.CARRIERS.size(); c++) {
            calls.add(ctx.calls(c));
        }
        List<List<Booking>> bookings = new ArrayList<>();
        for (int b = 0; b < Parties.PARTNERS; b++) {
            bookings.add(ctx.bookings(b));
        }
        List<Incident> incidents = new ArrayList<>(ctx.incidents());
        incidents.sort(Comparator.comparingLong(Incident::reportedAt));
        List<CaseLabel> labels = new ArrayList<>(ctx.labels());
        labels.sort(Comparator.comparingLong(CaseLabel::confirmedAt));
        List<Bid> bids = new ArrayList<>(ctx.bids());
        bids.sort(Comparator.comparing(Bid::tenderId).thenComparingLong(Bid::submittedAt));
        List<List<SubscriberRow>> subscriberRows = new ArrayList<>();
        for (Map<String, SubscriberRow> m : subscribers) {
            subscriberRows.add(new ArrayList<>(m.values()));
        }
        return new DayOutput(ctx.date(), ctx.day(), accounts, bookings, subscriberRows, calls, incidents, labels,
                companies, bids);
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
