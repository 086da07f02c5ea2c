package org.fraudlake.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.orchestration.LakeKeys;
import org.fraudlake.publish.outbox.OutboxManifest;
import org.fraudlake.publish.outbox.OutboxVerifier;
import org.fraudlake.publish.outbox.OutboxWriter;
import org.fraudlake.publish.outbox.Publication;
import org.fraudlake.publish.outbox.SigningKey;
import org.fraudlake.publish.outbox.SigningKeys;
import org.fraudlake.publish.outbox.Verification;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fraudlake outbox verify|publish}: the signed per-partner warning folders. */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "The partner outbox: <lake>/outbox/<partner>/<business_date>/ with warnings.csv, _manifest.json "
                + "and its Ed25519 signature.",
        subcommands = {OutboxCommand.Verify.class, OutboxCommand.Publish.class})
public final class OutboxCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check partner folders as a partner does: the files are there and nothing else, checksums "
                    + "and row counts match the manifest, and the manifest's signature is valid. DIR is a "
                    + "<partner>/<business_date> folder, or a <partner> folder (every date in it is checked). Exits 1 "
                    + "when any check fails, printing each problem.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "DIR", description = "Partner folder(s) to check.")
        List<Path> dirs;

        @Option(names = "--key", paramLabel = "PEM",
                description = "The publisher's public key (X.509 PEM); default: signing-key.pub two levels above "
                        + "each date folder (outbox/signing-key.pub).")
        Path key;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            int failed = 0;
            int checked = 0;
            for (Path dir : expand(dirs)) {
                Verification v = key == null ? OutboxVerifier.verify(dir) : OutboxVerifier.verify(dir, key);
                checked++;
                if (v.ok()) {
                    out.printf("OK    %s (%d rows, key %s)%n", v.folder(), v.rows(), v.publicKey());
                } else {
                    failed++;
                    out.printf("FAIL  %s%n", v.folder());
                    v.problems().forEach(p -> out.printf("      - %s%n", p));
                }
            }
            out.printf("%d folder(s) checked, %d failed%n", checked, failed);
            out.flush();
            return failed == 0 ? 0 : 1;
        }

        /** Date folders as given; a partner folder (no manifest, date-named subfolders) becomes its dates. */
        private static List<Path> expand(List<Path> dirs) throws IOException {
            List<Path> out = new ArrayList<>();
            for (Path dir : dirs) {
                if (Files.isDirectory(dir) && !Files.exists(dir.resolve(OutboxManifest.FILE_NAME))) {
                    try (Stream<Path> children = Files.list(dir)) {
                        List<Path> dates = children.filter(Files::isDirectory)
                                .filter(c -> c.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}")).sorted()
                                .toList();
                        if (!dates.isEmpty()) {
                            out.addAll(dates);
                            continue;
                        }
                    }
                }
                out.add(dir);
            }
            return out;
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Write every partner's signed folder for a business date from published/intercept_list and "
                    + "published/victim_warnings (rows sent that night), replacing an earlier publication of the "
                    + "date. Signs with publish.signing-key, which must be the key the lake is bound to (`fraudlake keys init` "
                    + "makes it).")
    static final class Publish implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
        LocalDate date;

        @Override
        public Integer call() throws Exception {
            FraudlakeConfig config = common.config();
            PrintWriter out = spec.commandLine().getOut();
            NightRunner runner = new NightRunner(config, System.out);
            return PartsFailed.exitCode(runner.runTask("outbox publish", date, (spark, d) -> {
                SigningKey key = LakeKeys.signingKey(config, runner.lake(), spark.sparkContext().hadoopConfiguration(),
                        "outbox publish " + d);
                Publication p = new OutboxWriter(runner.lake(), key, line -> out.println(line)).publish(spark, d);
                p.rows().forEach((partner, rows) -> out.printf("  %-12s %,6d rows  %s%n", partner, rows,
                        p.folders().get(partner)));
                p.withheld().forEach(w -> out.printf("  withheld %s (%s, partner %s): %s%n", w.warningId(),
                        w.entityType(), w.partner(), w.reason()));
                out.flush();
                return StageResult.of(null, (long) p.totalRows(), "fraudlake outbox publish").withFailures(p.failures());
            }));
        }
    }
}
