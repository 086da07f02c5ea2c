package org.fraudlake.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.fraudlake.pipelines.ingest.IngestSettings;

/**
 * The typed configuration: the declared {@link ConfigProperty settings}, read from an optional YAML file
 * (nested maps or dotted keys) and then {@code --set key=value} overrides. Unknown keys and bad values
 * fail at once, naming the key, the value and the valid keys.
 */
public final class FraudlakeConfig {
    public static final ConfigProperty<String> LAKE_ROOT = ConfigProperty.string("lake.root", "./lake",
            "Root of the lake: a local path, or an hdfs:// or s3a:// URI.");
    public static final ConfigProperty<String> KEY_FILE = ConfigProperty.string("pseudonymization.key-file",
            "./keys/pseudonym.key",
            "File with the HMAC key for pseudonymization (base64, mode 0600), made once by `fraudlake keys init`; a "
                    + "run never creates it and refuses a key other than the lake's (ops/keys.json). Keep it outside the lake.");
    public static final ConfigProperty<String> SIGNING_KEY = ConfigProperty.string("publish.signing-key",
            "./keys/signing.key",
            "Ed25519 private key (PKCS#8 PEM, mode 0600, its public key next to it as <file>.pub) that signs the partner "
                    + "outbox; made by `fraudlake keys init`. Keep it outside the lake.");
    public static final ConfigProperty<String> SPARK_MASTER = ConfigProperty.string("spark.master", "local[2]",
            "Spark master URL: local[N] on one machine, spark://host:port for a standalone cluster.");
    public static final ConfigProperty<Integer> SHUFFLE_PARTITIONS = ConfigProperty.positiveInt(
            "spark.shuffle-partitions", 4, "spark.sql.shuffle.partitions: keep it small for small data.");
    public static final ConfigProperty<Integer> DEMO_PERSONS = ConfigProperty.positiveInt("demo.persons", 3000,
            "Persons in the demo city.");
    public static final ConfigProperty<Integer> DEMO_DAYS = ConfigProperty.positiveInt("demo.days", 10,
            "Days the demo simulates and runs.");
    public static final ConfigProperty<Long> DEMO_SEED = ConfigProperty.longValue("demo.seed", 20261128L,
            "Simulator seed of the demo city.");
    public static final ConfigProperty<LocalDate> SIMULATOR_START = new ConfigProperty<>("simulator.start-date",
            "2026-11-02", "First business date the simulator writes (a Monday after the National Day holiday).", s -> LocalDate.parse(s.trim()));
    public static final ConfigProperty<Boolean> DEMO_FAULTS = ConfigProperty.bool("demo.faults", true,
            "Whether the demo city also sends broken deliveries and bad rows, to show rejection and quarantine.");
    public static final ConfigProperty<Integer> TRAIN_DAYS = ConfigProperty.positiveInt("train.train-days", 20,
            "Days of feature rows a model trains on, ending the day before the validation window.");
    public static final ConfigProperty<Integer> VALID_DAYS = ConfigProperty.positiveInt("train.valid-days", 5,
            "Days of the validation window, ending on the as-of date: picks thresholds and champions.");
    public static final ConfigProperty<Integer> MAX_NEGATIVES = ConfigProperty.positiveInt("train.max-negatives",
            200_000, "Negative training rows kept per model at most (sampled by hash, reweighted).");
    public static final ConfigProperty<Integer> TOP_K = ConfigProperty.positiveInt("train.top-k", 100,
            "k of precision@k: the alerts an analyst team reviews per model and window.");
    public static final ConfigProperty<Integer> MIN_POSITIVES = ConfigProperty.positiveInt("train.min-positives", 10,
            "Positives among the not-yet-named entities (no label or police report yet) a model's validation window "
                    + "needs for an operating point; with fewer the version records no threshold and never fires "
                    + "alone (its scores still reach gold/scores).");
    public static final ConfigProperty<java.math.BigDecimal> REPORTING_CASH_LINE = new ConfigProperty<>(
            "reporting.cash-line", "50000", "The large-cash reporting line (CNY) the structuring-ring detector looks "
                    + "just under: the regulator's, not the data's.", ConfigProperty::positiveAmount);
    public static final ConfigProperty<java.math.BigDecimal> REPORTING_TRANSFER_LINE = new ConfigProperty<>(
            "reporting.transfer-line", "5000", "The transfer line (CNY) the structuring-ring detector looks just under "
                    + "(not in the partner contract: set it to the partner banks' own review line).",
            ConfigProperty::positiveAmount);
    public static final ConfigProperty<List<java.math.BigDecimal>> REPORTING_LINES = new ConfigProperty<>(
            "reporting.lines", "5000,10000,50000", "Every line (CNY, comma-separated) an account's amounts just under "
                    + "count toward its below_threshold feature.",
            s -> java.util.Arrays.stream(s.split(",")).map(String::trim).filter(v -> !v.isEmpty())
                    .map(ConfigProperty::positiveAmount).toList());
    public static final ConfigProperty<java.math.BigDecimal> REPORTING_FEATURE_BAND = new ConfigProperty<>(
            "reporting.feature-band", "0.9", "An amount in [band x line, line) is just under a line, for the "
                    + "below_threshold feature.", java.math.BigDecimal::new);
    public static final ConfigProperty<java.math.BigDecimal> REPORTING_RING_BAND = new ConfigProperty<>(
            "reporting.ring-band", "0.98", "The structuring-ring detector's tighter band under its lines "
                    + "(0.98: 49,000 to 50,000 cash, 4,900 to 5,000 transfers).", java.math.BigDecimal::new);
    public static final ConfigProperty<java.math.BigDecimal> FEATURES_PAYMENT_MIN = new ConfigProperty<>(
            "features.payment-min", "1000", "Smallest outgoing transfer (CNY) that counts as a payment after a call "
                    + "(call-then-pay events, calls before a payment).", ConfigProperty::positiveAmount);
    public static final ConfigProperty<Integer> FEATURES_SHORT_CALL_SECONDS = ConfigProperty.positiveInt(
            "features.short-call-seconds", 30, "An answered voice call shorter than this many seconds is short.");
    public static final ConfigProperty<Integer> FEATURES_FAMILIAR_DAYS = ConfigProperty.positiveInt(
            "features.familiar-days", 14, "A caller that first called a number this many days ago or more is a "
                    + "familiar contact even if never called back (family calling an elderly parent); at most 31.");
    public static final ConfigProperty<Integer> FEATURES_REPEATED_DAYS = ConfigProperty.positiveInt(
            "features.repeated-days", 3, "An unknown number calling a person on at least this many days is a "
                    + "repeated caller (grooming).");
    public static final ConfigProperty<Integer> FEATURES_MAX_KEY_HOLDERS = ConfigProperty.positiveInt(
            "features.max-key-holders", 10, "A device or IP shared by more holders than this is infrastructure (a "
                    + "branch terminal, a carrier's NAT), not a controller's handset.");
    public static final ConfigProperty<Integer> RISK_WINDOW_DAYS = ConfigProperty.positiveInt("risk.window-days", 14,
            "Dates of past scores (gold/scores) the entity-risk stacks are fitted and validated on each night.");
    public static final ConfigProperty<Integer> RISK_VALID_DAYS = ConfigProperty.positiveInt("risk.valid-days", 5,
            "The last of those dates, on which each stack's operating threshold and precision curve are measured "
                    + "(not-yet-named entities only).");
    public static final ConfigProperty<Integer> RISK_MIN_FIT_DAYS = ConfigProperty.positiveInt("risk.min-fit-days", 3,
            "Fitting dates a stack needs besides its validation dates; with fewer its risk is its models' highest "
                    + "score and it never fires.");
    public static final ConfigProperty<Integer> RISK_HISTORY_DAYS = ConfigProperty.nonNegativeInt("risk.history-days",
            30, "When a stack's validation dates hold too few not-yet-named positives (train.min-positives), its "
                    + "operating threshold and precision curve are measured on its own risks of this many earlier "
                    + "nights (gold/entity_risk) instead; 0: never, the stack then only ranks.");
    public static final ConfigProperty<Integer> RISK_DRIVERS = ConfigProperty.positiveInt("risk.drivers", 3,
            "Models named as the drivers of an entity's risk (their reasons go with the warning).");
    public static final ConfigProperty<Double> FREEZE_MIN_PRECISION = ConfigProperty.fraction("publish.freeze-min-precision",
            "0.8", "Estimated precision (validation, not-yet-named entities) freeze evidence needs to FREEZE an account; "
                    + "below it the account is only MONITORed.", 1);
    public static final ConfigProperty<Double> BLOCK_MIN_PRECISION = ConfigProperty.fraction("publish.block-min-precision",
            "0.9", "Estimated precision block evidence needs to BLOCK a number; below it the number is only MONITORed.", 1);
    public static final ConfigProperty<Double> TRACE_PRECISION = ConfigProperty.fraction("publish.trace-precision",
            "0.9", "Prior estimate of the precision of traced victim money held on an account, before the lake has "
                    + "outcomes; per hop (and named or not), the share of earlier traced accounts labelled since takes "
                    + "over (publish.trace-prior-weight). Compared with publish.freeze-min-precision.", 1);
    public static final ConfigProperty<Integer> TRACE_HISTORY_DAYS = ConfigProperty.positiveInt(
            "publish.trace-history-days", 60, "Dates of earlier fund traces whose outcomes (case labels) teach the "
                    + "precision of traced money held, per hop.");
    public static final ConfigProperty<Integer> TRACE_MATURITY_DAYS = ConfigProperty.nonNegativeInt(
            "publish.trace-maturity-days", 3, "The most recent dates of fund traces left out of that learning: their "
                    + "accounts have not had time to be labelled.");
    public static final ConfigProperty<Double> TRACE_PRIOR_WEIGHT = ConfigProperty.fraction("publish.trace-prior-weight",
            "5", "How many traced accounts the prior (publish.trace-precision) counts as against the lake's outcomes.",
            1e6);
    public static final ConfigProperty<Double> TRACE_MIN_PRECISION = ConfigProperty.fraction(
            "publish.trace-min-precision", "0.5", "Traced money held at a hop whose learned precision is below this "
                    + "is no warning by itself (it still counts in the entity's risk).", 1);
    public static final ConfigProperty<Integer> CALLER_WARNING_DAYS = ConfigProperty.positiveInt(
            "publish.caller-warning.days", 2, "Dates of calls (up to the night's date) after which the persons a number "
                    + "flagged tonight talked to get a CONTACT_VICTIM warning.");
    public static final ConfigProperty<Integer> CALLER_WARNING_MIN_SECONDS = ConfigProperty.positiveInt(
            "publish.caller-warning.min-seconds", 120, "Answered voice talk with the flagged number on one date, in "
                    + "seconds, that makes a person at risk.");
    public static final ConfigProperty<Double> CALLER_WARNING_PRIOR = ConfigProperty.fraction(
            "publish.caller-warning.prior", "0.2", "Prior estimate of the share of those persons who are victims, the "
                    + "warning's score before the lake has outcomes; the share of persons earlier lists' numbers talked "
                    + "to that police reports named as victims since takes over.", 1);
    public static final ConfigProperty<Double> CALLER_WARNING_PRIOR_WEIGHT = ConfigProperty.fraction(
            "publish.caller-warning.prior-weight", "5", "How many persons the prior counts as against the lake's "
                    + "outcomes.", 1e6);
    public static final ConfigProperty<Integer> CALLER_WARNING_HISTORY_DAYS = ConfigProperty.positiveInt(
            "publish.caller-warning.history-days", 60, "Dates of earlier intercept lists whose numbers' callees teach "
                    + "the score.");
    public static final ConfigProperty<Integer> CALLER_WARNING_MATURITY_DAYS = ConfigProperty.nonNegativeInt(
            "publish.caller-warning.maturity-days", 3, "The most recent of those dates left out: their victims have not "
                    + "had time to report.");
    public static final ConfigProperty<Double> FREEZE_BUDGET_PER_10K = ConfigProperty.fraction("publish.budget.freeze-per-10k-accounts",
            "10", "New detected FREEZE warnings per partner and night per 10,000 of its accounts: FREEZE warnings a bank's fraud team can work in a night (accounts frozen pending review); "
                    + "over it they wait in the console queue (QUEUED). Echoes of what is known take no budget.", 1e6);
    public static final ConfigProperty<Integer> FREEZE_BUDGET_FLOOR = ConfigProperty.nonNegativeInt("publish.budget.freeze-floor",
            2, "The least FREEZE budget of any partner, however small.");
    public static final ConfigProperty<Integer> FREEZE_BUDGET_CAP = ConfigProperty.nonNegativeInt("publish.budget.freeze-cap",
            50, "The most FREEZE budget of any partner, however large.");
    public static final ConfigProperty<Double> MONITOR_BUDGET_PER_10K = ConfigProperty.fraction("publish.budget.monitor-per-10k-customers",
            "20", "New detected MONITOR warnings per partner and night per 10,000 of its accounts or numbers: MONITOR warnings a partner's team can watch in a night, per 10,000 of its accounts (banks) or numbers (carriers); "
                    + "over it they wait in the console queue (QUEUED). Echoes of what is known take no budget.", 1e6);
    public static final ConfigProperty<Integer> MONITOR_BUDGET_FLOOR = ConfigProperty.nonNegativeInt("publish.budget.monitor-floor",
            5, "The least MONITOR budget of any partner, however small.");
    public static final ConfigProperty<Integer> MONITOR_BUDGET_CAP = ConfigProperty.nonNegativeInt("publish.budget.monitor-cap",
            100, "The most MONITOR budget of any partner, however large.");
    public static final ConfigProperty<Double> CONTACT_VICTIM_BUDGET_PER_10K = ConfigProperty.fraction("publish.budget.contact-victim-per-10k-accounts",
            "10", "New detected CONTACT_VICTIM warnings per partner and night per 10,000 of its accounts: victims a bank's call team can reach in a night; "
                    + "over it they wait in the console queue (QUEUED). Echoes of what is known take no budget.", 1e6);
    public static final ConfigProperty<Integer> CONTACT_VICTIM_BUDGET_FLOOR = ConfigProperty.nonNegativeInt("publish.budget.contact-victim-floor",
            3, "The least CONTACT_VICTIM budget of any partner, however small.");
    public static final ConfigProperty<Integer> CONTACT_VICTIM_BUDGET_CAP = ConfigProperty.nonNegativeInt("publish.budget.contact-victim-cap",
            50, "The most CONTACT_VICTIM budget of any partner, however large.");
    public static final ConfigProperty<Double> BLOCK_BUDGET_PER_10K = ConfigProperty.fraction("publish.budget.block-per-10k-numbers",
            "10", "New detected BLOCK warnings per partner and night per 10,000 of its numbers: BLOCK warnings a carrier can review in a night; "
                    + "over it they wait in the console queue (QUEUED). Echoes of what is known take no budget.", 1e6);
    public static final ConfigProperty<Integer> BLOCK_BUDGET_FLOOR = ConfigProperty.nonNegativeInt("publish.budget.block-floor",
            2, "The least BLOCK budget of any partner, however small.");
    public static final ConfigProperty<Integer> BLOCK_BUDGET_CAP = ConfigProperty.nonNegativeInt("publish.budget.block-cap",
            50, "The most BLOCK budget of any partner, however large.");
    public static final ConfigProperty<String> CONSOLE_HOST = ConfigProperty.string("console.host", "127.0.0.1",
            "Address `fraudlake serve` listens on; 127.0.0.1 keeps the console on this machine.");
    public static final ConfigProperty<Integer> CONSOLE_PORT = ConfigProperty.positiveInt("console.port", 8642,
            "Port `fraudlake serve` listens on.");
    public static final ConfigProperty<Integer> CONSOLE_IDLE_MINUTES = ConfigProperty.positiveInt(
            "console.session-idle-minutes", 30, "A console session ends after this many minutes without a request "
                    + "(and after 12 hours in any case).");
    public static final ConfigProperty<String> CONSOLE_USERS = ConfigProperty.string("console.users-file", "",
            "JSON file of the console's users and salted password hashes (`fraudlake users add`); empty: "
                    + "<lake>/ops/console_users.json.");
    public static final ConfigProperty<Integer> CONSOLE_LOGIN_FAILURES_PER_USER = ConfigProperty.positiveInt(
            "console.login-failures-per-user", 5, "Failed console logins allowed per user name within "
                    + "console.login-window; past it that name is refused (429) before any password check.");
    public static final ConfigProperty<Integer> CONSOLE_LOGIN_FAILURES_PER_ADDRESS = ConfigProperty.positiveInt(
            "console.login-failures-per-address", 30, "Failed console logins allowed per client address within "
                    + "console.login-window, counted apart from the per-user limit (so one guesser behind an office's "
                    + "address does not lock its other users out).");
    public static final ConfigProperty<java.time.Duration> CONSOLE_LOGIN_WINDOW = ConfigProperty.duration(
            "console.login-window", "15m", "How long a failed console login counts against its user and address.");
    public static final ConfigProperty<String> CONSOLE_TLS_KEYSTORE = ConfigProperty.string("console.tls.keystore", "",
            "PKCS#12 keystore with the console's certificate and key: `fraudlake serve` then speaks HTTPS only and "
                    + "marks its cookies Secure. Empty: plain HTTP (loopback, or behind a TLS reverse proxy; see "
                    + "console.trusted-proxies).");
    public static final ConfigProperty<String> CONSOLE_TLS_PASSWORD = ConfigProperty.string(
            "console.tls.keystore-password", "", "Password of console.tls.keystore; `env:NAME` reads it from the "
                    + "environment variable NAME, so it need not sit in a config file.");
    public static final ConfigProperty<List<String>> CONSOLE_TRUSTED_PROXIES = new ConfigProperty<>(
            "console.trusted-proxies", "", "Addresses of reverse proxies in front of the console, comma separated: "
                    + "from these only, X-Forwarded-Proto (https: Secure cookies) and X-Forwarded-For (the client "
                    + "address the login throttle counts) are believed. Empty: forwarded headers are ignored.",
            s -> java.util.Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList());

