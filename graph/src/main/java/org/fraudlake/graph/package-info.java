/**
 * The graph stage: money-flow and contact graphs over the pooled, pseudonymized silver tables (GraphX and
 * Spark SQL), victim fund tracing, gang communities and risk propagation, economic-crime leads and
 * incident series.
 */
package org.fraudlake.graph;
