/**
 * The analyst review console ({@code fraudlake serve}): a Javalin web application on localhost over one lake. Pages
 * are rendered on the server (HTML with every value escaped, charts and network drawings as inline SVG, no
 * script), the lake is read through one shared local SparkSession, and the console writes two Delta tables:
 * ops/dispositions (analysts' verdicts, read by the next training as labels) and ops/reveals (the audit of every
 * raw identifier shown).
 *
 * <p>Sub-packages: {@code auth} (users, password hashing, sessions, CSRF), {@code data} (the lake queries and
 * writes), {@code web} (pages, SVG).
 */
package org.fraudlake.console;
