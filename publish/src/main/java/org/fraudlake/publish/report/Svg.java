package org.fraudlake.publish.report;

import static org.fraudlake.publish.report.Html.esc;
import static org.fraudlake.publish.report.Html.px;

import java.util.ArrayList;
import java.util.List;

/**
 * Server-side SVG charts for the report page: plain, well-formed SVG with no script, styled by the page's CSS
 * classes ({@code grid}, {@code tick}, {@code bar}, {@code bar-hot}, {@code mark}, {@code line}, {@code dot}).
 * Every data mark carries a {@code <title>} so a browser shows its value on hover. All text is escaped.
 */
final class Svg {
    private static final int LEFT = 52;
    private static final int RIGHT = 14;
    private static final int TOP = 14;
    private static final int BOTTOM = 30;

    private Svg() {
    }

    /**
     * Vertical bars, one per label, on a linear axis from 0.
     *
     * @param tips one hover text per bar
     */
    static String bars(String label, List<String> xLabels, List<Long> values, List<String> tips, int width,
                       int height) {
        StringBuilder b = open(label, width, height);
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        long top = niceTop(values.stream().mapToLong(Long::longValue).max().orElse(0));
        for (int i = 0; i <= 4; i++) {
            long v = top * i / 4;
            double y = TOP + plotH - plotH * v / top;
            gridLine(b, width, y);
            tick(b, LEFT - 6, y + 4, Html.count(v), "end");
        }
        int n = values.size();
        double slot = plotW / Math.max(1, n);
        int every = Math.max(1, (int) Math.ceil(n / (plotW / 44)));
        for (int i = 0; i < n; i++) {
            double h = plotH * values.get(i) / top;
            double x = LEFT + i * slot + slot * 0.15;
            b.append("<rect class=\"bar\" x=\"").append(px(x)).append("\" y=\"").append(px(TOP + plotH - h))
                    .append("\" width=\"").append(px(slot * 0.7)).append("\" height=\"").append(px(h)).append("\">")
                    .append("<title>").append(esc(tips.get(i))).append("</title></rect>");
            if ((n - 1 - i) % every == 0) {
                tick(b, LEFT + i * slot + slot / 2, height - BOTTOM + 16, xLabels.get(i), "middle");
            }
        }
        axis(b, width, TOP + plotH);
        return b.append("</svg>").toString();
    }

    /**
     * A score histogram over [0, 1] on a log scale (count + 1), so the few high scores show beside the many low
     * ones; bins at or above the threshold are drawn hot, and the threshold as a dashed line.
     */
    static String histogram(String label, List<Long> counts, Double threshold, int width, int height) {
        StringBuilder b = open(label, width, height);
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        int decades = Math.max(1, (int) Math.ceil(Math.log10(max + 1.0)));
        for (int d = 0; d <= decades; d++) {
            double y = TOP + plotH - plotH * d / decades;
            gridLine(b, width, y);
            tick(b, LEFT - 6, y + 4, d == 0 ? "0" : Html.count((long) Math.pow(10, d)), "end");
        }
        int n = counts.size();
        double slot = plotW / n;
        for (int i = 0; i < n; i++) {
            long c = counts.get(i);
            double h = plotH * Math.log10(c + 1.0) / decades;
            double lo = i / (double) n;
            boolean hot = threshold != null && lo + 1e-12 >= threshold;
            b.append("<rect class=\"").append(hot ? "bar-hot" : "bar").append("\" x=\"").append(px(LEFT + i * slot + 0.5))
                    .append("\" y=\"").append(px(TOP + plotH - h)).append("\" width=\"").append(px(slot - 1))
                    .append("\" height=\"").append(px(h)).append("\"><title>")
                    .append(esc(String.format(java.util.Locale.ROOT, "%.2f\u2013%.2f: %s", lo, (i + 1) / (double) n,
                            Html.count(c))))
                    .append("</title></rect>");
        }
        for (int i = 0; i <= 4; i++) {
            tick(b, LEFT + plotW * i / 4, height - BOTTOM + 16,
                    String.format(java.util.Locale.ROOT, "%.2f", i / 4.0), "middle");
        }
        if (threshold != null) {
            double x = LEFT + plotW * Math.max(0, Math.min(1, threshold));
            b.append("<line class=\"mark\" x1=\"").append(px(x)).append("\" y1=\"").append(px(TOP - 4))
                    .append("\" x2=\"").append(px(x)).append("\" y2=\"").append(px(TOP + plotH)).append("\"><title>")
                    .append(esc("threshold " + Html.decimal(threshold))).append("</title></line>");
        }
        axis(b, width, TOP + plotH);
        return b.append("</svg>").toString();
    }

