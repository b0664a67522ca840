/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.connect.source.SourceRecord;

import io.herokupg.connect.HerokuPostgresSourceTask;

/**
 * Drives a real {@link HerokuPostgresSourceTask} against a real PostgreSQL without a worker: start it from the
 * offsets "committed" so far, poll, commit (all or a prefix of what was polled), stop. Tests of replication
 * semantics use it to run many restarts quickly; the worker-level tests cover the same paths through Connect.
 */
public final class TaskDriver {
    private final Map<String, String> config;
    private final FakeSourceTaskContext context;
    private HerokuPostgresSourceTask task;

    /**
     * A driver for one task replicating the given tables ({@code schema.table}, comma-separated), with the
     * connector settings given on top of the database's.
     */
    public TaskDriver(PostgresFixture pg, String tables, Map<String, String> settings) {
        config = new HashMap<>(pg.connectorConfig());
        config.put("name", "task-driver");
        config.put("topic.prefix", "driver");
        config.put("task.assignment", tables);
        config.put("task.index", "0");
        config.putAll(settings);
        context = new FakeSourceTaskContext(config);
    }

    /**
     * Changes settings for the next {@link #start()}, keeping the offsets committed so far: as when a connector's
     * configuration is updated.
     */
    public TaskDriver reconfigure(Map<String, String> settings) {
        config.putAll(settings);
        return this;
    }

    /** Changes one setting for the tasks started from now on, as a connector config update would. */
    public TaskDriver set(String key, String value) {
        return reconfigure(Map.of(key, value));
    }

    /** Starts a task from the committed offsets. */
    public TaskDriver start() {
        task = new HerokuPostgresSourceTask();
        task.initialize(context);
        task.start(config);
        return this;
    }

    /** One poll; an empty list when the task returned nothing. */
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> batch = task.poll();
        return batch == null ? List.of() : batch;
    }

    /** Polls until the records polled satisfy the condition, failing after the timeout. */
    public List<SourceRecord> pollUntil(Predicate<List<SourceRecord>> done, Duration timeout)
        throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (!done.test(records)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not reached in " + timeout + " after " + records.size()
                    + " records");
            }
            records.addAll(poll());
        }
        return records;
    }

    /** Polls for the given time, returning everything polled. */
    public List<SourceRecord> pollFor(Duration duration) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        Instant end = Instant.now().plus(duration);
        while (Instant.now().isBefore(end)) {
            records.addAll(poll());
        }
        return records;
    }

    /**
     * Polls until no record came for {@code quiet}, returning everything polled; fails if records still come after
     * the timeout.
     */
    public List<SourceRecord> pollUntilQuiet(Duration quiet, Duration timeout) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        Instant lastArrival = Instant.now();
        while (Instant.now().isBefore(lastArrival.plus(quiet))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("records still arriving after " + timeout + " (" + records.size() + ")");
            }
            List<SourceRecord> batch = poll();
            if (!batch.isEmpty()) {
                records.addAll(batch);
                lastArrival = Instant.now();
            }
        }
        return records;
    }

    /**
     * Commits the offsets of these records, as the worker does once the producer acknowledged them, then tells the
     * task ({@code SourceTask.commit()}), if one runs (offsets stored before a start, or acknowledged for a task
     * abandoned since, are only stored).
     */
    public void commit(List<SourceRecord> records) {
        context.commit(records);
        if (task != null) {
            task.commit();
        }
    }

    public void stop() {
        task.stop();
    }

    /**
     * Drops the task without stopping it, as when its worker dies: nothing of it runs again (the caller kills its
     * connections first, as the death of its process would).
     */
    public void abandon() {
        task = null;
    }
}
