package org.fraudlake.publish.eval;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.schemas.tables.Gold.AggCallPaymentDaily;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.Status;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver;

/**
 * The call-then-pay signal over the business dates FROM..TO ({@code gold/agg_call_payment_daily}: payments to a new
 * payee within 24 hours after a stranger's answered call) against a simulated city's ground truth, before any model:
 * how many of its events are payments to scheme accounts or follow a scheme number's call, how many of the victims'
 * payments to first-layer accounts it caught (same victim, same account, same day), and, per caller and per payee
 * with at least {@link #MIN_PERSONS} distinct persons (what the phone and account models see), the share that
 * offends. Events are few (a few per thousand persons a day) and are read to the driver.
 *
 * <p><b>Look-alikes.</b> When the truth lists the city's legitimate look-alikes ({@code truth/lookalikes.csv}), per
 * kind and entity type: the entities a partner could be warned about (accounts a partner bank holds, every number
 * and person), how many got a new warning of any action sent over the dates (as {@link DecisionEvaluation} counts
 * them: {@code published/intercept_list} and {@code published/victim_warnings}, sent, NEW or ESCALATED; a person by
 * a victim warning naming them), and that share against the bar of {@link #LOOKALIKE_BAR}. The warned identifiers
 * of the dates and the partner banks' look-alike accounts are read to the driver.
 */
public final class SignalEvaluation {
    /** Distinct persons a caller or payee needs in the events to count as a candidate. */
    static final int MIN_PERSONS = 2;
    /** The most a look-alike kind may be warned: 1 % of its entities (issue 18's done-when). */
    static final double LOOKALIKE_BAR = 0.01;
    private static final StructType WARNED = StructType.fromDDL(InterceptList.ENTITY_ID + " STRING, "
            + InterceptList.STATUS + " STRING, " + InterceptList.SENT + " BOOLEAN, " + Published.BUSINESS_DATE
            + " DATE");
    private static final StructType WARNED_VICTIMS = WARNED.add(VictimWarnings.PERSON_ID, "STRING");
    private static final StructType EVENTS = StructType.fromDDL(AggCallPaymentDaily.PERSON_ID + " STRING, "
            + AggCallPaymentDaily.PAYEE_ID + " STRING, " + AggCallPaymentDaily.CALLER + " STRING, "
            + Gold.BUSINESS_DATE + " DATE");

    private static final String ACCOUNT = "ACCOUNT";

    private SignalEvaluation() {
    }

    /** One call-then-pay event: the paying person, the payee, the stranger's number and the payment's date. */
    record Event(String person, String payee, String caller, LocalDate date) {
    }

    /**
     * One look-alike kind and entity type over the dates.
     *
     * @param entities the kind's entities of that type a partner could be warned about
     * @param warned   those with a new warning of any action sent over the dates
     * @param outside  accounts of the kind that no partner bank holds (no warning can name them), apart
     */
    public record LookalikeFigures(String kind, String entityType, int entities, int warned, int outside) {
        /** The share warned, NaN without entities. */
        public double share() {
            return entities == 0 ? Double.NaN : (double) warned / entities;
        }

        /** Whether the share is within {@link #LOOKALIKE_BAR} (trivially so without entities). */
        public boolean withinBar() {
            return entities == 0 || share() <= LOOKALIKE_BAR;
        }
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
     * @param lookalikes          per look-alike kind and entity type, the entities warned over the dates; null when
     *                            the lake's truth has no {@code lookalikes.csv} (simulated before it existed)
     */
    public record Figures(LocalDate from, LocalDate to, int events, int toSchemeAccount, int fromSchemePhone,
                          int victimPayments, int fromOutside, int caught, int callers, int offendingCallers,
                          int payees, int offendingPayees, List<LookalikeFigures> lookalikes) {
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
            printLookalikes(out);
        }

        private void printLookalikes(PrintStream out) {
            if (lookalikes == null) {
                out.println("look-alikes: none listed (no truth/lookalikes.csv: a lake simulated before it existed)");
                return;
            }
            out.printf("look-alikes warned over %s to %s, any action (bar: at most %.0f%% of each kind)%n", from, to,
                    100 * LOOKALIKE_BAR);
            out.printf("  %-24s %-8s %9s %7s %7s  %-6s %s%n", "kind", "type", "entities", "warned", "share", "within",
                    "outside partner banks");
            for (LookalikeFigures l : lookalikes) {
                out.printf("  %-24s %-8s %,9d %,7d %7s  %-6s %s%n", l.kind(), l.entityType(), l.entities(),
                        l.warned(), share(l.warned(), l.entities()), l.withinBar() ? "yes" : "NO",
                        l.outside() == 0 ? "" : String.format("%,d", l.outside()));
            }
            out.printf("  every look-alike kind within the bar: %s%n",
                    lookalikes.stream().allMatch(LookalikeFigures::withinBar) ? "yes" : "NO");
        }

