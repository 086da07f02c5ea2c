package org.fraudlake.orchestration;

import java.io.PrintStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.models.RiskModel;

/**
 * What a stage is built with: the settings, the jobs bound to them ({@link Night}), where progress goes, whether a
 * stop was asked for (ingest stops waiting for late deliveries) and the model catalog train and score use.
 */
public record StageContext(FraudlakeConfig config, Night night, PrintStream out, BooleanSupplier stopRequested,
                           List<RiskModel> catalog) {
    public StageContext {
        catalog = List.copyOf(catalog);
    }
}
