package org.fraudlake.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.console.auth.ConsoleUser;
import org.fraudlake.console.auth.Role;
import org.fraudlake.console.auth.UserStore;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fraudlake users add|list}: the review console's users. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Manage the review console's users (analyst, supervisor, partner). Passwords are stored only as "
                + "salted PBKDF2-SHA256 hashes in console.users-file (default <lake>/ops/console_users.json).",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class})
public final class UsersCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code users add NAME --role R [--partner P] [--password-stdin]}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user, or reset an existing user's role, partner and password.")
    static final class Add implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "NAME", description = "User name: 2-40 letters, digits, '.', '_', '-'.")
        String name;

        @Option(names = "--role", required = true, description = "analyst, supervisor or partner.")
        String role;

        @Option(names = "--partner", paramLabel = "ID", description = "For partner users: the bank or carrier "
                + "(e.g. BANK_A, CARRIER_X) whose outbox the user may download.")
        String partner;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input "
                + "(for scripts); otherwise it is asked for twice on the terminal.")
        boolean passwordStdin;

        @Override
        public Integer call() throws Exception {
            char[] password = passwordStdin ? readStdin() : askTwice();
            FraudlakeConfig config = common.config();
            UserStore store = ConsoleUsers.of(config);
            ConsoleUser[] added = new ConsoleUser[1];
            try {
                new NightRunner(config, System.out).runTask("users add", AsOf.cityToday(), (spark, today) -> {
                    added[0] = store.add(name, Role.parse(role), partner, password);
                    return StageResult.of(null, 1L, "fraudlake users add " + name + " --role " + role);
                });
            } finally {
                Arrays.fill(password, '\0');
            }
            ConsoleUser u = added[0];
            System.out.println("user " + u.name() + " (" + u.role().code()
                    + (u.partner() == null ? "" : ", partner " + u.partner()) + ") saved in " + store.file());
            return 0;
        }

        private static char[] readStdin() throws java.io.IOException {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("--password-stdin: no password on standard input");
            }
            return line.toCharArray();
        }

        private static char[] askTwice() {
            Console console = System.console();
            if (console == null) {
                throw new IllegalArgumentException("no terminal to ask for the password; pipe it in with "
                        + "--password-stdin");
            }
            char[] first = console.readPassword("password: ");
            char[] second = console.readPassword("again: ");
            if (first == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the two passwords differ; nothing saved");
            }
            return first;
        }
    }

    /** {@code users list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users with role and partner.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            UserStore store = ConsoleUsers.of(common.config());
            System.out.printf("%-20s %-11s %-10s %s%n", "user", "role", "partner", "created");
            for (ConsoleUser u : store.list()) {
                System.out.printf("%-20s %-11s %-10s %s%n", u.name(), u.role().code(),
                        u.partner() == null ? "" : u.partner(), u.created());
            }
            System.out.println(store.list().size() + " users in " + store.file());
            return 0;
        }
    }
}
