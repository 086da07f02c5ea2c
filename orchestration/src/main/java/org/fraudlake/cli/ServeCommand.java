package org.fraudlake.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.console.ConsoleServer;
import org.fraudlake.console.auth.UserStore;
import org.fraudlake.orchestration.Night;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake serve}: the analyst review console on localhost, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the review console (a web application) on the lake: the day's queue of decisions, "
                + "entity pages with scores, reasons, features, activity and the money flow, leads, incident series, "
                + "model pages, dispositions (stored in ops/dispositions and read by the next training as labels), "
                + "and the partners' outbox downloads. Users come from `fraudlake users add`. Runs until Ctrl-C; "
                + "prints the URL.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--port", description = "Port (default: console.port, 8642; 0 for any free port).")
    Integer port;

    @Option(names = "--host", description = "Address to bind (default: console.host, 127.0.0.1).")
    String host;

    /** The demo's console logins: user, role, partner, password. Demo only; real users come from `users add`. */
    static final java.util.List<String[]> DEMO_USERS = java.util.List.of(
            new String[]{"analyst", "analyst", null, "fraudlake-demo"},
            new String[]{"supervisor", "supervisor", null, "fraudlake-demo"},
            new String[]{"bank_a", "partner", "BANK_A", "fraudlake-demo"});

    /**
     * Adds the demo's console users (analyst, supervisor, and bank_a as BANK_A's partner user, all with the password
     * {@code fraudlake-demo}) and prints how to start the console and log in; what the demo calls at its end.
     */
    static void addDemoUsers(FraudlakeConfig config, java.io.PrintStream out) throws java.io.IOException {
        UserStore users = ConsoleUsers.of(config);
        for (String[] u : DEMO_USERS) {
            users.add(u[0], org.fraudlake.console.auth.Role.parse(u[1]), u[2], u[3].toCharArray());
        }
        out.println("console: ./fraudlake serve --lake " + config.get(FraudlakeConfig.LAKE_ROOT) + ", then open http://"
                + config.get(FraudlakeConfig.CONSOLE_HOST) + ":" + config.get(FraudlakeConfig.CONSOLE_PORT) + "/");
        out.println("console login: analyst / fraudlake-demo (also supervisor / fraudlake-demo, and bank_a / "
                + "fraudlake-demo for BANK_A's outbox)");
    }

    /** The console's settings from the configuration, {@code --host} and {@code --port} winning. */
    static ConsoleServer.Settings settings(FraudlakeConfig config, String host, Integer port) {
        String keystore = config.get(FraudlakeConfig.CONSOLE_TLS_KEYSTORE);
        return new ConsoleServer.Settings(
                host != null ? host : config.get(FraudlakeConfig.CONSOLE_HOST),
                port != null ? port : config.get(FraudlakeConfig.CONSOLE_PORT),
                Duration.ofMinutes(config.get(FraudlakeConfig.CONSOLE_IDLE_MINUTES)), Duration.ofHours(12),
                config.get(FraudlakeConfig.CONSOLE_LOGIN_FAILURES_PER_USER),
                config.get(FraudlakeConfig.CONSOLE_LOGIN_FAILURES_PER_ADDRESS),
                config.get(FraudlakeConfig.CONSOLE_LOGIN_WINDOW),
                keystore.isBlank() ? null : new ConsoleServer.Tls(keystore,
                        secret(config.get(FraudlakeConfig.CONSOLE_TLS_PASSWORD))),
                Set.copyOf(config.get(FraudlakeConfig.CONSOLE_TRUSTED_PROXIES)));
    }

    /** A secret setting's value: {@code env:NAME} is the environment variable NAME, anything else itself. */
    private static String secret(String value) {
        if (!value.startsWith("env:")) {
            return value;
        }
        String name = value.substring("env:".length());
        String v = System.getenv(name);
        if (v == null) {
            throw new IllegalArgumentException("console.tls.keystore-password is " + value + " but the environment "
                    + "variable " + name + " is not set; export it or give the password itself");
        }
        return v;
    }

    @Override
    public Integer call() throws Exception {
        FraudlakeConfig config = common.config();
        Night night = new Night(config, System.out);
        UserStore users = ConsoleUsers.of(config);
        if (users.list().isEmpty()) {
            throw new IllegalArgumentException("no console users in " + users.file() + "; add one with "
                    + "`fraudlake users add NAME --role analyst`");
        }
        SparkSession spark = night.spark();
        ConsoleServer.Settings settings = settings(config, host, port);
        ConsoleServer server = new ConsoleServer(spark, night.lake(), users, settings, Clock.systemUTC()).start();
        long t0 = System.nanoTime();
        server.reader().latestDate().ifPresent(d -> server.reader().warm(d));
        System.out.printf("latest date's queue and entity tables cached in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println("console: " + server.url() + " (Ctrl-C to stop)");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }
}