    public static final ConfigProperty<Integer> TRAIN_EVERY_DAYS = ConfigProperty.positiveInt("train.every-days", 7,
            "The night's train stage refits the catalog when no model was trained yet or the last training is this "
                    + "many days old (and enough feature days exist); otherwise it skips.");
    public static final ConfigProperty<Integer> TRAIN_FIRST_AFTER_DAYS = ConfigProperty.nonNegativeInt(
            "train.first-after-days", 0, "Days of features (up to the as-of date) a lake needs before its first "
                    + "training. Until then every night is warm-up: no model scores, warnings come from traced victim "
                    + "money only, and the report says so. 0: train.train-days + train.valid-days, so both windows hold "
                    + "real history (25 days by default). Never less than train.valid-days + 3, the least the train "
                    + "stage takes, which the demo and the bench use for their short cities.");
    public static final ConfigProperty<Integer> RUN_RETRIES = ConfigProperty.nonNegativeInt("run.retries", 2,
            "Retries of a stage that failed for a transient reason (I/O, lost executor, concurrent Delta commit); "
                    + "bad data or a bug is not retried.");
    public static final ConfigProperty<java.time.Duration> RUN_RETRY_BACKOFF = ConfigProperty.duration(
            "run.retry-backoff", "30s", "Wait before the first retry; doubled before each further one.");
    public static final ConfigProperty<java.time.Duration> LOCK_WAIT = ConfigProperty.duration("run.lock-wait", "0",
            "How long a run waits for the lake lock held by another run before refusing (0: refuse at once).");
    public static final ConfigProperty<java.time.Duration> LOCK_STALE_AFTER = ConfigProperty.duration(
            "run.lock-stale-after", "10m", "Remote lakes (hdfs://, s3a://): a lock whose heartbeat is older than "
                    + "this is stale and taken over. Local lakes use an OS lock, freed when its process dies.");
    public static final ConfigProperty<List<String>> READINESS_EXPECTED = new ConfigProperty<>("readiness.expected", "",
            "Deliveries a night expects, as feed/SOURCE, comma separated (transactions/BANK_A,...). Empty: learned, "
                    + "every feed/source that delivered on each earlier delivery date of the last 7 days.",
            s -> java.util.Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList());
    public static final ConfigProperty<String> READINESS_DEADLINE = new ConfigProperty<>("readiness.deadline", "06:00",
            "City time on the morning after the business date until which a night waits for missing deliveries, "
                    + "then runs with what came and records what was missing; 'none' never waits.",
            s -> {
                if (!s.trim().equalsIgnoreCase("none")) {
                    java.time.LocalTime.parse(s.trim());
                }
                return s.trim();
            });
    public static final ConfigProperty<java.time.Duration> READINESS_POLL = ConfigProperty.duration("readiness.poll",
            "1m", "How often a waiting night looks for the missing deliveries again.");

