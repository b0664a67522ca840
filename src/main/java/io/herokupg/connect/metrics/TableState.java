/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

/**
 * What a table's reader is doing, or what keeps it from it; the metric {@code state} is the ordinal (new states are
 * added at the end, so the numbers stay).
 */
public enum TableState {
    /** No pass yet in this task. */
    PENDING,
    /** A full read: a FULL_TABLE pass, or the first INCREMENTAL/XMIN pass. */
    INITIAL_LOAD,
    /** An INCREMENTAL/XMIN pass after the first. */
    INCREMENTAL,
    /** Between passes. */
    IDLE,
    /**
     * Skipped for good: a failure retrying cannot fix, with {@code table.failure.policy=skip} (no read until the task
     * restarts), or the failure that fails the task. Retried outages are {@link #OUTAGE}.
     */
    FAILED,
    /**
     * A retriable failure (the database unreachable, a connection lost, a lock timeout…): the task backs off and
     * retries, every position kept. Ends at the table's next successful read, or for a table whose own read did not
     * fail, at the task's first successful read.
     */
    OUTAGE,
    /** The table was not found (dropped or renamed away): looked for again at each of its passes. */
    MISSING
}
