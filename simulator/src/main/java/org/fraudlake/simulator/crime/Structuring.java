package org.fraudlake.simulator.crime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.simulator.city.IdentityFactory;
import org.fraudlake.simulator.city.World;
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
import org.fraudlake.simulator.util.Times;

/**
 * Structuring: a business owner keeps cash deposits just under the 50,000 yuan large-cash reporting line
 * (49,000-49,990, at different branches of two banks) and splits transfers just under 5,000, then moves
 * the pile on to an account elsewhere every few days. Shop owners depositing takings and anyone buying a
 * 4,999 yuan phone are the look-alikes.
 */
public final class Structuring extends Scheme {
    private final Person person;
    private final List<Account> accounts = new ArrayList<>();
    private final List<Account> receivers = new ArrayList<>();
    private LocalDate nextSweep;

    public Structuring(World world, TruthLog truth, String id) {
        super(world, truth, id);
        Rand s = setup();
        LocalDate start = world.start();
        this.person = recruit(s, 30, 60, p -> (p.occupation() == Occupation.OWNER
                || p.occupation() == Occupation.WORKER) && world.partnerDebit(p) != null);
        if (person == null) {
            return;
        }
        entity(Roles.STRUCTURER, person);
        Account first = world.partnerDebit(person);
        accounts.add(first);
        int other = (first.bank() + s.between(1, Parties.PARTNERS - 1)) % Parties.PARTNERS;
        accounts.add(open(person, other, start.minusDays(s.between(20, 90)), s));
        for (Account a : accounts) {
            entity(Roles.STRUCTURING_ACCOUNT, a);
        }
        receivers.add(open(straw(s), -1, start.minusDays(s.between(100, 900)), s));
        for (int i = 0; i < 2; i++) {
            Person relative = recruit(s, 20, 70, p -> p.accounts().length > 0);
            if (relative != null) {
                receivers.add(world.mainAccount(relative));
            }
        }
        nextSweep = start.plusDays(s.between(2, 4));
    }

    @Override
    public String type() {
        return "STRUCTURING";
    }

    @Override
    protected String description() {
        return "cash deposits of 49,000-49,990 and transfers of 4,900-4,999, just under reporting thresholds";
    }

    @Override
    public void simulate(DayContext ctx) {
        if (person == null) {
            return;
        }
        Rand r = rand(ctx);
        if (r.chance(ctx.workday() ? 0.7 : 0.15)) {
            active(ctx.date());
            if (r.chance(0.6)) {
                for (int k = r.between(1, 2); k > 0; k--) {
                    Account a = r.pick(accounts);
                    long amount = r.between(4_900, 4_999) * 1_000L + (r.chance(0.3) ? r.nextInt(10) * 100 : 0);
                    ctx.transfer(Transfer.of(ctx.at(r.between(9, 15), r.nextInt(60), r.nextInt(60)), null, a, amount,
                            Channel.COUNTER).remark("现金存入").tag(id(), "CASH_DEPOSIT"));
                }
            } else {
                for (int k = r.between(2, 4); k > 0; k--) {
                    Account from = r.pick(accounts);
                    Account to = r.pick(receivers);
                    entity(Roles.RECEIVER, to);
                    long amount = r.between(4_900, 4_999) * 100L;
                    ctx.transfer(Transfer.of(ctx.sample(Times.Profile.ONLINE, r), from, to, amount, Channel.MOBILE)
                            .device(IdentityFactory.deviceId(person.imei(), from.bank()))
                            .ip(ctx.geography().mobileIp(r)).remark("货款").tag(id(), "SPLIT_TRANSFER"));
                }
            }
        }
        if (!ctx.date().isBefore(nextSweep)) {
            nextSweep = ctx.date().plusDays(r.between(3, 5));
            Account to = receivers.get(0);
            entity(Roles.RECEIVER, to);
            for (Account from : accounts) {
                long amount = floor(from.balance() - r.between(5, 20) * 100_000L, 100_000);
                if (amount >= 1_000_000) {
                    ctx.transfer(Transfer.of(ctx.at(r.between(14, 17), r.nextInt(60), r.nextInt(60)), from, to, amount,
                            Channel.ONLINE).ip(person.homeIp()).remark("货款").capped().tag(id(), "SWEEP"));
                }
            }
        }
    }
}
