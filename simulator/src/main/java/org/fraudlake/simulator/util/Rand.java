package org.fraudlake.simulator.util;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic random stream. Every stream is derived from the simulation seed, a purpose name and
 * numbers (day, entity), so that a component's draws never depend on how many draws another component
 * made: the same configuration gives the same city, byte for byte.
 */
public final class Rand {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private final SplittableRandom random;

    private Rand(SplittableRandom random) {
        this.random = random;
    }

    /** The stream for a purpose and its coordinates (day index, entity index, ...). */
    public static Rand of(long seed, String purpose, long... parts) {
        long h = mix(seed ^ GOLDEN);
        h = mix(h ^ purpose.hashCode());
        for (long p : parts) {
            h = mix(h + (p + 1) * GOLDEN);
        }
        return new Rand(new SplittableRandom(h));
    }

    /** SplitMix64 finalizer. */
    public static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public long nextLong(long bound) {
        return random.nextLong(bound);
    }

    public long nextLong() {
        return random.nextLong();
    }

    /** Uniform in {@code [lo, hi]}. */
    public int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    /** Uniform in {@code [lo, hi]}. */
    public long between(long lo, long hi) {
        return lo + random.nextLong(hi - lo + 1);
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public double gaussian() {
        return random.nextGaussian();
    }

    /** A Poisson count; exact for small means, normal approximation above 40. */
    public int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 40) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }

    /** Log-normal with the given median and log-scale spread. */
    public double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    public <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    public int pick(int[] items) {
        return items[random.nextInt(items.length)];
    }

    /** An index drawn with probability proportional to its weight. */
    public int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Fisher-Yates shuffle in place. */
    public void shuffle(int[] items) {
        for (int i = items.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = items[i];
            items[i] = items[j];
            items[j] = t;
        }
    }

    /** Fisher-Yates shuffle in place. */
    public <T> void shuffle(List<T> items) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            items.set(i, items.set(j, items.get(i)));
        }
    }
}
