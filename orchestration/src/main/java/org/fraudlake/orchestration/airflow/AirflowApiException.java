package org.fraudlake.orchestration.airflow;

/**
 * A REST call to Airflow that did not succeed: an HTTP error answer (with the problem JSON's title and detail),
 * or no usable answer at all (unreachable, timed out, not JSON). The message names the method, the URL, the
 * status and what would fix it; it never holds credentials.
 */
public final class AirflowApiException extends RuntimeException {
    /** {@link #status()} when no HTTP answer came. */
    public static final int NO_ANSWER = 0;

    private final int status;
    private final String title;
    private final String detail;

    public AirflowApiException(String message, int status, String title, String detail, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    /** The HTTP status, or {@link #NO_ANSWER}. */
    public int status() {
        return status;
    }

    /** The problem JSON's title, or null. */
    public String title() {
        return title;
    }

    /** The problem JSON's detail, or null. */
    public String detail() {
        return detail;
    }

    /** A 4xx answer: the request was wrong (auth, permissions, unknown DAG or run, bad body); retrying won't help. */
    public boolean isClientError() {
        return status >= 400 && status < 500;
    }
}
