/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** One table's metrics: the common counters, its pass, its state and timeliness, full-read progress and horizon. */
final class TableStats extends Counters {
    final TableHealth health;
    private final Clock clock;
    private TableState state = TableState.PENDING;
    private long passStartMs;
    private long passEndMs;
    private long passDurationMs;
    private long lastPassRows;
    private long loadRowsRead;
    private long loadRowsEstimated;
    private boolean loadComplete;
    private long newestKeyMs = Long.MIN_VALUE;
    private long oldestTransactionAgeMs;
    private int oldestTransactionPid;
    private double replayLagMs = Double.NaN;
    private double captureLogEntries = Double.NaN;
    private double captureLogAgeMs = Double.NaN;

    TableStats(Clock clock) {
        this.clock = clock;
        this.health = new TableHealth(clock);
    }

    synchronized void passStarted(long nowMs, boolean fullRead, OptionalLong estimatedRows) {
        passStartMs = nowMs;
        inPass(fullRead);
        if (fullRead) {
            loadRowsRead = 0;
            loadComplete = false;
            loadRowsEstimated = estimatedRows.orElse(0);
        }
    }

    synchronized void read(long rows) {
        if (state == TableState.INITIAL_LOAD) {
            loadRowsRead += rows;
        }
    }

    synchronized void passEnded(long nowMs, long rows) {
        if (state == TableState.INITIAL_LOAD) {
            loadComplete = true;
        }
        passEndMs = nowMs;
        passDurationMs = nowMs - passStartMs;
        lastPassRows = rows;
        state = TableState.IDLE;
        health.activity(TableState.IDLE);
        passCompleted();
    }

    synchronized void inPass(boolean fullRead) {
        state = fullRead ? TableState.INITIAL_LOAD : TableState.INCREMENTAL;
        health.activity(state);
    }

    synchronized void newestKey(long epochMs) {
        newestKeyMs = epochMs;
    }

    synchronized void oldestTransaction(long ageMs, int pid) {
        oldestTransactionAgeMs = ageMs;
        oldestTransactionPid = pid;
    }

    synchronized void replayLag(double ms) {
        replayLagMs = ms;
    }

    synchronized void captureLog(double entries, double oldestAgeMs) {
        captureLogEntries = entries;
        captureLogAgeMs = oldestAgeMs;
    }

    synchronized double progressPercent() {
        if (loadComplete) {
            return 100.0;
        }
        if (loadRowsEstimated <= 0) {
            return state == TableState.INITIAL_LOAD ? 0.0 : Double.NaN;
        }
        return Math.min(99.9, 100.0 * loadRowsRead / loadRowsEstimated);
    }

    /** Now minus the newest time key emitted: how old the newest data is (it grows while the table is quiet). */
    synchronized double newestKeyAgeMs() {
        return newestKeyMs == Long.MIN_VALUE ? Double.NaN : (double) Math.max(0, clock.millis() - newestKeyMs);
    }

    private Supplier<Object> locked(Supplier<Object> value) {
        return () -> {
            synchronized (this) {
                return value.get();
            }
        };
    }

    @Override
    Map<String, Supplier<Object>> gauges() {
        Map<String, Supplier<Object>> gauges = super.gauges();
        gauges.put(MetricNames.LAST_PASS_START, locked(() -> (double) passStartMs));
        gauges.put(MetricNames.LAST_PASS_END, locked(() -> (double) passEndMs));
        gauges.put(MetricNames.LAST_PASS_DURATION, locked(() -> (double) passDurationMs));
        gauges.put(MetricNames.LAST_PASS_ROWS, locked(() -> (double) lastPassRows));
        health.gauges(gauges);
        gauges.put(MetricNames.LOAD_ROWS_READ, locked(() -> (double) loadRowsRead));
        gauges.put(MetricNames.LOAD_ROWS_ESTIMATED, locked(() -> (double) loadRowsEstimated));
        gauges.put(MetricNames.LOAD_PROGRESS, this::progressPercent);
        gauges.put(MetricNames.NEWEST_KEY_AGE, this::newestKeyAgeMs);
        gauges.put(MetricNames.OLDEST_TX_AGE, locked(() -> (double) oldestTransactionAgeMs));
        gauges.put(MetricNames.OLDEST_TX_PID, locked(() -> (double) oldestTransactionPid));
        gauges.put(MetricNames.REPLAY_LAG, locked(() -> replayLagMs));
        gauges.put(MetricNames.CAPTURE_LOG_ENTRIES, locked(() -> captureLogEntries));
        gauges.put(MetricNames.CAPTURE_LOG_AGE, locked(() -> captureLogAgeMs));
        return gauges;
    }
}
