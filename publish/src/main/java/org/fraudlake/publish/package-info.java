/**
 * Publishing, the end of the night: one decision per entity from the champions' scores, the fund traces and the
 * leads ({@code published/intercept_list}, {@code published/victim_warnings}); the signed per-partner outbox;
 * bank feedback turned into warning status, labels and impact figures; the nightly report.
 */
package org.fraudlake.publish;
