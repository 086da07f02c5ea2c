package org.fraudlake.pipelines.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of ingesting one business date.
 *
 * @param date       the business date
 * @param deliveries one outcome per delivery folder found
 */
public record IngestReport(LocalDate date, List<DeliveryOutcome> deliveries) {

    /** Counts per feed: loaded rows, quarantined rows, rejected deliveries, waiting deliveries. */
    public record FeedCounts(long loaded, long quarantined, long rejected, long waiting) {
        FeedCounts plus(DeliveryOutcome o) {
            return new FeedCounts(loaded + o.loaded(), quarantined + o.quarantined(),
                    rejected + (o.status() == DeliveryOutcome.Status.REJECTED ? 1 : 0),
                    waiting + (o.status() == DeliveryOutcome.Status.WAITING ? 1 : 0));
        }
    }

    public Map<String, FeedCounts> byFeed() {
        Map<String, FeedCounts> out = new TreeMap<>();
        for (DeliveryOutcome o : deliveries) {
            out.merge(o.feed(), new FeedCounts(0, 0, 0, 0).plus(o), (a, b) -> a.plus(o));
        }
        return out;
    }

    public long loaded() {
        return deliveries.stream().mapToLong(DeliveryOutcome::loaded).sum();
    }

    public long quarantined() {
        return deliveries.stream().mapToLong(DeliveryOutcome::quarantined).sum();
    }

    public long count(DeliveryOutcome.Status status) {
        return deliveries.stream().filter(d -> d.status() == status).count();
    }
}
