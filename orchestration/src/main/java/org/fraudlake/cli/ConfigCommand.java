package org.fraudlake.cli;

import java.util.concurrent.Callable;
import org.fraudlake.config.ConfigProperty;
import org.fraudlake.config.FraudlakeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fraudlake config}: every setting with its documentation, default and effective value. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "List every setting: key, effective value, default and what it does.")
public final class ConfigCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        FraudlakeConfig config = common.config();
        for (ConfigProperty<?> p : FraudlakeConfig.ALL) {
            System.out.printf("%-28s = %-22s (default %s)%n    %s%n", p.key(), config.effective().get(p.key()),
                    p.defaultValue(), p.doc());
        }
        return 0;
    }
}
