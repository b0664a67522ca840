/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final int TRIALS = 300;

    /** The ceiling of failure n (1-based), as the Javadoc defines it. */
    private static long ceiling(long initialMs, long maxMs, int failure) {
        long ceiling = initialMs;
        for (int i = 1; i < failure && ceiling < maxMs; i++) {
            ceiling *= 2;
        }
        return Math.min(maxMs, ceiling);
    }

    private static void checkBounds(long initialMs, long maxMs, int failures) {
        long[] largest = new long[failures + 1];
        long[] smallest = new long[failures + 1];
        Arrays.fill(smallest, Long.MAX_VALUE);
        for (int trial = 0; trial < TRIALS; trial++) {
            Backoff backoff = new Backoff(Duration.ofMillis(initialMs), Duration.ofMillis(maxMs), failures + 1);
            for (int n = 1; n <= failures; n++) {
                long wait = backoff.onFailure().toMillis();
                long ceiling = ceiling(initialMs, maxMs, n);

                assertThat(wait).as("failure %d", n).isBetween(ceiling / 2, ceiling);
                largest[n] = Math.max(largest[n], wait);
                smallest[n] = Math.min(smallest[n], wait);
            }
        }
        for (int n = 2; n <= failures; n++) {
            long ceiling = ceiling(initialMs, maxMs, n);
            if (ceiling > ceiling(initialMs, maxMs, n - 1)) {
                // The ceiling doubled: some wait must exceed the previous ceiling.
                assertThat(largest[n]).as("largest wait after failure %d", n)
                    .isGreaterThan(ceiling(initialMs, maxMs, n - 1));
            }
            // Jitter: waits are spread over the range, not pinned to one end.
            assertThat(largest[n] - smallest[n]).as("spread after failure %d", n).isGreaterThan(ceiling / 8);
        }
    }

    @Test
    void waitsStayBetweenHalfTheCeilingAndTheCeiling() {
        checkBounds(100, 1_000, 12);
    }

    @Test
    void waitsOfTheTasksBackoff() {
        // The task uses 1 s doubling up to 1 min.
        checkBounds(1_000, 60_000, 10);
    }

    @Test
    void ceilingNeverExceedsTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 100);
        for (int n = 1; n <= 80; n++) {
            assertThat(backoff.onFailure()).as("failure %d", n).isLessThanOrEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void exhaustedAfterMaxAttemptsFailuresInARow() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 3);

        assertThat(backoff.exhausted()).isFalse();
        backoff.onFailure();
        backoff.onFailure();
        assertThat(backoff.failures()).isEqualTo(2);
        assertThat(backoff.exhausted()).isFalse();
        backoff.onFailure();
        assertThat(backoff.failures()).isEqualTo(3);
        assertThat(backoff.exhausted()).isTrue();
    }

    @Test
    void successResetsTheCountAndTheCeiling() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(10_000), 3);
        for (int i = 0; i < 5; i++) {
            backoff.onFailure();
        }
        assertThat(backoff.exhausted()).isTrue();

        backoff.onSuccess();

        assertThat(backoff.exhausted()).isFalse();
        assertThat(backoff.failures()).isZero();
        for (int trial = 0; trial < 50; trial++) {
            Backoff fresh = new Backoff(Duration.ofMillis(100), Duration.ofMillis(10_000), 3);
            fresh.onFailure();
            fresh.onFailure();
            fresh.onSuccess();
            assertThat(fresh.onFailure().toMillis()).isBetween(50L, 100L);
        }
    }

    @Test
    void ceilingReachesTheMaximumForLargeRatios() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofHours(1), 100);
        Duration wait = Duration.ZERO;
        for (int n = 1; n <= 40; n++) {
            wait = backoff.onFailure();
        }
        // Failure 40: the ceiling is min(1 h, 2^39 ms) = 1 h, so the wait is at least 30 min.
        assertThat(wait).isGreaterThanOrEqualTo(Duration.ofMinutes(30));
    }
}
