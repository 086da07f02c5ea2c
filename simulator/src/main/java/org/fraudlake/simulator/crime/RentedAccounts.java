package org.fraudlake.simulator.crime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.Transfer;
import org.fraudlake.simulator.life.RegistryChurn;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Enums.AccountType;
import org.fraudlake.simulator.model.Enums.Channel;
import org.fraudlake.simulator.model.Enums.Occupation;
import org.fraudlake.simulator.model.Enums.Plan;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.truth.Roles;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times;

/**
 * Account renting: young people paid to open accounts at several banks within a few days and hand them
 * (card, online banking, sometimes with the gang's phone number on file) to a call centre, which uses
 * them as second-layer mules. Students opening a new account are the everyday look-alike.
 */
public final class RentedAccounts extends Scheme {
    private final List<Opening> openings = new ArrayList<>();
    private final Phone gangPhone;

    /** An account a renter opens on a date, for a centre. */
    private record Opening(Person renter, int bank, LocalDate on, CallCenter centre) {
    }

    public RentedAccounts(World world, TruthLog truth, String id, List<CallCenter> centres, int days) {
        super(world, truth, id);
        Rand s = setup();
        LocalDate start = world.start();
        Person boss = straw(s);
        LocalDate activated = start.minusDays(s.between(20, 60));
        this.gangPhone = world.addPhone(s.nextInt(Parties.CARRIERS.size()), boss.idNumber(), activated, Plan.PREPAID,
                null, world.ids().imei(s), 0, Times.at(activated, 12, 0, 0), s);
        entity(Roles.GANG_PHONE, gangPhone);
        int renters = Math.max(1, Math.min(3, world.residents().size() / 20_000 + 1));
        for (int i = 0; i < renters; i++) {
            Person renter = recruit(s, 19, 28, p -> (p.occupation() == Occupation.STUDENT
                    || p.occupation() == Occupation.UNEMPLOYED) && p.hasPhone());
            if (renter == null) {
                continue;
            }
            entity(Roles.ACCOUNT_RENTER, renter);
            CallCenter centre = centres.get(i % centres.size());
            List<Integer> banks = new ArrayList<>();
            for (int b = 0; b < Parties.PARTNERS; b++) {
                final int bank = b;
                boolean held = Arrays.stream(renter.accounts())
                        .anyMatch(a -> world.account(a).bank() == bank);
                if (!held) {
                    banks.add(b);
                }
            }
            s.shuffle(banks);
            int count = Math.min(banks.size(), s.between(3, 5));
            long offset = i % 2 == 0 ? -s.between(2, 6) : s.between(0, Math.min(3, days - 1));
            for (int k = 0; k < count; k++) {
                LocalDate on = start.plusDays(offset + k / 2);
                Opening o = new Opening(renter, banks.get(k), on, centre);
                if (on.isBefore(start)) {
                    Account a = openRented(o, s, Times.at(on, s.between(9, 16), s.nextInt(60), s.nextInt(60)));
                    a.balance(s.between(10, 100) * 100L * 100);
                    centre.addSecondLayer(a, start.plusDays(s.between(3, 8)));
                    active(on);
                } else {
                    openings.add(o);
                }
            }
        }
    }

    private Account openRented(Opening o, Rand r, long at) {
        Account a = world.openAccount(o.renter(), o.bank(), AccountType.DEBIT,
                o.on(), at, 0, r);
        if (r.chance(0.4)) {
            a.phone(gangPhone.number());
        }
        entity(Roles.RENTED_ACCOUNT, a);
        return a;
    }

    @Override
    public String type() {
        return "RENTED_ACCOUNTS";
    }

    @Override
    protected String description() {
        return "persons opening accounts at several banks within days and handing them to a call centre as mules";
    }

    @Override
    public void simulate(DayContext ctx) {
        Rand r = rand(ctx);
        for (Opening o : openings) {
            if (!o.on().equals(ctx.date())) {
                continue;
            }
            long at = ctx.at(r.between(9, 16), r.nextInt(60), r.nextInt(60));
            Account a = openRented(o, r, at);
            ctx.transfer(Transfer.of(at + r.between(2, 10) * Times.MINUTE_MS, null, a, RegistryChurn.openingDeposit(r),
                    Channel.COUNTER).remark("开户存入"));
            LocalDate handover = ctx.date().plusDays(r.between(1, 2));
            LocalDate until = handover.plusDays(r.between(3, 6));
            ctx.agenda().act(handover, c -> o.centre().addSecondLayer(a, until));
            active(ctx.date());
        }
    }
}
