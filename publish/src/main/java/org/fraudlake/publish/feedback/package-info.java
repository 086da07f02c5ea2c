/**
 * Bank feedback and what the warnings achieved: {@link org.fraudlake.publish.feedback.FeedbackJob} writes
 * {@code published/feedback_impact} (per bank and model, cumulative as of the business date) from
 * {@code silver/bank_feedback} joined to the published warnings; the pure transforms are in
 * {@link org.fraudlake.publish.feedback.ImpactFigures}. Feedback as labels lives with the models
 * ({@code org.fraudlake.models.FeedbackLabels}), which read it through {@code Labels}.
 */
package org.fraudlake.publish.feedback;
