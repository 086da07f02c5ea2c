package org.fraudlake.publish.report;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Escaping and number formats shared by the page and its charts (and the console's pages); every value goes
 * through {@link #esc}.
 */
public final class Html {
    private Html() {
    }

    /** Text safe inside an element or a double- or single-quoted attribute, in HTML and in XML (SVG). */
    public static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** {@code 12,345}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 12,345.67}; an em dash for null. */
    static String money(BigDecimal v) {
        return v == null ? "\u2014" : String.format(Locale.ROOT, "%,.2f", v);
    }

    /** Three decimals; an em dash for null. */
    static String decimal(Double v) {
        return v == null ? "\u2014" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** {@code 81.2%}; an em dash for null. */
    static String percent(Double share) {
        return share == null ? "\u2014" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** A coordinate: one decimal, no locale. */
    static String px(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
