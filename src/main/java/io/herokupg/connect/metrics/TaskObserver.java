/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.time.Clock;
import java.time.Instant;
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
 * hands it each read's {@link Batch} ({@link #observe}) and each failure, by what the task does about it
 * ({@link #outage}, {@link #missing}, {@link #tableFailed}, {@link #taskFailed}); it only consumes them (no
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
        gauges.put(MetricNames.TABLES_FAILED, () -> count(TableState.FAILED));
        gauges.put(MetricNames.TABLES_OUTAGE, () -> count(TableState.OUTAGE));
        gauges.put(MetricNames.TABLES_MISSING, () -> count(TableState.MISSING));
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

    private synchronized double count(TableState state) {
        return tables.values().stream().filter(w -> w.stats.health.state() == state).count();
    }

    /** The task's tables (its assignment, from its start): registers the metrics of those not yet registered. */
    public synchronized void tables(Collection<TableId> ids) {
        for (TableId table : ids) {
            if (!tables.containsKey(table)) {
                TableWatch watch = new TableWatch(table, clock);
                tables.put(table, watch);
                registry.register(tags(table), MetricNames.TABLE, watch.stats.gauges());
            }
        }
    }

    /** A table's reader was built: its schedule and last completed pass, from the stored offset. */
    public void restored(TableId table, Batch.After state) {
        TableWatch watch = watch(table);
        if (watch != null) {
            watch.stats.health.restored(state.inPass(), state.nextDue(), state.completeAsOfMs());
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
        Batch.After after = batch.after();
        watch.stats.health.read(after.inPass(), after.nextDue(), after.completeAsOfMs(), nowMs);
        recovered(watch);
        if (batch.passEnded()) {
            totals.passCompleted();
        }
        if (ended.isEmpty() || reportsTopic.isEmpty() || watch.lastRecord() == null) {
            return Optional.empty();
        }
        return Optional.of(LoadReports.record(reportsTopic.get(), ended.get(), watch.lastRecord()));
    }

    /**
     * The loading report of the first pass of a table that started now (start.position=now), which emitted no row:
     * it carries the offset of that pass's end, so that committing it stores where the table's changes start.
     */
    public Optional<SourceRecord> startedNow(Batch batch, Map<String, ?> partition, Map<String, ?> offset) {
        if (reportsTopic.isEmpty()) {
            return Optional.empty();
        }
        long nowMs = clock.millis();
        LoadReports.Pass pass = new LoadReports.Pass(connector, task, batch.table().toString(),
            batch.before().method(), false, 0, 0, batch.before().startedMs(), nowMs, batch.after().position());
        return Optional.of(LoadReports.record(reportsTopic.get(), pass, partition, offset));
    }

    /** A read succeeded: its table is reachable and present; the others no longer wait for a retry. */
    private synchronized void recovered(TableWatch read) {
        tables.values().forEach(w -> w.stats.health.recovered(w == read));
    }

    /**
     * A read failed (or a discovery, without a table): the table being read, if any, and the task count it. Nothing
     * else changes: for a failure while the task stops.
     */
    public void failed(Optional<TableId> table, Exception e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        long nowMs = clock.millis();
        totals.failed(message, nowMs);
        table.map(this::watch).ifPresent(watch -> watch.stats.failed(message, nowMs));
    }

    /**
     * A retriable failure, which the task backs off from and retries: the table being read, if any, is in an outage
     * until its next successful read; the others, which wait for the retry, until the task's next successful read.
     */
    public void outage(Optional<TableId> reading, Exception e) {
        failed(reading, e);
        TableWatch failed = reading.map(this::watch).orElse(null);
        synchronized (this) {
            tables.values().forEach(w -> w.stats.health.outage(w == failed));
        }
    }

    /** The table was not found (dropped or renamed away); it is looked for again at its next pass, due then. */
    public void missing(TableId table, Exception e, Instant nextDue) {
        failed(Optional.of(table), e);
        Optional.ofNullable(watch(table)).ifPresent(w -> w.stats.health.missing(Optional.of(nextDue)));
    }

    /** Tables of the task that its discovery did not find: the task does not read them. */
    public void notFound(Collection<TableId> missing) {
        missing.stream().map(this::watch).filter(w -> w != null)
            .forEach(w -> w.stats.health.missing(Optional.empty()));
    }

    /** A failure retrying cannot fix: the table is skipped for good (table.failure.policy=skip), or fails the task. */
    public void tableFailed(TableId table, Exception e) {
        failed(Optional.of(table), e);
        Optional.ofNullable(watch(table)).ifPresent(w -> w.stats.health.failed());
    }

    /** A failure that fails the task, while reading a table or not. */
    public void taskFailed(Optional<TableId> reading, Exception e) {
        failed(reading, e);
        reading.map(this::watch).ifPresent(w -> w.stats.health.failed());
    }

    private synchronized TableWatch watch(TableId table) {
        return tables.get(table);
    }

    @Override
    public void close() {
        registry.close();
    }
}
