package org.fraudlake.simulator.crime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.simulator.city.IdentityFactory;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.Transfer;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Company;
import org.fraudlake.simulator.model.Enums.Channel;
import org.fraudlake.simulator.model.Enums.CompanyKind;
import org.fraudlake.simulator.model.Enums.Occupation;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.truth.Roles;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times;

/**
 * Round-tripping among shell companies: a few recently registered firms with little capital, the same
 * legal representative (or a relative), one virtual-office address and one phone, pass a large sum
 * around a cycle every few days, each hop a little less (a "fee"), inflating turnover. Honest company
 * groups share representative and address too, but pay salaries and trade with outsiders.
 */
public final class RoundTripping extends Scheme {
    private final List<Company> shells = new ArrayList<>();
    private final List<Account> accounts = new ArrayList<>();
    private final String device;
    private final String ip;
    private LocalDate nextCycle;
    private int starter;

    public RoundTripping(World world, TruthLog truth, String id) {
        super(world, truth, id);
        Rand s = setup();
        LocalDate start = world.start();
        Person boss = recruitOrStraw(s, 35, 60, p -> p.occupation() == Occupation.OWNER
                || p.occupation() == Occupation.WORKER);
        Person relative = recruit(s, 30, 70, p -> true);
        String phone = world.mainPhone(boss) != null ? world.mainPhone(boss).number() : world.ids().landline();
        entity(Roles.LEGAL_REP, boss);
        String address = null;
        int count = s.between(3, 5);
        int district = boss.district();
        this.ip = world.geography().broadbandIp(s);
        this.device = IdentityFactory.deviceId(boss.imei(), 99);
        for (int i = 0; i < count; i++) {
            Person rep = i == count - 1 && relative != null ? relative : boss;
            if (rep == relative) {
                entity(Roles.LEGAL_REP, relative);
            }
            LocalDate reg = start.minusDays(s.between(20, 200));
            long capital = s.between(1, 10) * 10_000L * 100;
            Company c = world.addCompany(CompanyKind.SHELL, rep.idNumber(), capital, reg, district, phone, address,
                    true, s);
            address = c.address();
            c.officeIp(ip);
            int bank = i < Parties.PARTNERS ? (i + s.nextInt(Parties.PARTNERS)) % Parties.PARTNERS
                    : s.between(Parties.PARTNERS, Parties.BANKS - 1);
            LocalDate opened = reg.plusDays(s.between(3, 15));
            Account a = world.openCompanyAccount(c, bank, opened.isBefore(start) ? opened : start.minusDays(1),
                    Times.at(opened, 10, s.nextInt(60), s.nextInt(60)), s);
            a.balance(i == 0 ? s.between(300, 800) * 10_000L * 100 : s.between(2, 20) * 10_000L * 100);
            shells.add(c);
            accounts.add(a);
            entity(Roles.SHELL, c);
            entity(Roles.SHELL_ACCOUNT, a);
        }
        nextCycle = start.plusDays(s.between(0, 2));
    }

    @Override
    public String type() {
        return "ROUND_TRIPPING";
    }

    @Override
    protected String description() {
        return "cycles of large transfers among shell companies sharing legal representative, address and phone";
    }

    @Override
    public void simulate(DayContext ctx) {
        Rand r = rand(ctx);
        for (int i = 0; i < accounts.size(); i++) {
            if (r.chance(0.12)) {
                Account from = accounts.get(i);
                long amount = r.between(500, 5_000) * 100L;
                ctx.transfer(Transfer.of(ctx.sample(Times.Profile.OFFICE, r), from, world.mainAccount(utility(r)),
                        amount, Channel.ONLINE).device(device).ip(ip).remark("办公费用"));
            }
        }
        if (ctx.date().isBefore(nextCycle) || !ctx.workday()) {
            return;
        }
        nextCycle = ctx.date().plusDays(r.between(2, 4));
        Account first = accounts.get(starter);
        long amount = Math.min(floor(first.balance() - 1_000_000, 1_000_000),
                r.between(100, 500) * 10_000L * 100);
        if (amount < 10_000_000) {
            return;
        }
        active(ctx.date());
        hop(ctx, ctx.at(r.between(9, 11), r.nextInt(60), r.nextInt(60)), starter, 1, amount, r);
    }

    private Company utility(Rand r) {
        List<Company> utilities = world.companies().stream().filter(c -> c.kind() == CompanyKind.UTILITY).toList();
        return utilities.get(r.nextInt(utilities.size()));
    }

    /** Moves the sum one step along the cycle; the step after starts when this one is booked. */
    private void hop(DayContext ctx, long time, int fromIndex, int step, long amount, Rand r) {
        int n = accounts.size();
        int toIndex = (fromIndex + 1) % n;
        Account from = accounts.get(fromIndex);
        Account to = accounts.get(toIndex);
        ctx.transfer(Transfer.of(time, from, to, amount, Channel.ONLINE).device(device).ip(ip)
                .remark(r.pick(new String[] {"货款", "采购款", "预付款", "往来款"})).tag(id(), "CYCLE_HOP_" + step)
                .then((c, t, moved, out, in) -> {
                    active(c.date());
                    if (toIndex == starter) {
                        return;
                    }
                    Rand next = rand(c, t.seq());
                    long fee = Math.round(moved * next.uniform(0.001, 0.003));
                    long later = t.time() + next.between(20, 300) * Times.MINUTE_MS;
                    hop(c, later, toIndex, step + 1, moved - fee, next);
                }));
    }
}
