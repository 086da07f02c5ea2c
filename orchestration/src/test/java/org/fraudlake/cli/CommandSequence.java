package org.fraudlake.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * A spark-submit main class for tests: runs several {@code fraudlake} commands, separated by a lone {@code ;},
 * in one driver JVM (they share its SparkSession, so a cluster's executors start once), stops at the first that
 * fails and exits with its status.
 */
public final class CommandSequence {
    /** The argument that separates two commands. */
    public static final String SEPARATOR = ";";

    private CommandSequence() {
    }

    public static void main(String[] args) {
        int status = 0;
        for (List<String> command : split(args)) {
            System.out.println("== fraudlake " + String.join(" ", command));
            long t0 = System.nanoTime();
            status = FraudlakeCli.execute(command.toArray(String[]::new));
            System.out.printf("== exit %d in %.1f s%n", status, (System.nanoTime() - t0) / 1e9);
            if (status != 0) {
                break;
            }
        }
        if (SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
        }
        System.exit(status);
    }

    static List<List<String>> split(String[] args) {
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String a : Arrays.asList(args)) {
            if (SEPARATOR.equals(a)) {
                commands.add(current);
                current = new ArrayList<>();
            } else {
                current.add(a);
            }
        }
        if (!current.isEmpty()) {
            commands.add(current);
        }
        return commands;
    }
}
