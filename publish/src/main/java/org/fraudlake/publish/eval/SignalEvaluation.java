package org.fraudlake.publish.eval;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.schemas.tables.Gold.AggCallPaymentDaily;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver;

/**
 * The call-then-pay signal over the business dates FROM..TO ({@code gold/agg_call_payment_daily}: payments to a new
 * payee within 24 hours after a stranger's answered call) against a simulated city's ground truth, before any model:
 * how many of its events are payments to scheme accounts or follow a scheme number's call, how many of the victims'
 * payments to first-layer accounts it caught (same victim, same account, same day), and, per caller and per payee
 * with at least {@link #MIN_PERSONS} distinct persons (what the phone and account models see), the share that
 * offends. Events are few (a few per thousand persons a day) and are read to the driver.
 */
public final class SignalEvaluation {
    /** Distinct persons a caller or payee needs in the events to count as a candidate. */
    static final int MIN_PERSONS = 2;
    private static final StructType EVENTS = StructType.fromDDL(AggCallPaymentDaily.PERSON_ID + " STRING, "
            + AggCallPaymentDaily.PAYEE_ID + " STRING, " + AggCallPaymentDaily.CALLER + " STRING, "
            + Gold.BUSINESS_DATE + " DATE");

    private SignalEvaluation() {
    }

    /** One call-then-pay event: the paying person, the payee, the stranger's number and the payment's date. */
    record Event(String person, String payee, String caller, LocalDate date) {
    }

    /**
     * @param events              events over the dates
     * @param toSchemeAccount     events whose payee is a scheme account
     * @param fromSchemePhone     events whose caller is a scheme number
     * @param victimPayments      victims' payments to first-layer accounts on the dates, from a partner bank's account
     *                            (the payer's side is in the lake)
     * @param fromOutside         victims' payments from accounts no partner bank holds: no event can see them
     * @param caught              payments from partner accounts with an event of the same person, account and date
     * @param callers             callers with at least {@link #MIN_PERSONS} persons
     * @param offendingCallers    those that are scheme numbers
     * @param payees              payees with at least {@link #MIN_PERSONS} persons
     * @param offendingPayees     those that are scheme accounts
     */
    public record Figures(LocalDate from, LocalDate to, int events, int toSchemeAccount, int fromSchemePhone,
                          int victimPayments, int fromOutside, int caught, int callers, int offendingCallers, int payees,
                          int offendingPayees) {
        public void print(PrintStream out) {
            out.printf("call-then-pay signal, business dates %s to %s (before any model)%n", from, to);
            out.printf("  events (payment to a new payee within 24 h of a stranger's answered call)  %,8d%n", events);
            out.printf("    to a scheme account %,d (%s), after a scheme number's call %,d (%s)%n", toSchemeAccount,
                    share(toSchemeAccount, events), fromSchemePhone, share(fromSchemePhone, events));
            out.printf("  victims' payments from partner accounts caught          %,d of %,d (%s); %,d more from "
                    + "accounts outside the partner banks, which no event can see%n", caught, victimPayments,
                    share(caught, victimPayments), fromOutside);
            out.printf("  callers with %d+ persons: %,d, scheme numbers %,d (%s)%n", MIN_PERSONS, callers,
                    offendingCallers, share(offendingCallers, callers));
            out.printf("  payees with %d+ persons:  %,d, scheme accounts %,d (%s)%n", MIN_PERSONS, payees,
                    offendingPayees, share(offendingPayees, payees));
        }

        private static String share(int part, int whole) {
            return whole == 0 ? "n/a" : String.format("%.1f%%", 100.0 * part / whole);
        }
    }

    public static Figures evaluate(SparkSession spark, Lake lake, Pseudonymizer key, LocalDate from, LocalDate to)
            throws IOException {
        Truth truth = Truth.read(Path.of(lake.truth()), key);
        Set<String> partnerAccounts = new HashSet<>();
        List<String> victimAccounts = truth.victimTransfers.stream().map(Truth.VictimTransfer::victimAccount).distinct()
                .toList();
        for (Row r : DeltaIO.read(spark, lake.silver(Silver.ACCOUNTS))
                .filter(col(Accounts.ACCOUNT_ID).isin(victimAccounts.toArray())).select(Accounts.ACCOUNT_ID)
                .collectAsList()) {
            partnerAccounts.add(r.getString(0));
        }
        List<Event> events = new ArrayList<>();
        for (Row r : DeltaIO.readOrEmpty(spark, lake.gold(Gold.AGG_CALL_PAYMENT_DAILY), EVENTS)
                .filter(col(Gold.BUSINESS_DATE).between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to)))
                .select(AggCallPaymentDaily.PERSON_ID, AggCallPaymentDaily.PAYEE_ID, AggCallPaymentDaily.CALLER,
                        Gold.BUSINESS_DATE)
                .distinct().collectAsList()) {
            events.add(new Event(r.getString(0), r.getString(1), r.getString(2), r.getDate(3).toLocalDate()));
        }
        return figures(truth, partnerAccounts, events, from, to);
    }

    /** @param partnerAccounts the victims' accounts a partner bank holds */
    static Figures figures(Truth truth, Set<String> partnerAccounts, List<Event> events, LocalDate from, LocalDate to) {
        int toScheme = 0;
        int fromScheme = 0;
        Set<String> paid = new HashSet<>();
        Map<String, Set<String>> byCaller = new HashMap<>();
        Map<String, Set<String>> byPayee = new HashMap<>();
        for (Event e : events) {
            toScheme += truth.offendingAccounts.contains(e.payee()) ? 1 : 0;
            fromScheme += truth.offendingPhones.contains(e.caller()) ? 1 : 0;
            paid.add(e.person() + "|" + e.payee() + "|" + e.date());
            byCaller.computeIfAbsent(e.caller(), k -> new HashSet<>()).add(e.person());
            byPayee.computeIfAbsent(e.payee(), k -> new HashSet<>()).add(e.person());
        }
        Set<String> victimPayments = new HashSet<>();
        Set<String> outside = new HashSet<>();
        for (Truth.VictimTransfer v : truth.victimTransfers) {
            LocalDate day = AsOf.cityDate(v.time());
            if (!day.isBefore(from) && !day.isAfter(to)) {
                (partnerAccounts.contains(v.victimAccount()) ? victimPayments : outside)
                        .add(v.victim() + "|" + v.mule() + "|" + day);
            }
        }
        int caught = (int) victimPayments.stream().filter(paid::contains).count();
        int callers = 0;
        int offendingCallers = 0;
        for (Map.Entry<String, Set<String>> c : byCaller.entrySet()) {
            if (c.getValue().size() >= MIN_PERSONS) {
                callers++;
                offendingCallers += truth.offendingPhones.contains(c.getKey()) ? 1 : 0;
            }
        }
        int payees = 0;
        int offendingPayees = 0;
        for (Map.Entry<String, Set<String>> p : byPayee.entrySet()) {
            if (p.getValue().size() >= MIN_PERSONS) {
                payees++;
                offendingPayees += truth.offendingAccounts.contains(p.getKey()) ? 1 : 0;
            }
        }
        return new Figures(from, to, events.size(), toScheme, fromScheme, victimPayments.size(), outside.size(), caught,
                callers,
                offendingCallers, payees, offendingPayees);
    }
}
