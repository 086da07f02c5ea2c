package org.fraudlake.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fraudlake.pipelines.ingest.IngestReport;
import org.fraudlake.pipelines.ingest.IngestReport.FeedCounts;

/** Prints per-feed counts of loaded and quarantined rows and rejected and waiting deliveries. */
final class IngestTable {
    private IngestTable() {
    }

    static void print(PrintStream out, String title, List<IngestReport> reports) {
        Map<String, FeedCounts> total = new TreeMap<>();
        for (IngestReport r : reports) {
            r.byFeed().forEach((feed, c) -> total.merge(feed, c, (a, b) -> new FeedCounts(a.loaded() + b.loaded(),
                    a.quarantined() + b.quarantined(), a.rejected() + b.rejected(), a.waiting() + b.waiting())));
        }
        out.println(title);
        out.printf("  %-20s %12s %12s %10s %9s%n", "feed", "loaded", "quarantined", "rejected", "waiting");
        FeedCounts sum = new FeedCounts(0, 0, 0, 0);
        for (Map.Entry<String, FeedCounts> e : total.entrySet()) {
            FeedCounts c = e.getValue();
            out.printf("  %-20s %,12d %,12d %,10d %,9d%n", e.getKey(), c.loaded(), c.quarantined(), c.rejected(),
                    c.waiting());
            sum = new FeedCounts(sum.loaded() + c.loaded(), sum.quarantined() + c.quarantined(),
                    sum.rejected() + c.rejected(), sum.waiting() + c.waiting());
        }
        out.printf("  %-20s %,12d %,12d %,10d %,9d%n", "total", sum.loaded(), sum.quarantined(), sum.rejected(),
                sum.waiting());
    }
}
