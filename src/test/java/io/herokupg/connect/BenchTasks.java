/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect;

import java.time.Clock;

/**
 * For the benchmark (package {@code bench}): a real task on a clock the benchmark controls, through the task's
 * package-private constructor, so that a scenario can make passes due without waiting for them.
 */
public final class BenchTasks {
    private BenchTasks() {
    }

    public static HerokuPostgresSourceTask withClock(Clock clock) {
        return new HerokuPostgresSourceTask(clock);
    }
}
