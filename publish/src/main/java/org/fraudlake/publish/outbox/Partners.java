package org.fraudlake.publish.outbox;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fraudlake.schemas.Feeds;

/**
 * The partners known to the lake on a date: the banks and the carriers, each of which gets an outbox folder that
 * night. Codes follow the sender code rule ({@code [A-Z0-9_]{2,32}}), so a code is always a safe folder name; no
 * code is both a bank and a carrier.
 */
public record Partners(SortedSet<String> banks, SortedSet<String> carriers) {

    public Partners {
        banks = Collections.unmodifiableSortedSet(new TreeSet<>(banks));
        carriers = Collections.unmodifiableSortedSet(new TreeSet<>(carriers));
        for (String code : union(banks, carriers)) {
            if (!code.matches(Feeds.SOURCE_PATTERN)) {
                throw new IllegalArgumentException("partner code '" + code + "' does not match "
                        + Feeds.SOURCE_PATTERN + "; it cannot name an outbox folder");
            }
        }
        for (String bank : banks) {
            if (carriers.contains(bank)) {
                throw new IllegalArgumentException("partner " + bank + " is both a bank and a carrier in the lake; "
                        + "its warnings.csv would need both column sets");
            }
        }
    }

    private static SortedSet<String> union(SortedSet<String> banks, SortedSet<String> carriers) {
        SortedSet<String> all = new TreeSet<>(banks);
        all.addAll(carriers);
        return all;
    }

    public static Partners of(Collection<String> banks, Collection<String> carriers) {
        return new Partners(new TreeSet<>(banks), new TreeSet<>(carriers));
    }

    /** Every partner with its kind, by code. */
    public Map<String, PartnerKind> all() {
        Map<String, PartnerKind> all = new TreeMap<>();
        banks.forEach(b -> all.put(b, PartnerKind.BANK));
        carriers.forEach(c -> all.put(c, PartnerKind.CARRIER));
        return all;
    }
}
