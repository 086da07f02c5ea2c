package org.fraudlake.orchestration;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.fraudlake.models.Metrics;
import org.fraudlake.models.TrainJob;

/** The validation metric table of a training run: one line per model, then per-partner AUC-PR. */
public final class MetricTable {
    private MetricTable() {
    }

    public static void print(PrintStream out, List<TrainJob.Result> results) {
        out.printf("%-22s %4s %-10s %-8s %8s %6s %7s %7s %6s %7s %7s %7s %6s %7s%n", "model", "ver", "status", "entity",
                "entities", "pos", "base", "AUC-PR", "P@k", "thresh", "recall", "prec", "alerts", "AUC-PR*");
        for (TrainJob.Result r : results) {
            Metrics all = r.metrics().get(Metrics.ALL);
            Metrics unknown = r.metrics().get(Metrics.UNKNOWN);
            if (all == null) {
                out.printf("%-22s %4d %-10s %-8s   (no validation rows)%n", r.entry().model(), r.entry().version(),
                        r.entry().status(), r.entry().entity());
                continue;
            }
            out.printf("%-22s %4d %-10s %-8s %,8d %6d %7s %7s %6s %7s %7s %7s %6d %7s%n", r.entry().model(),
                    r.entry().version(), r.entry().status(), r.entry().entity(), all.entities(), all.positives(),
                    pct(all.baseRate()), num(all.aucPr()), num(all.precisionAtK()), num(all.threshold()),
                    num(all.recallAtThreshold()), num(all.precisionAtThreshold()), all.alerts(),
                    unknown == null ? "n/a" : num(unknown.aucPr()));
        }
        out.println("AUC-PR* = over entities no label or police report had named when scored; P@k with k = "
                + (results.isEmpty() || results.get(0).metrics().isEmpty() ? "?"
                : results.get(0).metrics().values().iterator().next().k()) + " or fewer entities");
        out.println("per partner (AUC-PR / positives):");
        for (TrainJob.Result r : results) {
            StringBuilder line = new StringBuilder(String.format("  %-22s", r.entry().model()));
            for (Map.Entry<String, Metrics> e : r.metrics().entrySet()) {
                if (!e.getKey().equals(Metrics.ALL) && !e.getKey().equals(Metrics.UNKNOWN)) {
                    line.append(String.format(" %s %s/%d", e.getKey(), num(e.getValue().aucPr()), e.getValue().positives()));
                }
            }
            out.println(line);
        }
    }

    public static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.3f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.2f%%", v * 100);
    }
}
