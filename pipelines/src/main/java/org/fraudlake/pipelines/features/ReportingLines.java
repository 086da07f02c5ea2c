package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The reporting lines amounts are structured under, as settings (a city's regulator sets them, not the data):
 *
 * @param cashLine     the large-cash reporting line (default 50,000 CNY: the PBoC's large-value cash report); the
 *                     structuring-ring detector looks for cash deposits just under it
 * @param transferLine the transfer line the structuring-ring detector looks just under (default 5,000: a bank's
 *                     common review line for personal transfers; not in the partner contract, so set it to the
 *                     partner banks' own)
 * @param lines        every line an account's amounts just under count toward its {@code below_threshold} feature
 *                     (default 5,000, 10,000, 50,000)
 * @param featureBand  "just under" for the feature: an amount in [featureBand x line, line) (default 0.9)
 * @param ringBand     "just under" for the structuring-ring detector, tighter (default 0.98: 49,000 to 50,000 cash,
 *                     4,900 to 5,000 transfers)
 */
public record ReportingLines(BigDecimal cashLine, BigDecimal transferLine, List<BigDecimal> lines,
                             BigDecimal featureBand, BigDecimal ringBand) {
    public static final ReportingLines DEFAULTS = new ReportingLines(new BigDecimal("50000"), new BigDecimal("5000"),
            List.of(new BigDecimal("5000"), new BigDecimal("10000"), new BigDecimal("50000")), new BigDecimal("0.9"),
            new BigDecimal("0.98"));

    public ReportingLines {
        lines = List.copyOf(lines);
        if (cashLine.signum() <= 0 || transferLine.signum() <= 0 || lines.isEmpty()
                || lines.stream().anyMatch(l -> l.signum() <= 0)) {
            throw new IllegalArgumentException("reporting lines must be positive amounts, got cash " + cashLine
                    + ", transfer " + transferLine + ", lines " + lines);
        }
        for (BigDecimal band : List.of(featureBand, ringBand)) {
            if (band.signum() <= 0 || band.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("a reporting band is a fraction of its line in (0, 1), got " + band);
            }
        }
    }

    /** Whether an amount sits just under one of {@link #lines} ([featureBand x line, line)). */
    public Column justBelowAny(Column amount) {
        Column any = lit(false);
        for (BigDecimal line : lines) {
            any = any.or(amount.geq(lit(line.multiply(featureBand))).and(amount.lt(lit(line))));
        }
        return any;
    }

    /** The lower edge of the ring detector's band under a line. */
    public BigDecimal ringLow(BigDecimal line) {
        return line.multiply(ringBand);
    }
}
