package org.fraudlake.core.failure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Says where an error happened in words a ledger row or a note can hold: the exception's class and first message
 * line, its root cause's, and the top frames of fraudlake's own code ({@code org.fraudlake.*}) where the root cause
 * was thrown, e.g. {@code NullPointerException at Evaluator.evaluate(Evaluator.java:89) <- TrainJob.trainOne
 * (TrainJob.java:134)}. An exception without a message (a NullPointerException) still says its class and line.
 */
public final class ErrorText {
    /** The package whose frames say where in our code an error happened. */
    public static final String OUR_PACKAGE = "org.fraudlake.";
    /** Frames of our code a description shows. */
    public static final int FRAMES = 3;
    private static final int MAX_MESSAGE = 500;

    private ErrorText() {
    }

    /**
     * One line: class and message of the error, of its root cause when it has one, and the top {@link #FRAMES}
     * frames of our code where the root cause was thrown.
     */
    public static String describe(Throwable error) {
        Throwable root = root(error);
        String head = headline(error);
        if (root != error) {
            head += " (cause: " + headline(root) + ")";
        }
        List<String> frames = ourFrames(root, FRAMES);
        if (frames.isEmpty() && root != error) {
            frames = ourFrames(error, FRAMES);
        }
        return frames.isEmpty() ? head : head + " at " + String.join(" <- ", frames);
    }

    /** Short, for a note listing several parts: the root cause's class and the first frame of our code's file:line. */
    public static String brief(Throwable error) {
        Throwable root = root(error);
        String where = firstFrameFile(root);
        if (where == null && root != error) {
            where = firstFrameFile(error);
        }
        return root.getClass().getSimpleName() + (where == null ? "" : " at " + where);
    }

    /** The first line of the error's message; empty when it has none. */
    public static String message(Throwable error) {
        return firstLine(error.getMessage());
    }

    /** The whole stack trace with causes and suppressed exceptions, as {@link Throwable#printStackTrace} prints it. */
    public static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            error.printStackTrace(w);
        }
        return text.toString();
    }

    /** The innermost cause. */
    public static Throwable root(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Up to {@code n} frames of our code, innermost first, as {@code Class.method(File.java:line)}. */
    public static List<String> ourFrames(Throwable error, int n) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement f : error.getStackTrace()) {
            if (frames.size() == n) {
                break;
            }
            if (f.getClassName().startsWith(OUR_PACKAGE)) {
                frames.add(simpleClass(f) + "." + f.getMethodName() + "(" + fileLine(f) + ")");
            }
        }
        return frames;
    }

    private static String firstFrameFile(Throwable error) {
        for (StackTraceElement f : error.getStackTrace()) {
            if (f.getClassName().startsWith(OUR_PACKAGE)) {
                return fileLine(f);
            }
        }
        return null;
    }

    private static String headline(Throwable t) {
        String message = firstLine(t.getMessage());
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    private static String simpleClass(StackTraceElement f) {
        String name = f.getClassName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String fileLine(StackTraceElement f) {
        String file = f.getFileName() == null ? simpleClass(f) : f.getFileName();
        return f.getLineNumber() < 0 ? file : file + ":" + f.getLineNumber();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).strip();
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
    }
}
