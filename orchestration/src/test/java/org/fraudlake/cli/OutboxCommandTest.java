package org.fraudlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.fraudlake.lake.Lake;
import org.fraudlake.publish.outbox.PartnerFolder;
import org.fraudlake.publish.outbox.PartnerKind;
import org.fraudlake.publish.outbox.SigningKey;
import org.fraudlake.publish.outbox.SigningKeys;
import org.fraudlake.publish.outbox.WarningLine;
import org.fraudlake.publish.outbox.WarningsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fraudlake keys init} and {@code fraudlake outbox verify}, as an operator and a partner run them. */
class OutboxCommandTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);

    /** Exit code, stdout and stderr of one run. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run keysInit(Path dir, String... extra) {
        String[] base = {"init", "--lake", dir.resolve("lake").toString(), "--set",
            "publish.signing-key=" + dir.resolve("keys/signing.key"), "--set",
            "pseudonymization.key-file=" + dir.resolve("keys/pseudonym.key")};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return run(new KeysCommand(), args);
    }

    @Test
    void keysInitCreatesThePairOnceKeepsItAndReplacesItOnlyWhenForced(@TempDir Path dir) throws IOException {
        Run first = keysInit(dir);
        assertEquals(0, first.code(), first.err());
        Path file = dir.resolve("keys/signing.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Path pub = dir.resolve("lake/outbox/signing-key.pub");
        String fingerprint = SigningKeys.fingerprint(SigningKeys.readPublicKey(pub));
        assertTrue(first.out().contains(fingerprint), first.out());

        Run again = keysInit(dir);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains(file.toString()) && again.out().contains("exists, kept")
                && again.out().contains("--force"), again.out());
        assertEquals(fingerprint, SigningKeys.fingerprint(SigningKeys.readPublicKey(pub)), "untouched");

        Run forced = keysInit(dir, "--force");
        assertEquals(0, forced.code(), forced.err());
        assertFalse(forced.out().contains(fingerprint), "a new pair");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void outboxVerifyPassesAnIntactFolderAndFailsATamperedOne(@TempDir Path dir) throws IOException {
        assertEquals(0, keysInit(dir).code());
        Lake lake = new Lake(dir.resolve("lake").toString());
        SigningKey key = SigningKeys.load(dir.resolve("keys/signing.key"));
        Path folder = Path.of(lake.outbox("BANK_A", D));
        write(folder, PartnerFolder.render("BANK_A", PartnerKind.BANK, D, List.of(new WarningLine("w_1", D.toString(),
                "62220001", "MONEY_MULE", "FREEZE", "0.9100", "money_mule", "fast in, fast out", "2026-12-04")), key));
        write(Path.of(lake.outbox("BANK_A", D.plusDays(1))),
                PartnerFolder.render("BANK_A", PartnerKind.BANK, D.plusDays(1), List.of(), key));

        Run ok = run(new OutboxCommand(), "verify", folder.toString());
        assertEquals(0, ok.code(), ok.out());
        assertTrue(ok.out().startsWith("OK    " + folder) && ok.out().contains("(1 rows"), ok.out());

        Run partner = run(new OutboxCommand(), "verify", folder.getParent().toString());
        assertEquals(0, partner.code(), partner.out());
        assertTrue(partner.out().contains("2 folder(s) checked, 0 failed"), partner.out());

        Path other = dir.resolve("other.pub");
        SigningKeys.init(dir.resolve("elsewhere/signing.key"), new Lake(dir.resolve("lake2").toString()));
        Files.copy(dir.resolve("lake2/outbox/signing-key.pub"), other);
        Run wrongKey = run(new OutboxCommand(), "verify", folder.toString(), "--key", other.toString());
        assertEquals(1, wrongKey.code());
        assertTrue(wrongKey.out().contains("signature invalid"), wrongKey.out());

        Path csv = folder.resolve(WarningsCsv.FILE_NAME);
        Files.writeString(csv, Files.readString(csv).replace("FREEZE", "MONITOR"));
        Run tampered = run(new OutboxCommand(), "verify", folder.toString());
        assertEquals(1, tampered.code());
        assertTrue(tampered.out().contains("FAIL  " + folder) && tampered.out().contains("sha256"), tampered.out());
        assertTrue(tampered.out().contains("1 folder(s) checked, 1 failed"), tampered.out());

        Run missing = run(new OutboxCommand(), "verify", dir.resolve("nowhere").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.out().contains("no such folder"), missing.out());
    }

    private static void write(Path folder, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(folder.resolve(f.getKey()), f.getValue());
        }
    }
}
