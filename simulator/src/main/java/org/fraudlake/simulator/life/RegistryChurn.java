package org.fraudlake.simulator.life;

import java.util.List;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.Transfer;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Company;
import org.fraudlake.simulator.model.Enums.AccountStatus;
import org.fraudlake.simulator.model.Enums.AccountType;
import org.fraudlake.simulator.model.Enums.Channel;
import org.fraudlake.simulator.model.Enums.CompanyKind;
import org.fraudlake.simulator.model.Enums.CompanyStatus;
import org.fraudlake.simulator.model.Enums.PhoneStatus;
import org.fraudlake.simulator.model.Enums.Plan;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.truth.Lookalikes;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times;

/**
 * The registers changing by themselves: new accounts (mostly students and young people, as with account
 * renters), accounts closed after their money moved out, second numbers, cancelled numbers, numbers
 * ported to another carrier, new small businesses and businesses closing down.
 */
public final class RegistryChurn {
    private final World world;
    private final int persons;

    public RegistryChurn(World world) {
        this.world = world;
        this.persons = world.residents().size();
    }

    public void simulate(DayContext ctx) {
        Rand r = ctx.rand("registry");
        List<Person> residents = world.residents();
        int opens = r.poisson(persons * 0.0006);
        for (int i = 0; i < opens; i++) {
            Person p = residents.get(r.nextInt(residents.size()));
            if (p.age(ctx.date()) > 26 && r.chance(0.5)) {
                continue;
            }
            openAccount(ctx, r, p);
        }
        int closes = r.poisson(persons * 0.00008);
        for (int i = 0; i < closes; i++) {
            closeAccount(ctx, r, residents.get(r.nextInt(residents.size())));
        }
        int newLines = r.poisson(persons * 0.0003);
        for (int i = 0; i < newLines; i++) {
            Person p = residents.get(r.nextInt(residents.size()));
            if (!p.involved()) {
                long at = ctx.at(r.between(9, 20), r.nextInt(60), r.nextInt(60));
                world.addPhone(r.nextInt(Parties.CARRIERS.size()), p.idNumber(), ctx.date(),
                        r.chance(0.5) ? Plan.PREPAID : Plan.POSTPAID, p, p.imei(), p.homeCell(), at, r);
            }
        }
        int cancels = r.poisson(persons * 0.0001);
        for (int i = 0; i < cancels; i++) {
            Person p = residents.get(r.nextInt(residents.size()));
            if (p.phones().length > 1 && !p.involved()) {
                Phone ph = world.phone(p.phones()[1]);
                if (ph.active()) {
                    ph.status(PhoneStatus.CANCELLED);
                    world.touch(ph, ctx.at(r.between(9, 20), r.nextInt(60), r.nextInt(60)));
                }
            }
        }
        int ports = r.poisson(persons * 0.0002);
        for (int i = 0; i < ports; i++) {
            Phone ph = world.mainPhone(residents.get(r.nextInt(residents.size())));
            if (ph != null && ph.active() && ph.touchedDay() != world.day()) {
                int to = (ph.carrier() + r.between(1, 2)) % Parties.CARRIERS.size();
                world.port(ph, to, ctx.date(), ctx.at(r.between(9, 20), r.nextInt(60), r.nextInt(60)));
            }
        }
        companies(ctx, r);
    }

    private void openAccount(DayContext ctx, Rand r, Person p) {
        boolean[] held = new boolean[Parties.BANKS];
        for (int id : p.accounts()) {
            held[world.account(id).bank()] = true;
        }
        int bank = r.nextInt(Parties.PARTNERS);
        if (held[bank]) {
            return;
        }
        long at = ctx.at(r.between(9, 16), r.nextInt(60), r.nextInt(60));
        Account a = world.openAccount(p, bank, AccountType.DEBIT, ctx.date(), at, 0, r);
        ctx.truth().lookalike(Lookalikes.NEW_ACCOUNT, TruthLog.ACCOUNT, a.key());
        ctx.transfer(Transfer.of(at + Times.MINUTE_MS * r.between(2, 10), null, a, openingDeposit(r), Channel.COUNTER)
                .remark("开户存入"));
    }

    /** What people put in a new account at the counter: 10 to 1,000 yuan. */
    public static long openingDeposit(Rand r) {
        return r.between(1, 100) * 10L * 100;
    }

    private void closeAccount(DayContext ctx, Rand r, Person p) {
        if (p.accounts().length < 2 || p.involved()) {
            return;
        }
        Account main = world.mainAccount(p);
        Account a = world.account(p.accounts()[p.accounts().length - 1]);
        if (a == main || a.type() != AccountType.DEBIT || !a.atPartner() || !a.usable() || !main.usable()) {
            return;
        }
        long at = ctx.at(r.between(9, 15), r.nextInt(60), r.nextInt(60));
        Runnable close = () -> {
            a.status(AccountStatus.CLOSED);
            world.touch(a, at + 15 * Times.MINUTE_MS);
        };
        if (a.balance() <= 0) {
            close.run();
            return;
        }
        ctx.transfer(Transfer.of(at, a, main, a.balance(), Channel.COUNTER).capped().remark("销户转出")
                .then((c, t, amount, out, in) -> close.run()));
    }

    private void companies(DayContext ctx, Rand r) {
        int registrations = r.poisson(persons / 20_000.0 + 0.1);
        for (int i = 0; i < registrations; i++) {
            Person owner = world.residents().get(r.nextInt(world.residents().size()));
            if (owner.age(ctx.date()) < 25 || owner.involved()) {
                continue;
            }
            CompanyKind kind = r.pick(new CompanyKind[] {CompanyKind.SHOP, CompanyKind.RESTAURANT,
                CompanyKind.SERVICES});
            long capital = Math.round(r.logNormal(100_000, 0.8) / 10_000) * 10_000_00;
            Company c = world.addCompany(kind, owner.idNumber(), capital, ctx.date(), owner.district(), null, true, r);
            c.officeIp(ctx.geography().broadbandIp(r));
            long at = Times.at(ctx.date(), r.between(10, 16), r.nextInt(60), r.nextInt(60));
            world.openCompanyAccount(c, r.nextInt(Parties.PARTNERS), ctx.date(), at, r);
        }
        if (r.chance(persons / 60_000.0 + 0.05)) {
            Company c = world.company(r.nextInt(world.companies().size()));
            if (c.registered() && c.kind() == CompanyKind.SHOP && c.status() == CompanyStatus.ACTIVE
                    && c.employees().length == 0) {
                c.status(r.chance(0.7) ? CompanyStatus.CANCELLED : CompanyStatus.REVOKED);
                world.touch(c, ctx.at(r.between(9, 17), r.nextInt(60), r.nextInt(60)));
            }
        }
    }
}
