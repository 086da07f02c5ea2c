package org.fraudlake.orchestration.airflow;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Python source literals for values written into a generated file: any string (spaces, quotes, backslashes,
 * newlines, {@code $(...)}, non-ASCII) becomes a double-quoted literal that Python reads back as exactly that
 * string. Non-ASCII characters are written as escapes, so the file is plain ASCII.
 */
public final class PythonLiterals {
    private PythonLiterals() {
    }

    /** A Python {@code str} literal equal to {@code value}. */
    public static String string(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", c));
                    } else if (c < 0x7f) {
                        b.append((char) c);
                    } else if (c <= 0xffff) {
                        b.append(String.format("\\u%04x", c));
                    } else {
                        b.append(String.format("\\U%08x", c));
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    /** A Python list literal of strings. */
    public static String stringList(List<String> values) {
        return values.stream().map(PythonLiterals::string).collect(Collectors.joining(", ", "[", "]"));
    }
}
