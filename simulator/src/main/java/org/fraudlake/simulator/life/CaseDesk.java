package org.fraudlake.simulator.life;

import java.util.Comparator;
import java.util.List;
import org.fraudlake.simulator.day.CaseLabel;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Enums.AccountStatus;
import org.fraudlake.simulator.model.Enums.PhoneStatus;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times;

/**
 * Case management: confirms the labels investigations scheduled for today, and makes the world react the
 * next morning: banks freeze labelled accounts (and unfreeze cleared ones), carriers suspend labelled
 * numbers. Those changes show up in the next day's {@code bank_accounts} and {@code subscribers}.
 */
public final class CaseDesk {
    private static final List<String> FREEZING = List.of("FRAUD_ACCOUNT", "MONEY_MULE", "LAUNDERING");

    public void simulate(DayContext ctx) {
        List<CaseLabel> due = ctx.agenda().labelsDue(ctx.date());
        due.sort(Comparator.comparingLong(CaseLabel::confirmedAt));
        Rand r = ctx.rand("cases");
        for (CaseLabel label : due) {
            ctx.label(label);
            Account a = label.account();
            Phone p = label.phone();
            long next = Times.dayStart(ctx.date().plusDays(1)) + r.between(9, 11) * Times.HOUR_MS
                    + r.nextLong(Times.HOUR_MS);
            if (a != null && a.atPartner() && FREEZING.contains(label.label())) {
                ctx.agenda().act(ctx.date().plusDays(1), c -> {
                    if (a.usable()) {
                        a.status(AccountStatus.FROZEN);
                        c.world().touch(a, next);
                    }
                });
            } else if (a != null && "CLEARED".equals(label.label())) {
                ctx.agenda().act(ctx.date().plusDays(1), c -> {
                    if (a.status() == AccountStatus.FROZEN) {
                        a.status(AccountStatus.ACTIVE);
                        c.world().touch(a, next);
                    }
                });
            } else if (p != null && "FRAUD_PHONE".equals(label.label())) {
                ctx.agenda().act(ctx.date().plusDays(1), c -> {
                    if (p.active()) {
                        p.status(PhoneStatus.SUSPENDED);
                        c.world().touch(p, next);
                    }
                });
            }
        }
    }
}
