package org.fraudlake.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.config.FraudlakeConfig;
import picocli.CommandLine.Option;

/** Options every command takes: the config file, overrides and the lake root. */
public final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see `fraudlake config`).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting; repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--lake", paramLabel = "DIR", description = "Lake root (same as --set lake.root=DIR).")
    String lake;

    /** The effective configuration. */
    public FraudlakeConfig config() throws IOException {
        List<String> all = new ArrayList<>(overrides);
        if (lake != null) {
            all.add(FraudlakeConfig.LAKE_ROOT.key() + "=" + lake);
        }
        FraudlakeConfig config = FraudlakeConfig.load(configFile, all);
        org.fraudlake.core.time.AsOf.useCityZone(config.get(FraudlakeConfig.CITY_TIME_ZONE));
        return config;
    }
}
