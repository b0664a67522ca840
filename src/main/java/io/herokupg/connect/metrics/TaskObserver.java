/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.batch.Batch;
import io.herokupg.connect.catalog.TableId;

/**
 * What the task tells about its work: metrics per table and per task, extraction logs, loading reports. The task
 * hands it each read's {@link Batch} ({@link #observe}) and each failure ({@link #failed}); it only consumes them (no
 * connection, no SQL). All on the task's thread (whose MDC {@code connector.context}, set by the worker, every line
 * carries).
 */
public final class TaskObserver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskObserver.class);

    private final String connector;
    private final int task;
    private final Optional<String> reportsTopic;
    private final Clock clock;
    private final MetricsRegistry registry;
    private final Counters totals = new Counters();
    private final Map<TableId, TableWatch> tables = new HashMap<>();

    TaskObserver(String connector, int task, Optional<String> reportsTopic, Clock clock, MetricsRegistry registry) {
        this.connector = connector;
        this.task = task;
        this.reportsTopic = reportsTopic;
        this.clock = clock;
        this.registry = registry;
        Map<String, Supplier<Object>> gauges = totals.gauges();
        gauges.put(MetricNames.TABLES, () -> (double) tableCount());
        registry.register(new LinkedHashMap<>(), MetricNames.TASK, gauges);
    }

    /**
     * An observer whose metrics go to the worker's plugin metrics (KIP-877) or, on a worker without them (before
     * Kafka 4.1: the method or class is missing, or it throws UnsupportedOperationException), to an MBean of ours.
     */
    public static TaskObserver create(SourceTaskContext context, String connector, int task,
                                      Optional<String> reportsTopic, Clock clock) {
        MetricsRegistry registry;
        try {
            registry = PluginMetricsRegistry.of(context);
        } catch (LinkageError | UnsupportedOperationException e) {
            LOG.info("The worker offers no plugin metrics ({}); registering the task's metrics as MBeans",
                e.getClass().getSimpleName());
            registry = new JmxRegistry(connector, task);
        }
        return new TaskObserver(connector, task, reportsTopic, clock, registry);
    }

    private synchronized int tableCount() {
        return tables.size();
    }

    /** The task's tables, once its readers exist. */
    public synchronized void tables(Collection<TableId> ids) {
        for (TableId table : ids) {
            TableWatch watch = new TableWatch(table);
            tables.put(table, watch);
            registry.register(tags(table), MetricNames.TABLE, watch.stats.gauges());
        }
    }

    private static LinkedHashMap<String, String> tags(TableId table) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put(MetricNames.TABLE_TAG, table.toString());
        return tags;
    }

    /**
     * Records a read: its metrics and extraction log lines, and a pass that began or ended with it. Returns the
     * loading report of a pass it ended, when reports are on, to append to the batch's records.
     */
    public Optional<SourceRecord> observe(Batch batch) {
        TableWatch watch = watch(batch.table());
        if (watch == null) {
            return Optional.empty();
        }
        if (!watch.active()) {
            watch.begin(batch.before());
        }
        long nowMs = clock.millis();
        List<SourceRecord> records = batch.records();
        totals.emitted(records.size(), batch.bytes(), nowMs);
        Optional<LoadReports.Pass> ended = watch.batch(batch, nowMs,
            (System.nanoTime() - batch.before().startedNanos()) / 1_000_000, connector, task);
        watch.observe(batch.after());
        if (batch.passEnded()) {
            totals.passCompleted();
        }
        if (ended.isEmpty() || reportsTopic.isEmpty() || watch.lastRecord() == null) {
            return Optional.empty();
        }
        return Optional.of(LoadReports.record(reportsTopic.get(), ended.get(), watch.lastRecord()));
    }

    /** A read failed (the task retries or fails): the table being read, if any, and the task record it. */
    public void failed(Optional<TableId> table, Exception e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        long nowMs = clock.millis();
        totals.failed(message, nowMs);
        table.map(this::watch).ifPresent(watch -> watch.stats.failedRead(message, nowMs));
    }

    private synchronized TableWatch watch(TableId table) {
        return tables.get(table);
    }

    @Override
    public void close() {
        registry.close();
    }
}
