package org.fraudlake.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Escaping and number formats for the console's pages and drawings; every value shown goes through {@link #esc}. */
public final class Html {
    private Html() {
    }

    /** Text safe inside an element or a quoted attribute, in HTML and in SVG. */
    public static String esc(Object value) {
        return org.fraudlake.publish.report.Html.esc(value);
    }

    /** A query-string or path value, percent-encoded (then still escaped where it lands in an attribute). */
    public static String url(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    /** {@code 12,345}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 12,345.67}. */
    public static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    /** Three decimals; an em dash for null. */
    public static String decimal(Double v) {
        return v == null || v.isNaN() ? "\u2014" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A coordinate: one decimal, no locale. */
    public static String px(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A token cut to a readable length for a drawing's label. */
    public static String shortToken(String token) {
        return token == null ? "" : token.length() <= 14 ? token : token.substring(0, 13) + "\u2026";
    }
}
