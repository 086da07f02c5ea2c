package org.fraudlake.simulator.life;

import java.util.ArrayList;
import java.util.List;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.freedom.FreedomPlan;
import org.fraudlake.simulator.model.Company;
import org.fraudlake.simulator.model.Enums.CompanyKind;
import org.fraudlake.simulator.model.Enums.Occupation;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times.Profile;
import org.fraudlake.simulator.util.Times;

/**
 * Ordinary calls and messages: friends and family along the social graph (quiet at night), calls to
 * shops and offices and to people outside the city, relatives abroad calling in, verification and
 * delivery SMS from service numbers, couriers making dozens of short calls a day from work numbers in
 * the same handset as their own, sales lines dialling strangers from one office, customers calling
 * their bank. The last three look like call-centre fraud to a naive rule.
 */
public final class TelecomLife {
    /** Daily chance that a resident's off-net contact calls them, and that they call it. */
    private static final double OFF_NET_CALL_IN = 0.35;
    private static final double OFF_NET_CALL_OUT = 0.25;
    private final World world;
    private final List<Phone> courierLines = new ArrayList<>();
    private final List<Phone> salesLines = new ArrayList<>();
    private final List<List<Company>> businessesByDistrict = new ArrayList<>();
    private final String[] serviceNumbers;
    private final double residentShare;
    private final FreedomPlan freedoms;
    private final double callRate;
    private final double courierCalls;
    private final double salesCalls;

    public TelecomLife(World world, FreedomPlan freedoms) {
        this.world = world;
        this.freedoms = freedoms;
        this.callRate = world.profile().volumes().callRate();
        this.courierCalls = world.profile().lookalikes().courierCalls();
        this.salesCalls = world.profile().lookalikes().salesCalls();
        for (int d = 0; d < world.geography().districts(); d++) {
            businessesByDistrict.add(new ArrayList<>());
        }
        for (Company c : world.companies()) {
            if (c.registered()) {
                businessesByDistrict.get(c.district()).add(c);
            }
            for (int id : c.phones()) {
                (c.kind() == CompanyKind.DELIVERY ? courierLines : salesLines).add(world.phone(id));
            }
        }
        Rand r = Rand.of(world.seed(), "service-numbers");
        serviceNumbers = new String[40];
        for (int i = 0; i < serviceNumbers.length; i++) {
            serviceNumbers[i] = "1069" + (10_000_000 + r.nextInt(90_000_000));
        }
        residentShare = Math.min(0.5, world.residents().size() / 40_000.0 + 0.05);
    }

    /** Records the day's ordinary calls and messages. */
    public void simulate(DayContext ctx) {
        Rand r = ctx.rand("telecom");
        boolean workday = ctx.workday();
        for (Person p : world.residents()) {
            Phone main = world.mainPhone(p);
            if (main != null && main.active()) {
                person(ctx, r, p, main, workday);
            }
        }
        couriers(ctx, r, workday);
        sales(ctx, r, workday);
    }

    private void person(DayContext ctx, Rand r, Person p, Phone main, boolean workday) {
        Phone second = p.phones().length > 1 ? world.phone(p.phones()[1]) : null;
        double base = switch (p.occupation()) {
            case STUDENT -> 2.6;
            case WORKER -> 3.2;
            case OWNER -> 4.5;
            case RETIRED -> 1.8;
            case UNEMPLOYED -> 2.4;
        };
        int calls = r.poisson((workday ? base : base * 0.85) * callRate);
        for (int i = 0; i < calls; i++) {
            Phone from = second != null && second.active() && r.chance(0.2) ? second : main;
            long time = ctx.sample(Profile.PEOPLE, r);
            int cell = cell(p, time, workday);
            double x = r.nextDouble();
            if (x < 0.75 && p.contacts().length > 0) {
                Person friend = world.person(r.pick(p.contacts()));
                Phone to = world.mainPhone(friend);
                if (to != null) {
                    boolean family = friend.id() == p.parent() || p.id() == friend.parent();
                    ctx.call(from, cell, to, time, duration(r, family ? 240 : 75), false);
                }
            } else if (x < 0.85 && p.outsideContacts().length > 0) {
                ctx.callOut(from, cell, r.pick(p.outsideContacts()), time, duration(r, 120), false);
            } else {
                List<Company> near = businessesByDistrict.get(p.district());
                if (!near.isEmpty()) {
                    ctx.callOut(from, cell, r.pick(near).phone(), time, duration(r, 50), false);
                }
            }
        }
        int sms = r.poisson(0.25);
        for (int i = 0; i < sms && p.contacts().length > 0; i++) {
            Phone to = world.mainPhone(world.person(r.pick(p.contacts())));
            long time = ctx.sample(Profile.PEOPLE, r);
            if (to != null) {
                ctx.call(main, cell(p, time, workday), to, time, 0, true);
            }
        }
        int notices = r.poisson(0.35);
        for (int i = 0; i < notices; i++) {
            ctx.callIn(r.pick(serviceNumbers), false, main, ctx.sample(Profile.SPENDING, r), 0, true);
        }
        offNet(ctx, p, main, workday);
        if (p.overseasRelative() != null && r.chance(0.12)) {
            ctx.callIn(p.overseasRelative(), true, main, ctx.sample(Profile.NIGHT, r), duration(r, 600), false);
        }
        if (r.chance(0.008)) {
            int bank = p.accounts().length > 0 ? world.account(p.accounts()[0]).bank() : 0;
            long time = ctx.sample(Profile.OFFICE, r);
            ctx.callOut(main, cell(p, time, workday), Parties.serviceLine(bank), time, r.between(60, 900), false);
        }
    }

