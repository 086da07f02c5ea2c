/**
 * The night's decisions: {@link org.fraudlake.publish.decisions.DecisionsJob} turns the champions' scores, the fund
 * traces and the leads of a business date into {@code published/intercept_list} and
 * {@code published/victim_warnings}, one warning per entity, continued from the warnings already published.
 */
package org.fraudlake.publish.decisions;