    public static final ConfigProperty<String> SCHEDULER_STORE = ConfigProperty.string("scheduler.store",
            "./state/scheduler", "Local folder of the scheduler's job store (an embedded H2 database: the trigger, its "
                    + "fire times, the nights caught up). Not in the lake, which may be remote.");
    public static final ConfigProperty<String> SCHEDULER_CRON = new ConfigProperty<>("scheduler.cron", "0 0 2 * * ?",
            "Quartz cron (sec min hour day month weekday) of `fraudlake scheduler`; each fire runs the night of the day "
                    + "before the fire's date, in scheduler.time-zone.",
            s -> {
                try {
                    org.quartz.CronExpression.validateExpression(s.trim());
                } catch (java.text.ParseException e) {
                    throw new IllegalArgumentException("not a Quartz cron expression (" + e.getMessage()
                            + "); for example '0 0 2 * * ?' is 02:00 every day");
                }
                return s.trim();
            });
    public static final ConfigProperty<java.time.ZoneId> SCHEDULER_TIME_ZONE = new ConfigProperty<>(
            "scheduler.time-zone", "", "Time zone of scheduler.cron and of the fire-date to business-date rule "
                    + "(for example Asia/Shanghai); empty: the system's zone.",
            s -> s.isBlank() ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(s.trim()));
    public static final ConfigProperty<java.time.Duration> SCHEDULER_MISFIRE_THRESHOLD = ConfigProperty.duration(
            "scheduler.misfire-threshold", "60s", "A fire this late (the scheduler was down or busy) is a misfire: the "
                    + "scheduler fires once at once and catches up every missed night in date order.");
    public static final ConfigProperty<java.time.Duration> SCHEDULER_SHUTDOWN_WAIT = ConfigProperty.duration(
            "scheduler.shutdown-wait", "30m", "On SIGTERM, how long the scheduler waits for the running stage to "
                    + "finish before exiting anyway (the next start resumes that night).");
    public static final ConfigProperty<String> AIRFLOW_URL = ConfigProperty.string("airflow.url", "",
            "Airflow webserver base URL for `fraudlake airflow trigger|status` (http://host:8080); credentials come "
                    + "from AIRFLOW_USERNAME/AIRFLOW_PASSWORD or AIRFLOW_TOKEN, never from the URL.");
    public static final ConfigProperty<String> AIRFLOW_DAG_ID = new ConfigProperty<>("airflow.dag-id", "fraudlake_night",
            "Airflow DAG id of the night: what `fraudlake airflow export-dag` writes and trigger/status address.",
            s -> {
                if (!s.trim().matches("[A-Za-z0-9_.-]{1,250}")) {
                    throw new IllegalArgumentException("must be 1-250 letters, digits, '_', '.' or '-' (Airflow's rule)");
                }
                return s.trim();
            });
    public static final ConfigProperty<String> AIRFLOW_SCHEDULE = new ConfigProperty<>("airflow.schedule",
            "0 2 * * *", "Daily cron (minute hour * * *) in airflow.timezone at which the Airflow DAG runs the night "
                    + "of the day before.", s -> DailySchedule.parse(s).cron());
    public static final ConfigProperty<java.time.ZoneId> CITY_TIME_ZONE = new ConfigProperty<>("city.time-zone",
            "Asia/Shanghai", "IANA time zone of the city: business dates of events, local hours, the readiness "
                    + "deadline and today's date are read in it (daylight saving time honoured).",
            s -> {
                java.time.ZoneId zone = java.time.ZoneId.of(s.trim());
                if (zone instanceof java.time.ZoneOffset) {
                    throw new IllegalArgumentException("must be an IANA region such as Asia/Shanghai or UTC, not an offset");
                }
                return zone;
            });
    public static final ConfigProperty<java.time.ZoneId> AIRFLOW_TIMEZONE = new ConfigProperty<>("airflow.timezone",
            "Asia/Shanghai", "IANA time zone of the Airflow schedule and of business dates (the city's).",
            s -> {
                java.time.ZoneId zone = java.time.ZoneId.of(s.trim());
                if (zone instanceof java.time.ZoneOffset) {
                    throw new IllegalArgumentException("must be an IANA region such as Asia/Shanghai or UTC, not an offset");
                }
                return zone;
            });
    public static final ConfigProperty<java.time.Duration> AIRFLOW_HTTP_TIMEOUT = ConfigProperty.duration(
            "airflow.http-timeout", "30s", "Connect and answer timeout of each Airflow REST call.");

