package org.fraudlake.cli;

import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.lake.Lake;
import org.fraudlake.orchestration.LakeKeys;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fraudlake keys init|show}: the lake's keys, the only place that creates them. The pseudonymization (HMAC)
 * key and the Ed25519 outbox signing key live outside the lake; the lake records their fingerprints in
 * {@code ops/keys.json} and every run checks its keys against them (see {@link LakeKeys}).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "The lake's keys: the pseudonymization key (setting pseudonymization.key-file) and the outbox "
                + "signing key (publish.signing-key), both outside the lake; the public key partners verify with at "
                + "<lake>/outbox/signing-key.pub; their fingerprints in <lake>/ops/keys.json. Rotation: docs/security.md.",
        subcommands = {KeysCommand.Init.class, KeysCommand.Show.class})
public final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the keys the settings name that do not exist yet (each file mode 0600) and bind them "
                    + "to the lake (ops/keys.json); the signing key's public half goes to <lake>/outbox/signing-key.pub. "
                    + "Existing keys are kept. Holds the lake lock and records itself in the run ledger.")
    static final class Init implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--force", description = "Replace the signing key pair: a rotation, to announce to partners "
                + "with the new fingerprint. The pseudonymization key is never replaced (docs/security.md).")
        boolean force;

        @Override
        public Integer call() throws Exception {
            FraudlakeConfig config = common.config();
            PrintWriter out = spec.commandLine().getOut();
            NightRunner runner = new NightRunner(config, System.out);
            List<String> lines = new ArrayList<>();
            try {
                runner.runTask("keys init", AsOf.cityToday(), (spark, today) -> {
                    lines.addAll(LakeKeys.init(config, runner.lake(), spark.sparkContext().hadoopConfiguration(), force,
                            "fraudlake keys init" + (force ? " --force" : "")));
                    return StageResult.of(null, (long) lines.size(), String.join("; ", lines));
                });
            } catch (NightRunner.StageFailedException e) {
                if (e.getCause() instanceof FileAlreadyExistsException || e.getCause() instanceof IllegalStateException) {
                    spec.commandLine().getErr().println("fraudlake: " + e.getCause().getMessage());
                    return 1;
                }
                throw e;
            }
            lines.forEach(out::println);
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The keys the lake is bound to (ops/keys.json) and whether the configured key files match.")
    static final class Show implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            FraudlakeConfig config = common.config();
            Lake lake = new Lake(config.get(FraudlakeConfig.LAKE_ROOT));
            PrintWriter out = spec.commandLine().getOut();
            List<LakeKeys.Recorded> records = LakeKeys.records(lake, new Configuration());
            for (LakeKeys.Recorded r : records) {
                out.printf("%-16s %s  first used %s by %s (%s), %s%n", r.kind(), r.fingerprint(), r.firstUsed(),
                        r.by(), r.command(), r.file());
            }
            out.printf("%d key record(s) in %s%n", records.size(), lake.keys());
            out.flush();
            return 0;
        }
    }
}
