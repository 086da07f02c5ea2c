package org.fraudlake.publish.outbox;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of checking one partner folder.
 *
 * @param folder    the folder checked
 * @param publicKey the public key file it was checked against
 * @param rows      data records in {@code warnings.csv} (without the header), or -1 when it could not be read
 * @param problems  every problem found, each naming the file; empty when the folder is intact and signed
 */
public record Verification(Path folder, Path publicKey, long rows, List<String> problems) {

    public Verification {
        problems = List.copyOf(problems);
    }

    /** Whether nothing is wrong. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
