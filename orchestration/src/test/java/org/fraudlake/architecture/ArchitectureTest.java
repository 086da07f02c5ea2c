package org.fraudlake.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of fraudlake's code, checked on the compiled classes of every module (this module depends on all of
 * them): Maven already refuses cycles between modules; these rules refuse them between packages, and upward imports
 * inside the top module.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.fraudlake");
    }

    /**
     * No cycle between any two packages of the product. The simulator (a developer tool, not in the product's
     * layering) is left out: its packages still import each other both ways.
     */
    @Test
    void noPackageCycles() {
        slices().matching("org.fraudlake.(**)").should().beFreeOfCycles()
                .check(classes.that(resideOutsideOfPackage("org.fraudlake.simulator..")));
    }

    @Test
    void theRunnerSchedulerAndDrillsDoNotReachUpIntoTheCommandLine() {
        noClasses().that().resideInAnyPackage("org.fraudlake.orchestration..", "org.fraudlake.config..",
                        "org.fraudlake.bench..")
                .should().dependOnClassesThat().resideInAPackage("org.fraudlake.cli..")
                .check(classes);
    }

    @Test
    void productModulesDoNotDependOnTheSimulator() {
        noClasses().that().resideInAnyPackage("org.fraudlake.schemas..", "org.fraudlake.lake..",
                        "org.fraudlake.core..", "org.fraudlake.pipelines..", "org.fraudlake.models..", "org.fraudlake.graph..",
                        "org.fraudlake.publish..", "org.fraudlake.console..")
                .should().dependOnClassesThat().resideInAPackage("org.fraudlake.simulator..")
                .check(classes);
    }

    /** The core (session, Delta I/O, checkpoints, failed parts, the business-date clock) sits on the schemas only. */
    @Test
    void theCoreDependsOnTheSchemasAlone() {
        noClasses().that().resideInAPackage("org.fraudlake.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fraudlake.pipelines..",
                        "org.fraudlake.models..", "org.fraudlake.graph..", "org.fraudlake.publish..",
                        "org.fraudlake.console..", "org.fraudlake.orchestration..", "org.fraudlake.cli..",
                        "org.fraudlake.config..", "org.fraudlake.bench..", "org.fraudlake.simulator..")
                .check(classes);
    }

    /** Models and the console no longer need the ingest, conform and features jobs. */
    @Test
    void modelsAndTheConsoleDoNotDependOnThePipelines() {
        noClasses().that().resideInAnyPackage("org.fraudlake.models..", "org.fraudlake.console..")
                .should().dependOnClassesThat().resideInAPackage("org.fraudlake.pipelines..")
                .check(classes);
    }
}