    public static final ConfigProperty<Integer> INGEST_MAX_FIELD_CHARS = ConfigProperty.positiveInt(
            "ingest.max-field-chars", IngestSettings.DEFAULTS.maxFieldChars(),
            "Longest field ingest takes, in characters; a row with a longer one is quarantined (TOO_LONG).");
    public static final ConfigProperty<Integer> INGEST_MAX_RECORD_CHARS = ConfigProperty.positiveInt(
            "ingest.max-record-chars", IngestSettings.DEFAULTS.maxRecordChars(),
            "Longest CSV record, in characters (an unclosed quote can swallow a whole file): a longer one is cut, "
                    + "quarantined (TOO_LONG) and reading goes on at the next line; at least ingest.max-field-chars.");
    public static final ConfigProperty<Long> INGEST_MAX_FILE_BYTES = new ConfigProperty<>("ingest.max-file-bytes",
            Long.toString(IngestSettings.DEFAULTS.maxFileBytes()),
            "Most bytes one data file may hold once decompressed (a number, or with k, m, g: 8g); more rejects its "
                    + "delivery (TOO_LARGE) as soon as it is passed.", FraudlakeConfig::bytes);
    public static final ConfigProperty<Long> INGEST_MAX_DELIVERY_BYTES = new ConfigProperty<>(
            "ingest.max-delivery-bytes", Long.toString(IngestSettings.DEFAULTS.maxDeliveryBytes()),
            "Most bytes all the files of one delivery may hold once decompressed (k, m, g allowed); more rejects it "
                    + "(TOO_LARGE).", FraudlakeConfig::bytes);
    public static final ConfigProperty<Integer> INGEST_MAX_COMPRESSION_RATIO = ConfigProperty.positiveInt(
            "ingest.max-compression-ratio", IngestSettings.DEFAULTS.maxCompressionRatio(),
            "Most decompressed bytes per stored byte of a .gz file, judged after its first MiB: a gzip bomb "
                    + "(ratios near 1000) is rejected (TOO_LARGE) before it costs time or disk; CSV text is near 10.");
    public static final ConfigProperty<Integer> INGEST_MAX_MANIFEST_BYTES = ConfigProperty.positiveInt(
            "ingest.max-manifest-bytes", IngestSettings.DEFAULTS.maxManifestBytes(),
            "Largest _manifest.json ingest reads; a larger one rejects its delivery (BAD_MANIFEST).");
    public static final ConfigProperty<java.util.Map<String, org.fraudlake.schemas.SourceKind>> INGEST_PARTNERS =
            new ConfigProperty<>("ingest.partners", "",
            "Partner registry: sender codes bound to their kind, CODE=KIND comma separated (BANK_A=bank,"
                    + "CARRIER_X=carrier; kinds bank, carrier, police, case_management, regulator, trading_center). "
                    + "These win over ops/partners, where a code not listed is bound on its first loaded delivery; "
                    + "a delivery of a feed of another kind than its code's is rejected (PARTNER_MISMATCH).",
            IngestSettings::parsePartners);
    public static final ConfigProperty<Boolean> INGEST_PARTNERS_CLOSED = ConfigProperty.bool("ingest.partners-closed",
            false, "Whether only codes in ingest.partners or already in ops/partners may deliver; true rejects a new "
                    + "code (UNKNOWN_PARTNER) instead of learning it.");

