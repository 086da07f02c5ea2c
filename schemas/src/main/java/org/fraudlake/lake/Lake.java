package org.fraudlake.lake;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * Where everything of one lake lives. The only place that knows paths: jobs ask it for a table's path
 * and never build one themselves. The root is a local path or a Hadoop URI ({@code hdfs://},
 * {@code s3a://}).
 */
public final class Lake implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String root;

    public Lake(String root) {
        String r = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        this.root = r;
    }

    public String root() {
        return root;
    }

    private String at(String relative) {
        return root + "/" + relative;
    }

    /** {@code landing/}: partner deliveries, as the contract lays them out. */
    public String landing() {
        return at("landing");
    }

    /** {@code landing/<feed>/<source>/<date>/}. */
    public String delivery(String feed, String source, LocalDate date) {
        return at("landing/" + feed + "/" + source + "/" + date);
    }

    /** Ground truth of a simulated city; outside the landing zone, never read by the pipeline. */
    public String truth() {
        return at("truth");
    }

    public String bronze(String feed) {
        return at("bronze/" + feed);
    }

    public String quarantineRows() {
        return at("quarantine/rows");
    }

    /** Bad rows without raw text or quoted values (analyst-readable); {@link #quarantineRows()} is restricted. */
    public String quarantineRowReasons() {
        return at("quarantine/row_reasons");
    }

    public String quarantineDeliveries() {
        return at("quarantine/deliveries");
    }

    /** The delivery ledger: every delivery seen, with its outcome. */
    public String deliveries() {
        return at("ops/deliveries");
    }

    public String runs() {
        return at("ops/runs");
    }

    /** {@code ops/failures}: every failed stage and every failed part of a stage (see StageFailures). */
    public String failures() {
        return at("ops/failures");
    }

    /** {@code ops/logs/<business_date>/<name>}: a stage attempt's full stack traces, one log file each. */
    public String opsLog(LocalDate date, String name) {
        return at("ops/logs/" + date + "/" + name);
    }

    /** {@code ops/<table>}: operational tables (console dispositions, the audit of identifier reveals). */
    public String ops(String table) {
        return at("ops/" + table);
    }

    /** {@code ops/console_users.json}: the console's users, roles and salted password hashes. */
    public String consoleUsers() {
        return at("ops/console_users.json");
    }

    /**
     * {@code ops/keys.json}: the fingerprint of each key the lake was written with (pseudonymization, signing), recorded
     * on first use; a run with another key refuses.
     */
    public String keys() {
        return at("ops/keys.json");
    }

    /** The lake's write lock: held by the one run that may write (see the orchestration's LakeLock). */
    public String lock() {
        return at("ops/_lock");
    }

    /** Restricted: token to raw identifier. */
    public String vaultIdentities() {
        return at("vault/identities");
    }

    public String silver(String table) {
        return at("silver/" + table);
    }

    public String gold(String table) {
        return at("gold/" + table);
    }

    /** {@code published/<table>}: what the night publishes (intercept lists, warnings, leads, incident series). */
    public String published(String table) {
        return at("published/" + table);
    }

    /** The model registry: a Delta table of every trained model version. */
    public String modelRegistry() {
        return at("models/registry");
    }

    /** The saved parameters of one model version. */
    public String modelVersion(String model, int version) {
        return at("models/" + model + "/v" + version);
    }

    /** {@code outbox/}: the folders partners fetch, and the public key they verify with. */
    public String outbox() {
        return at("outbox");
    }

    /** {@code outbox/<partner>/<business_date>/}: one partner's signed warnings of one date. */
    public String outbox(String partner, LocalDate date) {
        return at("outbox/" + partner + "/" + date);
    }

    /** {@code outbox/signing-key.pub}: the publisher's Ed25519 public key, X.509 PEM. */
    public String signingPublicKey() {
        return at("outbox/signing-key.pub");
    }

    /** {@code reports/<business_date>/}: the nightly report (report.html, report.json). */
    public String reports(LocalDate date) {
        return at("reports/" + date);
    }

    @Override
    public String toString() {
        return root;
    }
}
