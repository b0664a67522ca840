/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * A sample of measurements (times, latencies): count, min, max, the median (the middle value, or the mean of the
 * two middle ones) and nearest-rank percentiles (the smallest value with at least p % of the sample at or below
 * it: the p99 of 50 values is the largest, of 1,000 values the 990th).
 */
final class Distribution {
    private final double[] sorted;

    private Distribution(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(this.sorted);
    }

    static Distribution of(double... values) {
        return new Distribution(values);
    }

    static Distribution of(Collection<? extends Number> values) {
        return new Distribution(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    int count() {
        return sorted.length;
    }

    double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    double median() {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The nearest-rank percentile, {@code 0 < p <= 100}. */
    double percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }
}