        private static String share(int part, int whole) {
            return whole == 0 ? "n/a" : String.format("%.1f%%", 100.0 * part / whole);
        }
    }

    public static Figures evaluate(SparkSession spark, Lake lake, Pseudonymizer key, LocalDate from, LocalDate to)
            throws IOException {
        Truth truth = Truth.read(Path.of(lake.truth()), key);
        Set<String> partnerAccounts = new HashSet<>();
        List<String> accounts = new ArrayList<>(truth.victimTransfers.stream().map(Truth.VictimTransfer::victimAccount)
                .toList());
        if (truth.lookalikes != null) {
            truth.lookalikes.stream().filter(l -> ACCOUNT.equals(l.entityType()))
                    .forEach(l -> accounts.add(l.entity()));
        }
        Dataset<Row> wanted = spark.createDataset(accounts.stream().distinct().toList(), Encoders.STRING())
                .toDF(Accounts.ACCOUNT_ID);
        for (Row r : DeltaIO.read(spark, lake.silver(Silver.ACCOUNTS)).select(Accounts.ACCOUNT_ID).distinct()
                .join(wanted, Accounts.ACCOUNT_ID).collectAsList()) {
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
        Set<String> warned = truth.lookalikes == null ? Set.of() : warned(spark, lake, from, to);
        return figures(truth, partnerAccounts, events, warned, from, to);
    }

    /** Entity and person tokens with a new warning of any action sent over the dates. */
    private static Set<String> warned(SparkSession spark, Lake lake, LocalDate from, LocalDate to) {
        Set<String> warned = new HashSet<>();
        Column sent = col(Published.BUSINESS_DATE).between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to))
                .and(col(InterceptList.SENT)).and(col(InterceptList.STATUS).isin(Status.NEW.name(),
                        Status.ESCALATED.name()));
        DeltaIO.readOrEmpty(spark, lake.published(Published.INTERCEPT_LIST), WARNED).filter(sent)
                .select(InterceptList.ENTITY_ID).distinct().collectAsList().forEach(r -> warned.add(r.getString(0)));
        for (Row r : DeltaIO.readOrEmpty(spark, lake.published(Published.VICTIM_WARNINGS), WARNED_VICTIMS)
                .filter(sent).select(InterceptList.ENTITY_ID, VictimWarnings.PERSON_ID).distinct().collectAsList()) {
            warned.add(r.getString(0));
            if (!r.isNullAt(1)) {
                warned.add(r.getString(1));
            }
        }
        warned.remove(null);
        return warned;
    }

    /** The events' figures alone, as on a lake without look-alikes or warnings. */
    static Figures figures(Truth truth, Set<String> partnerAccounts, List<Event> events, LocalDate from, LocalDate to) {
        return figures(truth, partnerAccounts, events, Set.of(), from, to);
    }

    /**
     * @param partnerAccounts the victims' and look-alikes' accounts a partner bank holds
     * @param warned          entity and person tokens with a new warning sent over the dates
     */
    static Figures figures(Truth truth, Set<String> partnerAccounts, List<Event> events, Set<String> warned,
                           LocalDate from, LocalDate to) {
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
                callers, offendingCallers, payees, offendingPayees, lookalikes(truth, partnerAccounts, warned));
    }

    /** Per look-alike kind and entity type, in the order the truth lists them; null without a look-alike list. */
    static List<LookalikeFigures> lookalikes(Truth truth, Set<String> partnerAccounts, Set<String> warned) {
        if (truth.lookalikes == null) {
            return null;
        }
        Map<List<String>, int[]> counts = new LinkedHashMap<>();
        for (Truth.Lookalike l : truth.lookalikes) {
            int[] c = counts.computeIfAbsent(List.of(l.kind(), l.entityType()), k -> new int[3]);
            if (ACCOUNT.equals(l.entityType()) && !partnerAccounts.contains(l.entity())) {
                c[2]++;
            } else {
                c[0]++;
                c[1] += warned.contains(l.entity()) ? 1 : 0;
            }
        }
        List<LookalikeFigures> out = new ArrayList<>();
        counts.forEach((k, c) -> out.add(new LookalikeFigures(k.get(0), k.get(1), c[0], c[1], c[2])));
        return out;
    }
}
