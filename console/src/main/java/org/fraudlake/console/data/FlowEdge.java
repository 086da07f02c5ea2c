package org.fraudlake.console.data;

/**
 * Money (or calls) between two entities around the one on show: the sum and count over the window, and whether
 * traced victim money ran along it (gold/fund_trace_flows).
 */
public record FlowEdge(String from, String to, double amount, long count, boolean traced) {
}
