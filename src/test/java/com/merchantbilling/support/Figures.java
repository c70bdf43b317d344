package com.merchantbilling.support;

import java.util.Arrays;

/**
 * Benchmark figures, printed beside their targets and never asserted: timings on a shared machine say
 * little, so a benchmark fails only on a wrong result, never on a slow one.
 */
public final class Figures {

    private Figures() {
    }

    /** Nanosecond samples, sorted once for percentiles. */
    public record Samples(long[] sortedNanos) {

        public static Samples of(long[] nanos) {
            var copy = nanos.clone();
            Arrays.sort(copy);
            return new Samples(copy);
        }

        public double percentileMillis(double percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.clamp(index, 0, sortedNanos.length - 1)] / 1e6;
        }

        public double maxMillis() {
            return sortedNanos[sortedNanos.length - 1] / 1e6;
        }
    }

    /** One line: what, the figure, the target, and whether this run met it (informational only). */
    public static void print(String benchmark, String figure, String target, boolean met) {
        System.out.printf("BENCHMARK | %-58s | %-34s | target %-24s | %s%n", benchmark, figure, target,
                met ? "meets" : "MISSES");
    }

    public static void note(String text) {
        System.out.println("BENCHMARK |   " + text);
    }

    public static double millis(long nanos) {
        return nanos / 1e6;
    }
}
