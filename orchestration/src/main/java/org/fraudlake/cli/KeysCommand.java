package org.fraudlake.cli;

import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.lake.Lake;
import org.fraudlake.publish.outbox.SigningKey;
import org.fraudlake.publish.outbox.SigningKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fraudlake keys init}: the Ed25519 key pair that signs the partner outbox. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "The outbox signing keys: the private key outside the lake (setting publish.signing-key), "
                + "the public key partners verify with at <lake>/outbox/signing-key.pub.",
        subcommands = {KeysCommand.Init.class})
public final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the Ed25519 key pair: the private key (PKCS#8 PEM, mode 0600) at publish.signing-key, "
                    + "its public key next to it and at <lake>/outbox/signing-key.pub. Refuses to replace an existing "
                    + "key unless --force is given.")
    static final class Init implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--force", description = "Replace an existing key pair (partners must fetch the new public key).")
        boolean force;

        @Override
        public Integer call() throws Exception {
            FraudlakeConfig config = common.config();
            Lake lake = new Lake(config.get(FraudlakeConfig.LAKE_ROOT));
            Path file = Path.of(config.get(FraudlakeConfig.SIGNING_KEY));
            PrintWriter out = spec.commandLine().getOut();
            SigningKey key;
            try {
                key = SigningKeys.init(file, lake, force, new Configuration());
            } catch (FileAlreadyExistsException e) {
                spec.commandLine().getErr().println("fraudlake: " + e.getMessage());
                return 1;
            }
            out.printf("private key  %s (mode 0600; keep it outside the lake, back it up)%n", key.origin());
            out.printf("public key   %s%n", lake.signingPublicKey());
            out.printf("fingerprint  %s (SHA-256 of the public key; give it to partners out of band)%n",
                    SigningKeys.fingerprint(key.publicKey()));
            out.flush();
            return 0;
        }
    }
}
