package org.fraudlake.console.auth;

import java.time.Instant;

/**
 * One console user: a name, a role, the partner it belongs to (only for {@link Role#PARTNER}, e.g. BANK_A or
 * CARRIER_X), the salted password hash ({@link PasswordHasher}) and when it was created.
 */
public record ConsoleUser(String name, Role role, String partner, String passwordHash, Instant created) {
    public ConsoleUser {
        if (name == null || !name.matches("[A-Za-z0-9._-]{2,40}")) {
            throw new IllegalArgumentException("user name '" + name
                    + "' not allowed; use 2 to 40 letters, digits, '.', '_' or '-'");
        }
        if (role == Role.PARTNER && (partner == null || !partner.matches("[A-Z0-9_]{2,40}"))) {
            throw new IllegalArgumentException("partner user '" + name + "' needs --partner with the partner's id "
                    + "(e.g. BANK_A, CARRIER_X); got '" + partner + "'");
        }
        if (role != Role.PARTNER && partner != null) {
            throw new IllegalArgumentException("only partner users have a partner; user '" + name + "' is "
                    + role.code());
        }
    }
}
