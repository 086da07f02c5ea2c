package org.fraudlake.orchestration;

import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * One stage of the night, one class: what it declares ({@link #spec()}: its name, the stages it needs, the lake
 * tables it reads and writes), when it has nothing to do ({@link #skip}) and its work ({@link #run}). The night's
 * {@link StageGraph} is built from the specs of the stages a {@link NightRunner} is given; {@link StandardNight}
 * lists fraudlake's, so adding a stage is one class and one line there.
 */
public interface Stage extends Work {

    StageGraph.Spec spec();

    /**
     * Why the stage has nothing to do for {@code date} (the runner records it SKIPPED and does not call
     * {@link #run}), or empty. Only what is cheap to know belongs here; the default never skips.
     */
    default Optional<String> skip(SparkSession spark, LocalDate date) {
        return Optional.empty();
    }

    /** A stage of {@code spec} doing {@code work} (custom nights and tests). */
    static Stage of(StageGraph.Spec spec, Work work) {
        return new Stage() {
            @Override
            public StageGraph.Spec spec() {
                return spec;
            }

            @Override
            public StageResult run(SparkSession spark, LocalDate date) throws Exception {
                return work.run(spark, date);
            }
        };
    }
}
