/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A table's state and timeliness: what its reader is doing (the activity), overridden by what keeps it from its
 * work (an outage being retried, a missing table, a table failed for good), and the gauges an operator alerts on:
 * the age of the last completed pass, the time until the next pass is due, and the replication lag (how old the
 * newest change is that may not have been emitted yet). Written by the task's thread, read by JMX or the metrics
 * reporters: every access is synchronized on the instance. Times are the task's clock.
 */
final class TableHealth {
    /** What keeps the table from its work, strongest last. */
    private enum Fault {
        NONE,
        /** The task backs off after another read's retriable failure: this table only waits for the retry. */
        WAITING,
        /** This table's own read failed, retriably: it waits for the retry, its position kept. */
        OUTAGE,
        /** The table was not found (dropped or renamed away): looked for again at each of its passes. */
        MISSING,
        /** Skipped for good (table.failure.policy=skip) or the task failing over it: no read until a restart. */
        FAILED
    }

    private static final long NONE = Long.MIN_VALUE;

    private final Clock clock;
    private TableState activity = TableState.PENDING;
    private Fault fault = Fault.NONE;
    private long lastPassEndMs = NONE;
    private long completeAsOfMs = NONE;
    /** When the next pass is due: NONE while one is in progress or before the schedule is known; MAX for never. */
    private long nextDueMs = NONE;
    private boolean inPass;

    TableHealth(Clock clock) {
        this.clock = clock;
    }

    synchronized void activity(TableState state) {
        activity = state;
    }

    /** The reader's schedule and last completed pass when it was built (from the stored offset). */
    synchronized void restored(boolean passInProgress, Optional<Instant> nextDue, OptionalLong completeAsOf) {
        schedule(passInProgress, nextDue);
        completeAsOf.ifPresent(ms -> completeAsOfMs = ms);
    }

    /**
     * The reader's schedule and last completed pass after a read at {@code nowMs}: a later completed pass than known
     * is one that this read ended.
     */
    synchronized void read(boolean passInProgress, Optional<Instant> nextDue, OptionalLong completeAsOf, long nowMs) {
        schedule(passInProgress, nextDue);
        if (completeAsOf.isPresent() && (completeAsOfMs == NONE || completeAsOf.getAsLong() > completeAsOfMs)) {
            completeAsOfMs = completeAsOf.getAsLong();
            lastPassEndMs = nowMs;
        }
    }

    private void schedule(boolean passInProgress, Optional<Instant> nextDue) {
        inPass = passInProgress;
        nextDueMs = inPass || nextDue.isEmpty() ? NONE
            : nextDue.get().equals(Instant.MAX) ? Long.MAX_VALUE : nextDue.get().toEpochMilli();
    }

    /** A retriable failure: of this table's own read ({@code reading}), or of another's that the task backs off for. */
    synchronized void outage(boolean reading) {
        if (reading && fault.compareTo(Fault.OUTAGE) < 0) {
            fault = Fault.OUTAGE;
        } else if (!reading && fault == Fault.NONE) {
            fault = Fault.WAITING;
        }
    }

    /** The table was not found; its next pass is due at {@code nextDue} (none: it is not looked for again). */
    synchronized void missing(Optional<Instant> nextDue) {
        if (fault != Fault.FAILED) {
            fault = Fault.MISSING;
        }
        schedule(false, nextDue);
    }

    /** Skipped for good, or the task fails over it. */
    synchronized void failed() {
        fault = Fault.FAILED;
        nextDueMs = NONE;
    }

    /**
     * A read succeeded: of this table ({@code own}): it is reachable and present again; or of another table: the
     * database is reachable again, so this one no longer only waits for a retry.
     */
    synchronized void recovered(boolean own) {
        if (own ? fault != Fault.FAILED : fault == Fault.WAITING) {
            fault = Fault.NONE;
        }
    }

    synchronized TableState state() {
        return switch (fault) {
            case NONE -> activity;
            case WAITING, OUTAGE -> TableState.OUTAGE;
            case MISSING -> TableState.MISSING;
            case FAILED -> TableState.FAILED;
        };
    }

    /** Milliseconds since the last pass completed in this task; NaN before one has. */
    synchronized double lastPassAgeMs() {
        return lastPassEndMs == NONE ? Double.NaN : (double) Math.max(0, clock.millis() - lastPassEndMs);
    }

    /**
     * Milliseconds until the next pass is due: positive while the table waits for it, 0 while a pass is in progress,
     * negative when it is overdue (due but not begun: waiting for a connection or an outage's retry); +Infinity when
     * the schedule has no next time; NaN when unknown or the table failed for good.
     */
    synchronized double nextPassDueMs() {
        if (fault == Fault.FAILED) {
            return Double.NaN;
        }
        if (inPass || activity == TableState.INITIAL_LOAD || activity == TableState.INCREMENTAL) {
            return 0.0;
        }
        if (nextDueMs == Long.MAX_VALUE) {
            return Double.POSITIVE_INFINITY;
        }
        return nextDueMs == NONE ? Double.NaN : (double) (nextDueMs - clock.millis());
    }

    /**
     * The replication lag: milliseconds since the start of the last completed pass, whose snapshot saw every change
     * committed before it, all of them emitted since: no change older than this can still be missing. Bounded by the
     * schedule's interval plus a pass's duration on a quiet table; NaN before any pass completed.
     */
    synchronized double lagMs() {
        return completeAsOfMs == NONE ? Double.NaN : (double) Math.max(0, clock.millis() - completeAsOfMs);
    }

    /** Its gauges, added in {@link MetricNames} order after the pass's. */
    void gauges(Map<String, Supplier<Object>> gauges) {
        gauges.put(MetricNames.STATE, () -> (double) state().ordinal());
        gauges.put(MetricNames.STATE_NAME, () -> state().name());
        gauges.put(MetricNames.LAST_PASS_AGE, this::lastPassAgeMs);
        gauges.put(MetricNames.NEXT_PASS_DUE, this::nextPassDueMs);
        gauges.put(MetricNames.LAG, this::lagMs);
    }
}
