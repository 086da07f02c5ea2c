package org.fraudlake.console.web;

import static org.fraudlake.console.web.Html.esc;
import static org.fraudlake.console.web.Html.px;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.fraudlake.console.data.FlowEdge;

/**
 * Server-side SVG for the console: bar charts, line charts, histograms, a scatter timeline and two network
 * drawings (the flow around one entity; a ring of members). Plain SVG with no script, styled by the page's CSS;
 * every mark has a {@code <title>} for hover, every text is escaped, nodes link to their entity pages.
 */
public final class Svg {
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int BOTTOM = 30;

    private Svg() {
    }

    /** Vertical bars, one per label, from 0. */
    public static String bars(String label, List<String> xLabels, List<Double> values, int width, int height) {
        StringBuilder b = open(label, width, height, "chart");
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        double top = Math.max(1e-9, values.stream().mapToDouble(Double::doubleValue).max().orElse(0)) * 1.1;
        yGrid(b, width, plotH, top, false);
        int n = values.size();
        double slot = plotW / Math.max(1, n);
        int every = Math.max(1, (int) Math.ceil(n / (plotW / 60)));
        for (int i = 0; i < n; i++) {
            double h = plotH * values.get(i) / top;
            b.append("<rect class=\"bar\" x=\"").append(px(LEFT + i * slot + slot * 0.15)).append("\" y=\"")
                    .append(px(TOP + plotH - h)).append("\" width=\"").append(px(slot * 0.7)).append("\" height=\"")
                    .append(px(h)).append("\"><title>").append(esc(xLabels.get(i) + ": " + fmt(values.get(i))))
                    .append("</title></rect>");
            if ((n - 1 - i) % every == 0) {
                tick(b, LEFT + i * slot + slot / 2, height - BOTTOM + 16, xLabels.get(i), "middle");
            }
        }
        return b.append("</svg>").toString();
    }

    /** A histogram of scores over [0, 1] on a log scale, bins at or above the threshold hot. */
    public static String histogram(String label, long[] counts, Double threshold, int width, int height) {
        StringBuilder b = open(label, width, height, "chart");
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        long max = 0;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        int decades = Math.max(1, (int) Math.ceil(Math.log10(max + 1.0)));
        for (int d = 0; d <= decades; d++) {
            double y = TOP + plotH - plotH * d / decades;
            line(b, "grid", LEFT, y, width - RIGHT, y);
            tick(b, LEFT - 6, y + 4, d == 0 ? "0" : Html.count((long) Math.pow(10, d)), "end");
        }
        int n = counts.length;
        double slot = plotW / n;
        for (int i = 0; i < n; i++) {
            double h = plotH * Math.log10(counts[i] + 1.0) / decades;
            double lo = i / (double) n;
            boolean hot = threshold != null && lo + 1e-12 >= threshold;
            b.append("<rect class=\"").append(hot ? "bar-hot" : "bar").append("\" x=\"").append(px(LEFT + i * slot))
                    .append("\" y=\"").append(px(TOP + plotH - h)).append("\" width=\"").append(px(slot - 1))
                    .append("\" height=\"").append(px(h)).append("\"><title>")
                    .append(esc(String.format(Locale.ROOT, "%.2f-%.2f: %d", lo, (i + 1) / (double) n, counts[i])))
                    .append("</title></rect>");
        }
        for (int i = 0; i <= 4; i++) {
            tick(b, LEFT + plotW * i / 4, height - BOTTOM + 16, String.format(Locale.ROOT, "%.2f", i / 4.0), "middle");
        }
        if (threshold != null) {
            double x = LEFT + plotW * Math.max(0, Math.min(1, threshold));
            line(b, "mark", x, TOP - 4, x, TOP + plotH);
        }
        return b.append("</svg>").toString();
    }

