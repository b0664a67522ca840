/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.PgRowEstimate;
import io.herokupg.connect.read.TableReader;

/**
 * What the task tells about its work: metrics per table and per task, extraction logs, loading reports. The task
 * calls {@link #beforeRead} and {@link #afterRead} around each read and {@link #failed} on a failure; all on the
 * task's thread (whose MDC {@code connector.context}, set by the worker, every line carries).
 */
public final class TaskObserver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskObserver.class);

    private final String connector;
    private final int task;
    private final Optional<String> reportsTopic;
    private final Clock clock;
    private final MetricsRegistry registry;
    private final Counters totals = new Counters();
    private final Map<TableReader, TableWatch> tables = new IdentityHashMap<>();
    private TableWatch current;
    private long readStartedNanos;

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
            registry = new PluginMetricsRegistry(context.pluginMetrics());
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
    public synchronized void tables(Collection<? extends TableReader> readers) {
        for (TableReader reader : readers) {
            TableWatch watch = new TableWatch(reader);
            tables.put(reader, watch);
            registry.register(tags(reader), MetricNames.TABLE, watch.stats.gauges());
        }
    }

    private static LinkedHashMap<String, String> tags(TableReader reader) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put(MetricNames.TABLE_TAG, reader.table().toString());
        return tags;
    }

    /**
     * Before a read on the reader's connection: a pass that begins with it is recorded, and for a full read the
     * planner's row estimate is read (the connection is between transactions then). A failure of that query (the
     * connection lost) is the read's: swallowed, it would leave the read a connection the pool has closed.
     */
    public void beforeRead(TableReader reader, Connection connection) throws SQLException {
        current = watch(reader);
        readStartedNanos = System.nanoTime();
        if (current == null || current.active()) {
            return;
        }
        boolean full = reader.fullRead();
        OptionalLong estimate = OptionalLong.empty();
        if (full && !reader.inPass()) {
            estimate = PgRowEstimate.of(connection, reader.table());
        }
        current.begin(clock.millis(), full, estimate);
    }

    /** After a read that returned {@code batch}: the batch as given, plus the loading report of a pass it ended. */
    public List<SourceRecord> afterRead(TableReader reader, List<SourceRecord> batch) {
        TableWatch watch = watch(reader);
        current = null;
        if (watch == null) {
            return batch;
        }
        long nowMs = clock.millis();
        long bytes = reader.batchBytes();
        totals.emitted(batch.size(), bytes, nowMs);
        Optional<LoadReports.Pass> ended = watch.batch(batch, bytes, nowMs,
            (System.nanoTime() - readStartedNanos) / 1_000_000, connector, task);
        watch.observe();
        if (!reader.inPass()) {
            totals.passCompleted();
        }
        if (ended.isEmpty() || reportsTopic.isEmpty() || watch.lastRecord() == null) {
            return batch;
        }
        List<SourceRecord> withReport = new ArrayList<>(batch.size() + 1);
        withReport.addAll(batch);
        withReport.add(LoadReports.record(reportsTopic.get(), ended.get(), watch.lastRecord()));
        return withReport;
    }

    /** A read failed (the task retries or fails): the table being read, if any, and the task record it. */
    public void failed(Exception e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        long nowMs = clock.millis();
        totals.failed(message, nowMs);
        if (current != null) {
            current.stats.failedRead(message, nowMs);
            current = null;
        }
    }

    private synchronized TableWatch watch(TableReader reader) {
        return tables.get(reader);
    }

    @Override
    public void close() {
        registry.close();
    }
}