    /**
     * Calls with the resident's contact on a network outside the partnership, if any: the contact calls in (the
     * resident's carrier reports it) or is called. Own random stream, so the rest of the city is unchanged.
     */
    private void offNet(DayContext ctx, Person p, Phone main, boolean workday) {
        String contact = freedoms.offNetContact(p.id());
        if (contact == null) {
            return;
        }
        Rand r = ctx.rand("freedom-off-net-calls", p.id());
        if (r.chance(OFF_NET_CALL_IN)) {
            boolean sms = r.chance(0.2);
            ctx.callIn(contact, false, main, ctx.sample(Profile.PEOPLE, r), sms ? 0 : duration(r, 90), sms);
        }
        if (r.chance(OFF_NET_CALL_OUT)) {
            long time = ctx.sample(Profile.PEOPLE, r);
            ctx.callOut(main, cell(p, time, workday), contact, time, duration(r, 90), false);
        }
    }

    private static int cell(Person p, long time, boolean workday) {
        int hour = Times.localHour(time);
        boolean atWork = workday && hour >= 9 && hour < 18
                && (p.occupation() == Occupation.WORKER || p.occupation() == Occupation.OWNER);
        return atWork ? p.workCell() : p.homeCell();
    }

    /** Seconds of a call: unanswered now and then, otherwise log-normal around the median. */
    private static int duration(Rand r, double median) {
        if (r.chance(0.12)) {
            return 0;
        }
        return (int) Math.max(3, Math.min(7_200, Math.round(r.logNormal(median, 1.0))));
    }

    private Phone randomResidentPhone(Rand r, int district) {
        List<Person> people = district >= 0 ? world.residentsOf(district) : world.residents();
        if (people.isEmpty()) {
            return null;
        }
        return world.mainPhone(people.get(r.nextInt(people.size())));
    }

    private void couriers(DayContext ctx, Rand r, boolean workday) {
        for (Phone line : courierLines) {
            Person courier = world.person(line.owner());
            int n = r.poisson((workday ? 25 : 14) * courierCalls);
            for (int i = 0; i < n; i++) {
                long time = ctx.start() + r.between(9, 19) * Times.HOUR_MS + r.nextLong(Times.HOUR_MS);
                Phone to = r.chance(0.9) ? randomResidentPhone(r, courier.district()) : null;
                boolean sms = r.chance(0.3);
                int seconds = sms || r.chance(0.2) ? 0 : r.between(10, 60);
                if (to != null) {
                    ctx.call(line, courier.workCell(), to, time, seconds, sms);
                } else {
                    ctx.callOut(line, courier.workCell(), world.ids().outsideMobile(r), time, seconds, sms);
                }
            }
        }
    }

    private void sales(DayContext ctx, Rand r, boolean workday) {
        if (!workday) {
            return;
        }
        for (Phone line : salesLines) {
            int n = r.poisson(60 * salesCalls);
            for (int i = 0; i < n; i++) {
                long time = ctx.sample(Profile.OFFICE, r);
                int seconds = r.chance(0.45) ? 0 : (int) Math.min(600, Math.round(r.logNormal(25, 0.8)));
                Phone to = r.chance(residentShare) ? randomResidentPhone(r, -1) : null;
                if (to != null) {
                    ctx.call(line, line.cell(), to, time, seconds, false);
                } else {
                    ctx.callOut(line, line.cell(), world.ids().outsideMobile(r), time, seconds, false);
                }
            }
        }
    }
}