    /**
     * A line through points (x, y) on axes from the data's ranges (y from 0 when {@code fromZero}); x labels
     * given per point.
     */
    public static String line(String label, List<double[]> points, List<String> tips, String xName, String yName,
                              boolean unitAxes, int width, int height) {
        StringBuilder b = open(label, width, height, "chart");
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        double xMin = unitAxes ? 0 : points.stream().mapToDouble(p -> p[0]).min().orElse(0);
        double xMax = unitAxes ? 1 : points.stream().mapToDouble(p -> p[0]).max().orElse(1);
        double yMax = unitAxes ? 1 : Math.max(1e-9, points.stream().mapToDouble(p -> p[1]).max().orElse(1) * 1.1);
        if (xMax <= xMin) {
            xMax = xMin + 1;
        }
        yGrid(b, width, plotH, yMax, unitAxes);
        List<String> pts = new ArrayList<>();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            double x = LEFT + plotW * (points.get(i)[0] - xMin) / (xMax - xMin);
            double y = TOP + plotH - plotH * points.get(i)[1] / yMax;
            pts.add(px(x) + "," + px(y));
            dots.append("<circle class=\"dot\" cx=\"").append(px(x)).append("\" cy=\"").append(px(y))
                    .append("\" r=\"3.5\"><title>").append(esc(tips.get(i))).append("</title></circle>");
        }
        if (pts.size() > 1) {
            b.append("<polyline class=\"line\" points=\"").append(String.join(" ", pts)).append("\"/>");
        }
        b.append(dots);
        tick(b, LEFT + plotW / 2, height - 4, xName, "middle");
        b.append("<text class=\"tick\" x=\"12\" y=\"").append(px(TOP + plotH / 2)).append("\" transform=\"rotate(-90 12 ")
                .append(px(TOP + plotH / 2)).append(")\" text-anchor=\"middle\">").append(esc(yName)).append("</text>");
        return b.append("</svg>").toString();
    }

    /** A node of a network drawing. */
    public record Node(String id, String label, String cssClass, String href) {
    }

    /**
     * The flow around one entity: the entity in the middle, whoever sent to it on the left, whoever it sent to on
     * the right (a node on both sides is drawn once, on the left), edge widths by amount, traced victim money in
     * the {@code traced} style.
     *
     * @param link the page of a node id, or null for none
     */
    public static String flowAround(String label, String center, List<FlowEdge> edges, String unit,
                                    Function<String, String> link, int width) {
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        for (FlowEdge e : edges) {
            if (e.to().equals(center) && !left.contains(e.from())) {
                left.add(e.from());
            }
        }
        for (FlowEdge e : edges) {
            String other = e.from().equals(center) ? e.to() : e.from();
            if (!other.equals(center) && !left.contains(other) && !right.contains(other)) {
                right.add(other);
            }
        }
        int rows = Math.max(1, Math.max(left.size(), right.size()));
        int height = Math.max(160, 40 + rows * 42);
        Map<String, double[]> at = new LinkedHashMap<>();
        at.put(center, new double[]{width / 2.0, height / 2.0});
        place(at, left, 90, height);
        place(at, right, width - 90, height);
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node(center, Html.shortToken(center), "node-center", null));
        for (String id : at.keySet()) {
            if (!id.equals(center)) {
                nodes.add(new Node(id, Html.shortToken(id), "node", link.apply(id)));
            }
        }
        return network(label, nodes, at, edges, unit, width, height);
    }

    /** Members on a ring, edges between them (and to nodes outside the ring, placed in the middle). */
    public static String ring(String label, List<Node> members, List<FlowEdge> edges, String unit, int width,
                              int height) {
        Map<String, double[]> at = new LinkedHashMap<>();
        int n = members.size();
        double r = Math.min(width, height) / 2.0 - 60;
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / Math.max(1, n) - Math.PI / 2;
            at.put(members.get(i).id(), new double[]{width / 2.0 + r * Math.cos(a), height / 2.0 + r * Math.sin(a)});
        }
        List<Node> nodes = new ArrayList<>(members);
        List<String> outside = new ArrayList<>();
        for (FlowEdge e : edges) {
            for (String id : List.of(e.from(), e.to())) {
                if (!at.containsKey(id) && !outside.contains(id)) {
                    outside.add(id);
                }
            }
        }
        for (int i = 0; i < outside.size(); i++) {
            double a = 2 * Math.PI * i / Math.max(1, outside.size());
            double rr = outside.size() == 1 ? 0 : r * 0.4;
            at.put(outside.get(i), new double[]{width / 2.0 + rr * Math.cos(a), height / 2.0 + rr * Math.sin(a)});
            nodes.add(new Node(outside.get(i), Html.shortToken(outside.get(i)), "node", null));
        }
        return network(label, nodes, at, edges, unit, width, height);
    }

    private static void place(Map<String, double[]> at, List<String> ids, double x, int height) {
        for (int i = 0; i < ids.size(); i++) {
            at.put(ids.get(i), new double[]{x, (i + 1) * height / (ids.size() + 1.0)});
        }
    }

    private static String network(String label, List<Node> nodes, Map<String, double[]> at, List<FlowEdge> edges,
                                  String unit, int width, int height) {
        StringBuilder b = open(label, width, height, "network");
        b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" "
                + "markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/>"
                + "</marker></defs>");
        double maxAmt = edges.stream().mapToDouble(FlowEdge::amount).max().orElse(1);
        for (FlowEdge e : edges) {
            double[] a = at.get(e.from());
            double[] z = at.get(e.to());
            if (a == null || z == null || a == z) {
                continue;
            }
            double dx = z[0] - a[0];
            double dy = z[1] - a[1];
            double len = Math.max(1, Math.hypot(dx, dy));
            double w = 1 + 5 * Math.sqrt(Math.max(0, e.amount()) / Math.max(1e-9, maxAmt));
            b.append("<line class=\"").append(e.traced() ? "edge-traced" : "edge").append("\" x1=\"")
                    .append(px(a[0] + dx / len * 22)).append("\" y1=\"").append(px(a[1] + dy / len * 22))
                    .append("\" x2=\"").append(px(z[0] - dx / len * 24)).append("\" y2=\"")
                    .append(px(z[1] - dy / len * 24)).append("\" stroke-width=\"").append(px(w))
                    .append("\" marker-end=\"url(#arrow)\"><title>")
                    .append(esc(e.from() + " \u2192 " + e.to() + ": " + fmt(e.amount()) + " " + unit + " in "
                            + e.count() + (e.traced() ? " (traced victim money)" : "")))
                    .append("</title></line>");
            if (!unit.equals("-")) {
                b.append("<text class=\"edge-label\" x=\"").append(px((a[0] + z[0]) / 2)).append("\" y=\"")
                        .append(px((a[1] + z[1]) / 2 - 5)).append("\" text-anchor=\"middle\">")
                        .append(esc(fmt(e.amount()) + (unit.isEmpty() ? "" : " " + unit))).append("</text>");
            }
        }
        for (Node n : nodes) {
            double[] p = at.get(n.id());
            if (p == null) {
                continue;
            }
            if (n.href() != null) {
                b.append("<a href=\"").append(esc(n.href())).append("\">");
            }
            b.append("<g class=\"").append(esc(n.cssClass())).append("\"><circle cx=\"").append(px(p[0]))
                    .append("\" cy=\"").append(px(p[1])).append("\" r=\"18\"/><text x=\"").append(px(p[0]))
                    .append("\" y=\"").append(px(p[1] + 32)).append("\" text-anchor=\"middle\">").append(esc(n.label()))
                    .append("</text><title>").append(esc(n.id())).append("</title></g>");
            if (n.href() != null) {
                b.append("</a>");
            }
        }
        return b.append("</svg>").toString();
    }

    private static String fmt(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? Html.count((long) Math.rint(v)) : Html.money(v);
    }

    private static StringBuilder open(String label, int width, int height, String cls) {
        return new StringBuilder(4096).append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(cls)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"")
                .append(esc(label)).append("\"><title>").append(esc(label)).append("</title>");
    }

    private static void yGrid(StringBuilder b, int width, double plotH, double top, boolean unit) {
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4;
            line(b, "grid", LEFT, y, width - RIGHT, y);
            tick(b, LEFT - 6, y + 4, unit ? String.format(Locale.ROOT, "%.2f", i / 4.0) : fmtAxis(top * i / 4), "end");
        }
    }

    private static String fmtAxis(double v) {
        return v >= 100 ? Html.count(Math.round(v)) : String.format(Locale.ROOT, "%.2g", v);
    }

    private static void line(StringBuilder b, String cls, double x1, double y1, double x2, double y2) {
        b.append("<line class=\"").append(cls).append("\" x1=\"").append(px(x1)).append("\" y1=\"").append(px(y1))
                .append("\" x2=\"").append(px(x2)).append("\" y2=\"").append(px(y2)).append("\"/>");
    }

    private static void tick(StringBuilder b, double x, double y, String text, String anchor) {
        b.append("<text class=\"tick\" x=\"").append(px(x)).append("\" y=\"").append(px(y))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(esc(text)).append("</text>");
    }
}
