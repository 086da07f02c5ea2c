/**
 * The signed per-partner outbox ({@code shared/feeds.md}, "What partners receive"): {@link
 * org.fraudlake.publish.outbox.OutboxWriter} writes {@code outbox/<partner>/<business_date>/} for every partner bank
 * and carrier from the night's sent warnings, raw identifiers only for the partner's own customers ({@link
 * org.fraudlake.publish.outbox.Routing}); {@link org.fraudlake.publish.outbox.SigningKeys} makes and loads the
 * Ed25519 key pair; {@link org.fraudlake.publish.outbox.OutboxVerifier} is the check a partner runs.
 */
package org.fraudlake.publish.outbox;
