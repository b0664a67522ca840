/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.stats.Rate;

/**
 * What a table and a task both count. Written by the task's thread, read by JMX or the metrics reporters from
 * others: every access is synchronized on the instance.
 */
class Counters {
    private static final MetricConfig RATE_CONFIG = new MetricConfig();

    private final Rate rowsRate = new Rate();
    private final Rate bytesRate = new Rate();
    private long rows;
    private long bytes;
    private long passes;
    private long errors;
    private String lastError = "";
    private long lastErrorMs;

    synchronized void emitted(long batchRows, long batchBytes, long nowMs) {
        rows += batchRows;
        bytes += batchBytes;
        rowsRate.record(RATE_CONFIG, batchRows, nowMs);
        bytesRate.record(RATE_CONFIG, batchBytes, nowMs);
    }

    synchronized void passCompleted() {
        passes++;
    }

    synchronized void failed(String message, long nowMs) {
        errors++;
        lastError = message == null ? "" : message;
        lastErrorMs = nowMs;
    }

    synchronized long rows() {
        return rows;
    }

    synchronized long passes() {
        return passes;
    }

    private synchronized double rate(Rate rate, long nowMs) {
        return rate.measure(RATE_CONFIG, nowMs);
    }

    /** The gauges of the common metrics, in {@link MetricNames} order. */
    Map<String, Supplier<Object>> gauges() {
        Map<String, Supplier<Object>> gauges = new LinkedHashMap<>();
        gauges.put(MetricNames.ROWS_TOTAL, () -> (double) rows());
        gauges.put(MetricNames.ROWS_RATE, () -> rate(rowsRate, System.currentTimeMillis()));
        gauges.put(MetricNames.BYTES_TOTAL, () -> {
            synchronized (this) {
                return (double) bytes;
            }
        });
        gauges.put(MetricNames.BYTES_RATE, () -> rate(bytesRate, System.currentTimeMillis()));
        gauges.put(MetricNames.PASSES_TOTAL, () -> (double) passes());
        gauges.put(MetricNames.ERRORS_TOTAL, () -> {
            synchronized (this) {
                return (double) errors;
            }
        });
        gauges.put(MetricNames.LAST_ERROR, () -> {
            synchronized (this) {
                return lastError;
            }
        });
        gauges.put(MetricNames.LAST_ERROR_MS, () -> {
            synchronized (this) {
                return (double) lastErrorMs;
            }
        });
        return gauges;
    }
}
