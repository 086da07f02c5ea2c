/**
 * Evaluation of what the night published against a simulated city's ground truth ({@code truth/}): precision of
 * the ranked bank warnings, mule recall, and victim money on the FREEZE list. Never part of the pipeline.
 */
package org.fraudlake.publish.eval;
