/**
 * The nightly report ({@code reports/<date>/report.html} and {@code report.json}): {@link
 * org.fraudlake.publish.report.ReportJob} reads the night's tables, {@link org.fraudlake.publish.report.ReportQueries}
 * aggregates them, {@link org.fraudlake.publish.report.Report} holds the figures, and {@link
 * org.fraudlake.publish.report.ReportJson} and {@link org.fraudlake.publish.report.ReportHtml} render them.
 */
package org.fraudlake.publish.report;
