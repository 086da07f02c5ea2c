package org.fraudlake.orchestration.drill;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What one drill tried: every case with PASS or FAIL and why, printed as it is decided, and a summary. */
public final class DrillReport {
    /** One case: what was done, whether it passed, and why. */
    public record Case(String name, boolean passed, String detail) {
    }

    private final String drill;
    private final PrintStream out;
    private final List<Case> cases = new ArrayList<>();

    public DrillReport(String drill, PrintStream out) {
        this.drill = drill;
        this.out = out;
    }

    public String drill() {
        return drill;
    }

    /** Records a case and prints it. */
    public synchronized void add(String name, boolean passed, String detail) {
        cases.add(new Case(name, passed, detail));
        out.printf("%s %-5s %s: %s%n", drill, passed ? "PASS" : "FAIL", name, detail);
    }

    /** Records a case that passes when {@code problems} is empty, naming them otherwise. */
    public void check(String name, List<String> problems, String whenPassed) {
        add(name, problems.isEmpty(), problems.isEmpty() ? whenPassed : String.join("; ", problems));
    }

    public synchronized List<Case> cases() {
        return List.copyOf(cases);
    }

    public synchronized int tried() {
        return cases.size();
    }

    public synchronized int passed() {
        return (int) cases.stream().filter(Case::passed).count();
    }

    public synchronized int failed() {
        return tried() - passed();
    }

    /** Prints "tried X, passed Y, failed Z". */
    public void printSummary() {
        out.printf("%s drill: tried %d, passed %d, failed %d%n", drill, tried(), passed(), failed());
    }
}
