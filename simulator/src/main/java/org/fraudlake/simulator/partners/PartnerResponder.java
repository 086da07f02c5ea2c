package org.fraudlake.simulator.partners;

import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.Feeds.BankFeedback;
import org.fraudlake.schemas.landing.DeliveryWriter;
import org.fraudlake.simulator.SimulationConfig;
import org.fraudlake.simulator.delivery.Blanks;
import org.fraudlake.simulator.freedom.FreedomPlan;
import org.fraudlake.simulator.delivery.FaultPlan;
import org.fraudlake.simulator.delivery.FeedRows;
import org.fraudlake.simulator.delivery.StyledDelivery;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.partners.BankConduct.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated partner banks answering the warnings they received: after the outbox of business date D is
 * published, each bank writes its {@code bank_feedback} delivery for D+1, {@code landing/bank_feedback/<bank>/<D+1>/},
 * holding every answer it gives on D+1 (see {@link BankConduct}: a bank acts 0 to 2 days after fetching a folder, so
 * D+1's delivery answers warnings of the outboxes of D, D-1 and D-2). It reads those folders as a partner would
 * ({@link Inbox}: manifest, checksum, signature when the lake's public key is there) and judges each warning by the
 * city's truth ({@link CityTruth}).
 *
 * <p>The delivery is written whole in the bank's own house style, manifest last, through the simulator's delivery
 * writer, and <em>replaces</em> the folder of that date: the header-only delivery the simulator wrote for every
 * simulated day, or an earlier answer of this responder. Before ingest of D+1 that is simply the delivery of D+1;
 * after it, the contract's restatement (same feed, source and date, new content) replaces the rows loaded, and the
 * earlier version stays readable. Adding a second data file next to the simulator's header-only one would need
 * a new manifest anyway (it names every file and is written last), so the folder is rewritten whole, with the
 * delivery writer's usual rules (files first, manifest last). When the city was simulated with faults and D+1 is a simulated day whose bank_feedback delivery the
 * fault plan breaks, the new delivery is broken the same way, so {@code truth/faults.csv} stays right.
 *
 * <p>Deterministic: the same seed, outbox folders and truth give byte-identical deliveries, whichever night runs
 * it and however often. Cost: reads three outbox folders and streams the three truth files once per call, keeping
 * only the warned accounts.
 */
public final class PartnerResponder {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerResponder.class);

    /** What was written: the delivery date, and per bank the number of answers by action. */
    public record Response(LocalDate deliveryDate, Map<String, Map<String, Integer>> answersByBank) {
        public Response {
            Map<String, Map<String, Integer>> copy = new TreeMap<>();
            answersByBank.forEach((bank, counts) -> copy.put(bank, Map.copyOf(new TreeMap<>(counts))));
            answersByBank = java.util.Collections.unmodifiableMap(copy);
        }

        /** All answers written, over the banks. */
        public int total() {
            return answersByBank.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue)
                    .sum();
        }
    }

    private PartnerResponder() {
    }

    /**
     * Writes every partner bank's bank_feedback delivery for {@code publishedDate + 1}, answering the outboxes of
     * the three days up to {@code publishedDate}; faults as the city's configuration says.
     */
    public static Response respond(Lake lake, SimulationConfig config, LocalDate publishedDate) throws IOException {
        return respond(lake, config, publishedDate, new Configuration());
    }

    /** As {@link #respond(Lake, SimulationConfig, LocalDate)}, on the given Hadoop configuration. */
    public static Response respond(Lake lake, SimulationConfig config, LocalDate publishedDate, Configuration conf)
            throws IOException {
        FaultPlan plan = config.faults() ? FaultPlan.standard(config.days(), config.profile()) : FaultPlan.none();
        FreedomPlan freedoms = new FreedomPlan(config, plan::touches);
        return respond(lake, config.seed(), publishedDate, plan, config.startDate(), conf, freedoms,
                new Blanks(config.seed(), freedoms.blankOptional()));
    }

    /** Clean deliveries only (no fault plan), for a lake whose simulation configuration is not at hand. */
    public static Response respond(Lake lake, long seed, LocalDate publishedDate) throws IOException {
        return respond(lake, seed, publishedDate, FaultPlan.none(), publishedDate, new Configuration(), null,
                Blanks.NONE);
    }

    /**
     * @param freedoms the city's use of the contract's freedoms, or {@code null} when unknown: a bank that has not
     *                 joined yet, or is silent that day, sends no delivery when it has nothing to answer
     */
    private static Response respond(Lake lake, long seed, LocalDate publishedDate, FaultPlan plan, LocalDate start,
                                    Configuration conf, FreedomPlan freedoms, Blanks blanks) throws IOException {
        LocalDate delivery = publishedDate.plusDays(1);
        FileSystem fs = DeliveryWriter.fileSystem(new Path(lake.outbox()), conf);
        Inbox inbox = Inbox.open(fs, lake);
        Map<String, List<ReceivedWarning>> due = new TreeMap<>();
        Set<String> accounts = new HashSet<>();
        for (String bank : Parties.PARTNER_BANKS) {
            List<ReceivedWarning> answered = dueOn(inbox, seed, bank, delivery);
            due.put(bank, answered);
            answered.forEach(w -> accounts.add(bank + ":" + w.accountNo()));
        }
        CityTruth truth = CityTruth.load(fs, lake, accounts);
        long day = ChronoUnit.DAYS.between(start, delivery);
        int dayIndex = day < 0 || day > Integer.MAX_VALUE ? -1 : (int) day;
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Map.Entry<String, List<ReceivedWarning>> e : due.entrySet()) {
            String bank = e.getKey();
            List<Answer> answers = new ArrayList<>();
            for (ReceivedWarning w : e.getValue()) {
                answers.addAll(BankConduct.answers(seed, bank, w, truth));
            }
            answers.sort(Comparator.comparingLong(Answer::actedAt).thenComparing(Answer::warningId)
                    .thenComparing(Answer::action));
            if (!answers.isEmpty() || freedoms == null || freedoms.delivers(bank, dayIndex)) {
                write(lake, conf, bank, delivery, dayIndex, plan, answers, blanks);
            }
            Map<String, Integer> byAction = new TreeMap<>();
            answers.forEach(a -> byAction.merge(a.action(), 1, Integer::sum));
            counts.put(bank, byAction);
        }
        Response response = new Response(delivery, counts);
        LOG.info("partners answered the outboxes up to {}: {} answers in the bank_feedback deliveries of {}: {}",
                publishedDate, response.total(), delivery, response.answersByBank());
        return response;
    }

    /** The bank's warnings it acts on at {@code delivery}: from the outboxes of the 1 to 3 days before. */
    private static List<ReceivedWarning> dueOn(Inbox inbox, long seed, String bank, LocalDate delivery)
            throws IOException {
        List<ReceivedWarning> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int back = 1 + BankConduct.MAX_DELAY_DAYS; back >= 1; back--) {
            for (ReceivedWarning w : inbox.warnings(bank, delivery.minusDays(back))) {
                if (seen.add(w.warningId()) && BankConduct.actedOn(seed, bank, w).equals(delivery)) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    private static void write(Lake lake, Configuration conf, String bank, LocalDate date, int dayIndex, FaultPlan plan,
                              List<Answer> answers, Blanks blanks) throws IOException {
        StyledDelivery d = StyledDelivery.open(lake, conf, BankFeedback.FEED, bank, date, false, plan, dayIndex,
                blanks);
        for (Answer a : answers) {
            d.row(FeedRows.feedback(a.warningId(), a.action(), a.actedAt(), a.amountCents(), a.note(), d.style()),
                    a.actedAt());
        }
        d.finish();
    }
}
