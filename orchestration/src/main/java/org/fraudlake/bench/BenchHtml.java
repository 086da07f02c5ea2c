package org.fraudlake.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code results.html}: one self-contained page (inline CSS and SVG, no script) with the timed night's stage
 * table, the stage breakdown as bars (full-size and half-size city side by side) and the scaling chart:
 * each stage's seconds at both sizes on log-log axes, where a line's slope is its scaling exponent, next to a
 * dashed line of slope 1.
 */
public final class BenchHtml {
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    private BenchHtml() {
    }

    /** Writes {@code results.html} into the folder. */
    public static Path write(BenchReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("results.html");
        Files.writeString(file, page(r), StandardCharsets.UTF_8);
        return file;
    }

    static String page(BenchReport r) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>fraudlake bench</title><style>body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}"
                + "table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}"
                + "td:first-child,th:first-child,td:nth-child(2){text-align:left}.tick{font-size:11px;fill:#555}"
                + ".grid{stroke:#e5e5e5}.axis{stroke:#999}</style></head><body>");
        b.append("<h1>fraudlake bench</h1><p>").append(esc(String.format(Locale.ROOT,
                "Timed night %s: %,d persons (half-size city %,d), %d simulated days, %s nights backfilled first; "
                        + "%s, %d cores, load %.1f before, %.1f after. Command: ", r.full().night().to(),
                r.full().persons(), r.half().persons(), r.full().days(),
                r.full().backfill() == null ? "no" : Integer.toString(r.full().backfill().nights()),
                r.machine().sparkMaster(), r.machine().cores(), r.machine().loadBefore(), r.machine().loadAfter())))
                .append("<code>").append(esc(r.command())).append("</code></p>");
        b.append("<p>").append(esc(String.format(Locale.ROOT, "Ingest takes %s times the bare CSV-to-Delta job "
                        + "(%.1f s vs %.1f s). Scaling exponent of the night: %s (bare job %s; 1 = linear in persons).",
                BenchReport.num(r.ingestOverBare()), r.full().night().stage("ingest").measure().wallS(),
                r.full().bare().measure().wallS(), BenchReport.num(r.nightExponent()),
                BenchReport.num(r.bareExponent())))).append("</p>");
        table(b, r);
        b.append("<h2>Stage breakdown</h2>").append(bars(r));
        b.append("<h2>Scaling</h2>").append(scaling(r));
        return b.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder b, BenchReport r) {
        b.append("<table><tr><th>stage</th><th>status</th><th>wall s</th><th>rows in</th><th>rows out</th>"
                + "<th>rows/s/core</th><th>peak heap MB</th><th>shuffle read MB</th><th>shuffle write MB</th>"
                + "<th>jobs</th><th>stages</th><th>tasks</th><th>files</th><th>Delta commits</th><th>half-size s</th><th>exponent</th></tr>");
        for (StageFigures s : r.full().night().stages()) {
            Measure m = s.measure();
            b.append("<tr><td>").append(esc(s.stage())).append("</td><td>").append(esc(s.status())).append("</td>");
            cell(b, String.format(Locale.ROOT, "%.1f", m.wallS()));
            cell(b, BenchReport.count(s.rowsIn()) + (StageFigures.SPARK.equals(s.rowsInFrom()) ? "*" : ""));
            cell(b, BenchReport.count(s.rowsOut()));
            cell(b, s.rowsPerSecPerCore() == null ? "-" : BenchReport.count(Math.round(s.rowsPerSecPerCore())));
            cell(b, BenchReport.mb(m.peakHeapBytes()));
            cell(b, BenchReport.mb(m.shuffleReadBytes()));
            cell(b, BenchReport.mb(m.shuffleWriteBytes()));
            cell(b, Long.toString(m.jobs()));
            cell(b, Long.toString(m.stages()));
            cell(b, Long.toString(m.tasks()));
            cell(b, Long.toString(m.filesWritten()));
            cell(b, Long.toString(m.deltaCommits()));
            cell(b, String.format(Locale.ROOT, "%.1f", r.half().night().stage(s.stage()).measure().wallS()));
            cell(b, BenchReport.num(r.stageExponents().get(s.stage())));
            b.append("</tr>");
        }
        b.append("</table><p><small>* rows in: Spark input records of the stage's tasks, where the stage does not "
                + "report rows read. Peak heap: the sum of the heap pools' peaks in the stage.</small></p>");
    }

    private static void cell(StringBuilder b, String text) {
        b.append("<td>").append(esc(text)).append("</td>");
    }

    /** Horizontal bars: per stage, the full-size city's seconds and, thinner, the half-size city's. */
    static String bars(BenchReport r) {
        List<StageFigures> stages = r.full().night().stages();
        double max = 0;
        for (StageFigures s : stages) {
            max = Math.max(max, Math.max(s.measure().wallS(), r.half().night().stage(s.stage()).measure().wallS()));
        }
        max = Math.max(max, 0.1);
        int left = 80;
        int width = 640;
        int row = 26;
        int height = stages.size() * row + 30;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"seconds per stage\">", width, height));
        double plot = width - left - 60;
        for (int i = 0; i < stages.size(); i++) {
            StageFigures s = stages.get(i);
            double full = s.measure().wallS();
            double half = r.half().night().stage(s.stage()).measure().wallS();
            double y = 10 + i * row;
            b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    left - 6, y + 13, esc(s.stage())));
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"%s\">"
                            + "<title>%s</title></rect>", left, y, plot * full / max, COLORS[0],
                    esc(String.format(Locale.ROOT, "%s: %.1f s at %,d persons", s.stage(), full, r.full().persons()))));
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"6\" fill=\"%s\">"
                            + "<title>%s</title></rect>", left, y + 13, plot * half / max, COLORS[1],
                    esc(String.format(Locale.ROOT, "%s: %.1f s at %,d persons", s.stage(), half, r.half().persons()))));
            b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%.1f s</text>",
                    left + plot * full / max + 4, y + 11, full));
        }
        b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%d\">blue: %,d persons; orange: %,d "
                + "persons</text>", left, height - 4, r.full().persons(), r.half().persons()));
        return b.append("</svg>").toString();
    }

    /** Log-log: x persons (half, full), y seconds; one line per stage, and a dashed reference of slope 1. */
    static String scaling(BenchReport r) {
        List<StageFigures> stages = r.full().night().stages();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (StageFigures s : stages) {
            for (double v : new double[] {s.measure().wallS(), r.half().night().stage(s.stage()).measure().wallS()}) {
                if (v >= BenchReport.MIN_SECONDS) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi == 0) {
            return "<p>No stage took long enough to plot.</p>";
        }
        double yLo = Math.floor(Math.log10(lo));
        double yHi = Math.max(yLo + 1, Math.ceil(Math.log10(hi)));
        int width = 640;
        int height = 360;
        int left = 60;
        int right = 170;
        int top = 14;
        int bottom = 40;
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        double xHalf = left + plotW * 0.15;
        double xFull = left + plotW * 0.85;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"seconds per stage by city size\">", width, height));
        for (double d = yLo; d <= yHi; d++) {
            double y = top + plotH - plotH * (d - yLo) / (yHi - yLo);
            b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s s</text>", left, y,
                    left + plotW, y, left - 6, y + 4, trim(Math.pow(10, d))));
        }
        b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,d persons"
                        + "</text><text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,d persons</text>",
                xHalf, height - bottom + 18, r.half().persons(), xFull, height - bottom + 18, r.full().persons()));
        double perDecadeX = (xFull - xHalf) / Math.log10(r.full().persons() / (double) r.half().persons());
        double perDecadeY = plotH / (yHi - yLo);
        double yMid = top + plotH / 2;
        double dx = xFull - xHalf;
        b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
                        + "stroke-dasharray=\"5,4\"><title>slope 1: time doubles with the city</title></line>", xHalf,
                yMid + dx / perDecadeX * perDecadeY / 2, xFull, yMid - dx / perDecadeX * perDecadeY / 2));
        int legend = 0;
        for (int i = 0; i < stages.size(); i++) {
            StageFigures s = stages.get(i);
            double full = s.measure().wallS();
            double half = r.half().night().stage(s.stage()).measure().wallS();
            if (full < BenchReport.MIN_SECONDS || half < BenchReport.MIN_SECONDS) {
                continue;
            }
            String color = COLORS[i % COLORS.length];
            double y1 = top + plotH - perDecadeY * (Math.log10(half) - yLo);
            double y2 = top + plotH - perDecadeY * (Math.log10(full) - yLo);
            String tip = String.format(Locale.ROOT, "%s: %.1f s -> %.1f s, exponent %s", s.stage(), half, full,
                    BenchReport.num(r.stageExponents().get(s.stage())));
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"2\"><title>%s</title></line>", xHalf, y1, xFull, y2, color, esc(tip)));
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/><circle "
                    + "cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", xHalf, y1, color, xFull, y2, color));
            b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>",
                    left + plotW + 12, top + 12 + legend * 16, color, esc(s.stage() + " "
                            + BenchReport.num(r.stageExponents().get(s.stage())))));
            legend++;
        }
        b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                left, top + plotH, left + plotW, top + plotH));
        return b.append("</svg>").toString();
    }

    private static String trim(double v) {
        return v >= 1 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%s", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
