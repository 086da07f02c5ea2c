package org.fraudlake.cli;

import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.console.auth.PasswordHasher;
import org.fraudlake.console.auth.UserStore;
import org.fraudlake.lake.Lake;

/** The console's user store a configuration points at: console.users-file, else the lake's ops/console_users.json. */
final class ConsoleUsers {
    private ConsoleUsers() {
    }

    static UserStore of(FraudlakeConfig config) {
        String file = config.get(FraudlakeConfig.CONSOLE_USERS);
        if (file == null || file.isBlank()) {
            file = new Lake(config.get(FraudlakeConfig.LAKE_ROOT)).consoleUsers();
        }
        return new UserStore(file, new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS));
    }
}
