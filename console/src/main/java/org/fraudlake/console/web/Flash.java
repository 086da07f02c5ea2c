package org.fraudlake.console.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.fraudlake.schemas.tables.Ops.Verdict;

/**
 * The messages a redirect may ask the next page to show, by code ({@code ?flash=recorded-confirmed}). The page shows
 * only this fixed text; any other value of the parameter shows nothing, so a link cannot put words of its own on a
 * console page.
 */
public enum Flash {
    RECORDED_CONFIRMED("Recorded CONFIRMED: the next training reads it as a positive label."),
    RECORDED_FALSE_POSITIVE("Recorded FALSE_POSITIVE: the next training reads it as a cleared label."),
    RECORDED_ESCALATED("Recorded ESCALATED.");

    private final String message;

    Flash(String message) {
        this.message = message;
    }

    /** The text shown. */
    public String message() {
        return message;
    }

    /** The code in the query string: the name in lower case with dashes. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The message of a code; empty for null or any value that is not a code. */
    public static Optional<Flash> of(String code) {
        return Arrays.stream(values()).filter(f -> f.code().equals(code)).findFirst();
    }

    /** The message after recording a verdict. */
    public static Flash recorded(Verdict verdict) {
        return valueOf("RECORDED_" + verdict.name());
    }
}