    /**
     * The lead detectors' and the incident-series linker's thresholds ({@code leads.<typology>.*},
     * {@code leads.incident-series.*}), one setting per {@link org.fraudlake.graph.leads.LeadRules#all() rule},
     * checked by the rule's kind when read and against each other when the config loads.
     */
    public static final List<ConfigProperty<java.math.BigDecimal>> LEADS = org.fraudlake.graph.leads.LeadRules.all()
            .stream().map(r -> new ConfigProperty<>(org.fraudlake.graph.leads.LeadRules.PREFIX + r.key(),
                    r.defaultValue(), r.doc(), r::parse))
            .toList();

    /** Fewest training days the train stage accepts besides the validation window. */
    public static final int MIN_TRAIN_DAYS = 3;

    /** Every setting, in documentation order. */
    public static final List<ConfigProperty<?>> ALL = java.util.stream.Stream.of(
            List.of(LAKE_ROOT, KEY_FILE, SIGNING_KEY, SPARK_MASTER, SHUFFLE_PARTITIONS,
            DEMO_PERSONS, DEMO_DAYS, DEMO_SEED, SIMULATOR_START, DEMO_FAULTS, TRAIN_DAYS, VALID_DAYS, MAX_NEGATIVES, TOP_K,
            MIN_POSITIVES, RISK_WINDOW_DAYS, RISK_VALID_DAYS, RISK_MIN_FIT_DAYS, RISK_HISTORY_DAYS, RISK_DRIVERS, REPORTING_CASH_LINE,
            REPORTING_TRANSFER_LINE, REPORTING_LINES, REPORTING_FEATURE_BAND, REPORTING_RING_BAND, FEATURES_PAYMENT_MIN,
            FEATURES_SHORT_CALL_SECONDS, FEATURES_FAMILIAR_DAYS, FEATURES_REPEATED_DAYS, FEATURES_MAX_KEY_HOLDERS),
            LEADS, List.of(
            FREEZE_MIN_PRECISION, BLOCK_MIN_PRECISION, TRACE_PRECISION, TRACE_HISTORY_DAYS, TRACE_MATURITY_DAYS, TRACE_PRIOR_WEIGHT, TRACE_MIN_PRECISION, CALLER_WARNING_DAYS, CALLER_WARNING_MIN_SECONDS, CALLER_WARNING_PRIOR, CALLER_WARNING_PRIOR_WEIGHT, CALLER_WARNING_HISTORY_DAYS, CALLER_WARNING_MATURITY_DAYS, FREEZE_BUDGET_PER_10K, FREEZE_BUDGET_FLOOR, FREEZE_BUDGET_CAP, MONITOR_BUDGET_PER_10K, MONITOR_BUDGET_FLOOR, MONITOR_BUDGET_CAP,
            CONTACT_VICTIM_BUDGET_PER_10K, CONTACT_VICTIM_BUDGET_FLOOR, CONTACT_VICTIM_BUDGET_CAP, BLOCK_BUDGET_PER_10K, BLOCK_BUDGET_FLOOR, BLOCK_BUDGET_CAP, TRAIN_EVERY_DAYS, TRAIN_FIRST_AFTER_DAYS, RUN_RETRIES, RUN_RETRY_BACKOFF, LOCK_WAIT, LOCK_STALE_AFTER, READINESS_EXPECTED,
            READINESS_DEADLINE, READINESS_POLL, SCHEDULER_STORE, SCHEDULER_CRON, SCHEDULER_TIME_ZONE,
            SCHEDULER_MISFIRE_THRESHOLD, SCHEDULER_SHUTDOWN_WAIT, AIRFLOW_URL, AIRFLOW_DAG_ID, AIRFLOW_SCHEDULE,
            AIRFLOW_TIMEZONE, CITY_TIME_ZONE, AIRFLOW_HTTP_TIMEOUT, CONSOLE_HOST, CONSOLE_PORT, CONSOLE_IDLE_MINUTES, CONSOLE_USERS,
            CONSOLE_LOGIN_FAILURES_PER_USER, CONSOLE_LOGIN_FAILURES_PER_ADDRESS, CONSOLE_LOGIN_WINDOW,
            CONSOLE_TLS_KEYSTORE, CONSOLE_TLS_PASSWORD, CONSOLE_TRUSTED_PROXIES,
            INGEST_MAX_FIELD_CHARS, INGEST_MAX_RECORD_CHARS, INGEST_MAX_FILE_BYTES, INGEST_MAX_DELIVERY_BYTES,
            INGEST_MAX_COMPRESSION_RATIO, INGEST_MAX_MANIFEST_BYTES, INGEST_PARTNERS, INGEST_PARTNERS_CLOSED))
            .<ConfigProperty<?>>flatMap(List::stream).toList();

