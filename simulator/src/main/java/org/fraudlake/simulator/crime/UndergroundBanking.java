package org.fraudlake.simulator.crime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.simulator.city.IdentityFactory;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.Booking;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.Transfer;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Enums.Channel;
import org.fraudlake.simulator.model.Enums.Occupation;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.truth.Roles;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times.Profile;
import org.fraudlake.simulator.util.Times;

/**
 * Underground banking: an operator runs a ring of personal accounts at several banks (his own, relatives',
 * bought ones). Customers pay in round sums; the money hops between ring accounts across banks and is paid
 * out, a little less and again round, to recipients. Many-to-many, high volume, balances near zero at
 * night. Wholesalers and shops with heavy fan-in are the look-alikes.
 */
public final class UndergroundBanking extends Scheme {
    private static final long[] SUMS = {10_000, 20_000, 30_000, 50_000, 80_000, 100_000, 150_000, 200_000};
    private final Person operator;
    private final List<Account> ring = new ArrayList<>();
    private final List<Account> customers = new ArrayList<>();
    private final List<Account> recipients = new ArrayList<>();
    private final double volume;

    public UndergroundBanking(World world, TruthLog truth, String id) {
        super(world, truth, id);
        Rand s = setup();
        LocalDate start = world.start();
        int persons = world.residents().size();
        this.operator = recruitOrStraw(s, 30, 60, p -> p.occupation() == Occupation.OWNER
                || p.occupation() == Occupation.WORKER);
        entity(Roles.UB_OPERATOR, operator);
        int size = Math.max(4, Math.min(10, persons / 1_500 + 3));
        for (int i = 0; i < size; i++) {
            Person holder = i < 2 ? operator : s.chance(0.5) ? recruit(s, 20, 70, p -> true) : straw(s);
            if (holder == null) {
                holder = straw(s);
            }
            Account a = open(holder, (i + s.nextInt(Parties.PARTNERS)) % Parties.PARTNERS,
                    start.minusDays(s.between(10, 200)), s);
            a.balance(s.between(5, 30) * 10_000L * 100);
            ring.add(a);
            entity(Roles.UB_ACCOUNT, a);
        }
        int customerCount = Math.max(3, Math.min(15, persons / 1_000));
        for (int i = 0; i < customerCount; i++) {
            Person p = recruit(s, 28, 65, x -> x.occupation() == Occupation.OWNER && x.accounts().length > 0);
            Account a = p == null ? null : world.mainAccount(p);
            if (a != null) {
                a.balance(a.balance() + s.between(50, 200) * 10_000L * 100);
                customers.add(a);
            }
        }
        int recipientCount = Math.max(2, Math.min(10, persons / 1_500));
        for (int i = 0; i < recipientCount; i++) {
            recipients.add(s.chance(0.5) ? open(straw(s), -1, start.minusDays(s.between(100, 900)), s)
                    : open(straw(s), s.nextInt(Parties.PARTNERS), start.minusDays(s.between(100, 900)), s));
        }
        this.volume = Math.max(4, Math.min(30, persons / 4_000.0 + 4));
    }

    @Override
    public String type() {
        return "UNDERGROUND_BANKING";
    }

    @Override
    protected String description() {
        return "many-to-many cross-bank flows of round sums through a ring of personal accounts";
    }

    @Override
    public void simulate(DayContext ctx) {
        if (customers.isEmpty()) {
            return;
        }
        Rand r = rand(ctx);
        int n = r.poisson(ctx.workday() ? volume : volume * 0.4);
        for (int i = 0; i < n; i++) {
            Account from = r.pick(customers);
            Account collector = r.pick(ring);
            long amount = SUMS[r.nextInt(SUMS.length)] * 100;
            Person customer = holder(from);
            entity(Roles.UB_CUSTOMER, from);
            ctx.transfer(Transfer.of(ctx.sample(Profile.OFFICE, r), from, collector, amount, Channel.MOBILE)
                    .device(customer == null ? null : IdentityFactory.deviceId(customer.imei(), from.bank()))
                    .ip(ctx.geography().mobileIp(r)).remark(r.pick(new String[] {"货款", "", "还款"}))
                    .tag(id(), "CUSTOMER_IN").then(this::collected));
            active(ctx.date());
        }
    }

    private String device(Account a) {
        return IdentityFactory.deviceId(operator.imei(), a.bank());
    }

    private void collected(DayContext ctx, Transfer t, long amount, Booking out,
                           Booking in) {
        Rand r = rand(ctx, t.seq());
        Account collector = t.to();
        Account hub = ring.get(r.nextInt(ring.size()));
        if (hub.bank() == collector.bank()) {
            hub = ring.get((ring.indexOf(hub) + 1) % ring.size());
        }
        ctx.transfer(Transfer.of(t.time() + r.between(10, 90) * Times.MINUTE_MS, collector, hub, amount, Channel.MOBILE)
                .device(device(collector)).ip(operator.homeIp()).capped().tag(id(), "RING")
                .then(this::payOut));
    }

    private void payOut(DayContext ctx, Transfer t, long amount, Booking out,
                        Booking in) {
        Rand r = rand(ctx, t.seq());
        Account hub = t.to();
        Account to = r.pick(recipients);
        entity(Roles.UB_RECIPIENT, to);
        long paid = floor(Math.round(amount * 0.995), 100_000);
        if (paid > 0) {
            ctx.transfer(Transfer.of(t.time() + r.between(10, 120) * Times.MINUTE_MS, hub, to, paid, Channel.MOBILE)
                    .device(device(hub)).ip(operator.homeIp()).capped().tag(id(), "PAY_OUT"));
        }
    }
}