    /**
     * A share (0..1) over the days of a window: points where a value exists, joined in order; the axis runs from
     * 0% to 100%.
     *
     * @param values one per day, null where there is none
     * @param tips   one hover text per day
     */
    static String shareLine(String label, List<String> xLabels, List<Double> values, List<String> tips, int width,
                            int height) {
        StringBuilder b = open(label, width, height);
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4;
            gridLine(b, width, y);
            tick(b, LEFT - 6, y + 4, (i * 25) + "%", "end");
        }
        int n = values.size();
        double step = n > 1 ? plotW / (n - 1) : 0;
        List<String> points = new ArrayList<>();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Double v = values.get(i);
            double x = LEFT + (n > 1 ? i * step : plotW / 2);
            if (v != null) {
                double y = TOP + plotH - plotH * Math.max(0, Math.min(1, v));
                points.add(px(x) + "," + px(y));
                dots.append("<circle class=\"dot\" cx=\"").append(px(x)).append("\" cy=\"").append(px(y))
                        .append("\" r=\"4\"><title>").append(esc(tips.get(i))).append("</title></circle>");
            }
        }
        if (points.size() > 1) {
            b.append("<polyline class=\"line\" points=\"").append(String.join(" ", points)).append("\"/>");
        }
        b.append(dots);
        int every = Math.max(1, (int) Math.ceil(n / (plotW / 48)));
        for (int i = n - 1; i >= 0; i -= every) {
            tick(b, LEFT + (n > 1 ? i * step : plotW / 2), height - BOTTOM + 16, xLabels.get(i), "middle");
        }
        axis(b, width, TOP + plotH);
        return b.append("</svg>").toString();
    }

    /**
     * The top of a linear axis with four equal integer steps: the smallest of 1, 2, 4, 5, 8 or 10 times a power of
     * ten that is divisible by 4 and at least {@code max}; 4 for small values.
     */
    static long niceTop(long max) {
        if (max <= 4) {
            return 4;
        }
        long p = 1;
        while (p * 10 <= max) {
            p *= 10;
        }
        for (long m : new long[]{1, 2, 4, 5, 8, 10}) {
            if (p * m >= max && (p * m) % 4 == 0) {
                return p * m;
            }
        }
        return p * 10;
    }

    private static StringBuilder open(String label, int width, int height) {
        return new StringBuilder(4096).append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"").append(esc(label))
                .append("\"><title>").append(esc(label)).append("</title>");
    }

    private static void gridLine(StringBuilder b, int width, double y) {
        b.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(px(y)).append("\" x2=\"")
                .append(width - RIGHT).append("\" y2=\"").append(px(y)).append("\"/>");
    }

    private static void axis(StringBuilder b, int width, double y) {
        b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(px(y)).append("\" x2=\"")
                .append(width - RIGHT).append("\" y2=\"").append(px(y)).append("\"/>");
    }

    private static void tick(StringBuilder b, double x, double y, String text, String anchor) {
        b.append("<text class=\"tick\" x=\"").append(px(x)).append("\" y=\"").append(px(y))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(esc(text)).append("</text>");
    }
}