    private final Map<String, String> values;

    private FraudlakeConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
        ALL.forEach(this::get);
        signals();
        leadRules();
    }

    public static FraudlakeConfig defaults() {
        return new FraudlakeConfig(Map.of());
    }

    /** The file's settings (if a file is given), then the overrides, each {@code key=value}. */
    public static FraudlakeConfig load(Path file, List<String> overrides) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("config file " + file + " does not exist");
            }
            Map<?, ?> yaml = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map.class);
            flatten("", yaml == null ? Map.of() : yaml, values, file.toString());
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set needs key=value, got '" + o + "'");
            }
            put(values, o.substring(0, eq).trim(), o.substring(eq + 1), "--set");
        }
        return new FraudlakeConfig(values);
    }

    /** A copy with one more override. */
    public FraudlakeConfig with(ConfigProperty<?> property, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(property.key(), value);
        return new FraudlakeConfig(copy);
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out, String origin) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, out, origin);
            } else {
                put(out, key, e.getValue() == null ? "" : e.getValue().toString(), origin);
            }
        }
    }

    private static void put(Map<String, String> out, String key, String value, String origin) {
        if (ALL.stream().noneMatch(p -> p.key().equals(key))) {
            throw new IllegalArgumentException(origin + ": unknown setting '" + key + "'; valid: "
                    + ALL.stream().map(ConfigProperty::key).collect(Collectors.joining(", ")));
        }
        out.put(key, value);
    }

    /** The typed value of a setting. */
    public <T> T get(ConfigProperty<T> property) {
        String raw = values.getOrDefault(property.key(), property.defaultValue());
        try {
            return property.parser().apply(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("setting " + property.key() + " = '" + raw + "' is invalid: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Days of features the first training needs: {@link #TRAIN_FIRST_AFTER_DAYS}, 0 meaning {@link #TRAIN_DAYS} +
     * {@link #VALID_DAYS}, and never less than {@link #VALID_DAYS} + {@link #MIN_TRAIN_DAYS}.
     */
    public int firstTrainDays() {
        int set = get(TRAIN_FIRST_AFTER_DAYS);
        int least = get(VALID_DAYS) + MIN_TRAIN_DAYS;
        return Math.max(least, set == 0 ? get(TRAIN_DAYS) + get(VALID_DAYS) : set);
    }

    /**
     * This config with the shortest warm-up the train stage allows ({@code train.first-after-days} = {@code
     * train.valid-days} + {@link #MIN_TRAIN_DAYS}) unless {@code train.first-after-days} was set: for the demo and the
     * bench, whose cities live fewer days than the full training windows.
     */
    public FraudlakeConfig withShortWarmUp() {
        return values.containsKey(TRAIN_FIRST_AFTER_DAYS.key()) ? this
                : with(TRAIN_FIRST_AFTER_DAYS, String.valueOf(get(VALID_DAYS) + MIN_TRAIN_DAYS));
    }

    /** The reporting lines ({@code reporting.*}) features and the structuring detector look under. */
    public org.fraudlake.pipelines.features.ReportingLines reportingLines() {
        return new org.fraudlake.pipelines.features.ReportingLines(get(REPORTING_CASH_LINE),
                get(REPORTING_TRANSFER_LINE), get(REPORTING_LINES), get(REPORTING_FEATURE_BAND),
                get(REPORTING_RING_BAND));
    }

    /** The thresholds the features' signals are defined by ({@code features.*}). */
    public org.fraudlake.pipelines.features.SignalSettings signals() {
        return new org.fraudlake.pipelines.features.SignalSettings(get(FEATURES_PAYMENT_MIN),
                get(FEATURES_SHORT_CALL_SECONDS), get(FEATURES_FAMILIAR_DAYS), get(FEATURES_REPEATED_DAYS),
                get(FEATURES_MAX_KEY_HOLDERS));
    }

    /**
     * The lead detectors' and incident-series linker's thresholds ({@code leads.*}).
     *
     * @throws IllegalArgumentException naming the settings when two contradict each other (a minimum above its
     *                                  maximum)
     */
    public org.fraudlake.graph.leads.LeadRules leadRules() {
        Map<String, String> rules = new LinkedHashMap<>();
        LEADS.forEach(p -> rules.put(p.key().substring(org.fraudlake.graph.leads.LeadRules.PREFIX.length()),
                values.getOrDefault(p.key(), p.defaultValue())));
        return org.fraudlake.graph.leads.LeadRules.of(rules);
    }

    /** What ingest accepts: its {@code ingest.*} settings. */
    public IngestSettings ingest() {
        return IngestSettings.DEFAULTS.withLimits(get(INGEST_MAX_FIELD_CHARS), get(INGEST_MAX_RECORD_CHARS),
                        get(INGEST_MAX_FILE_BYTES), get(INGEST_MAX_DELIVERY_BYTES), get(INGEST_MAX_COMPRESSION_RATIO),
                        get(INGEST_MAX_MANIFEST_BYTES))
                .withPartners(get(INGEST_PARTNERS), get(INGEST_PARTNERS_CLOSED));
    }

    /** A byte count: a whole number, optionally with k, m or g (binary: 1k = 1024), greater than 0. */
    static long bytes(String text) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        int shift = s.endsWith("k") ? 10 : s.endsWith("m") ? 20 : s.endsWith("g") ? 30 : 0;
        long n = Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1).trim());
        if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("must be a byte count > 0, such as 500m or 8g");
        }
        return n << shift;
    }

    /** Every setting with its current value, for {@code fraudlake config}. */
    public Map<String, String> effective() {
        Map<String, String> out = new TreeMap<>();
        ALL.forEach(p -> out.put(p.key(), values.getOrDefault(p.key(), p.defaultValue())));
        return out;
    }
}
