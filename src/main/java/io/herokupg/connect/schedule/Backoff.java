/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.schedule;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff with jitter: after failure n (1-based) wait a random time between half of and
 * {@code min(max, initial * 2^(n-1))}; give up after {@code maxAttempts} failures in a row.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final int maxAttempts;
    private int failures;

    public Backoff(Duration initial, Duration max, int maxAttempts) {
        this.initial = initial;
        this.max = max;
        this.maxAttempts = maxAttempts;
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    public Duration onFailure() {
        failures++;
        long ceiling = initial.toMillis();
        for (int i = 1; i < failures && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.max(1, Math.min(max.toMillis(), ceiling));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    /** True once {@code maxAttempts} failures happened in a row. */
    public boolean exhausted() {
        return failures >= maxAttempts;
    }

    public int failures() {
        return failures;
    }

    public void onSuccess() {
        failures = 0;
    }
}
