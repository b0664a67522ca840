/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

/** What a table's reader is doing; the metric {@code state} is the ordinal. */
public enum TableState {
    /** No pass yet in this task. */
    PENDING,
    /** A full read: a FULL_TABLE pass, or the first INCREMENTAL/XMIN pass. */
    INITIAL_LOAD,
    /** An INCREMENTAL/XMIN pass after the first. */
    INCREMENTAL,
    /** Between passes. */
    IDLE,
    /** The last read failed (retried with back-off, or the task failed). */
    FAILED
}
