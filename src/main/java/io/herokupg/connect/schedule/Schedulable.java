/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.schedule;

import java.time.Instant;

/** What the scheduler needs to know of a table's reader. */
public interface Schedulable {

    /** True while a pass has begun and not ended; such a reader holds the task's connection until it ends. */
    boolean inPass();

    /** When the next pass should begin; meaningless while {@link #inPass()}. */
    Instant nextDue();
}
