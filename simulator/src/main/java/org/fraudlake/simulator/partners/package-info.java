/**
 * The simulated partners answering the center: {@link org.fraudlake.simulator.partners.PartnerResponder} reads each
 * partner bank's outbox folders as the bank would and writes its {@code bank_feedback} delivery for the next date,
 * answering from the city's ground truth, deterministically from the seed.
 */
package org.fraudlake.simulator.partners;
