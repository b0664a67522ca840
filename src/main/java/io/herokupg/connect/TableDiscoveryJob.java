/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.check.Preflight;

/**
 * The connector's scheduled table discovery, on a daemon thread named {@code herokupg-discovery-<connector name>}
 * that keeps the worker's MDC: every interval, a discovery with its checks ({@link Preflight}); when the set of
 * selected tables changed (a table created or dropped), the job keeps the new tables and asks the worker to
 * reconfigure the tasks. A discovery that fails or finds problems keeps the current tables (logged at WARN).
 *
 * <p>A discovery that keeps failing is raised ({@link ConnectorContext#raiseError}: the connector is FAILED, its
 * status says why, and a restart runs the start-up checks again) once it has failed {@value #FAILURES_TO_RAISE}
 * times in a row over at least {@link #FAILING_TO_RAISE} (from the first of them to the latest): with the default
 * interval of 5 minutes, at the third failure, 10 minutes in; with a short interval, the minute rides out a server
 * restart or a brief network outage. A failure is a discovery that could not reach the database or read its catalog
 * in time, or that threw. Problems that a completed discovery found (nothing selected, a grant or a key column
 * missing, a type not supported…) are no failures: the database answered, so they end a run of failures as a
 * success does; they are the user's to fix, and the task treats a table it cannot read under
 * {@code table.failure.policy}. After raising, the job stops.
 */
final class TableDiscoveryJob {
    private static final Logger LOG = LoggerFactory.getLogger(TableDiscoveryJob.class);
    /** Failures in a row that, over {@link #FAILING_TO_RAISE}, fail the connector. */
    static final int FAILURES_TO_RAISE = 3;
    /** How long discovery must have been failing (first failure of the run to the latest) to fail the connector. */
    static final Duration FAILING_TO_RAISE = Duration.ofMinutes(1);

    private final String connectorName;
    private final Duration interval;
    private final Supplier<Preflight.Result> discovery;
    private final ConnectorContext context;
    private final Clock clock;
    private final int failuresToRaise;
    private final Duration failingToRaise;

    private volatile List<TableInfo> tables;
    private volatile boolean stopped;
    private ScheduledExecutorService executor;
    /** Touched only by the discovery thread (or a test calling {@link #run()}). */
    private int failures;
    private Instant firstFailure;

    /**
     * @param tables    the tables the connector planned at start
     * @param discovery one discovery with its checks, as at start but without repeating its warnings
     */
    TableDiscoveryJob(String connectorName, Duration interval, List<TableInfo> tables,
                      Supplier<Preflight.Result> discovery, ConnectorContext context) {
        this(connectorName, interval, tables, discovery, context, Clock.systemUTC(), FAILURES_TO_RAISE,
            FAILING_TO_RAISE);
    }

    TableDiscoveryJob(String connectorName, Duration interval, List<TableInfo> tables,
                      Supplier<Preflight.Result> discovery, ConnectorContext context, Clock clock, int failuresToRaise,
                      Duration failingToRaise) {
        this.connectorName = connectorName;
        this.interval = interval;
        this.tables = List.copyOf(tables);
        this.discovery = discovery;
        this.context = context;
        this.clock = clock;
        this.failuresToRaise = failuresToRaise;
        this.failingToRaise = failingToRaise;
    }

    /** The tables of the current plan: those found at start, or by the latest discovery that changed them. */
    List<TableInfo> tables() {
        return tables;
    }

    /** Schedules discovery every interval, the first one interval from now; none when the interval is 0. */
    synchronized void start() {
        long millis = interval.toMillis();
        if (millis <= 0 || stopped) {
            return;
        }
        // The worker's MDC (connector.context) marks this connector's lines; its discovery thread keeps it.
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(() -> {
                if (mdc != null) {
                    MDC.setContextMap(mdc);
                }
                r.run();
            }, "herokupg-discovery-" + connectorName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::run, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops discovering, interrupting a discovery in progress. */
    synchronized void stop() {
        stopped = true;
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /**
     * One discovery: when the set of selected tables changed (a table created or dropped), asks the worker to
     * reconfigure the tasks. Problems (database unreachable, nothing selected) keep the current plan.
     */
    void run() {
        long started = System.nanoTime();
        try {
            Preflight.Result result = discovery.get();
            if (!result.ok()) {
                LOG.warn("Table discovery keeps the current tables: {}", result.message());
            }
            if (result.failed()) {
                failed(result.message());
                return;
            }
            failures = 0;
            if (result.ok()) {
                plan(result.tables());
            }
        } catch (RuntimeException e) {
            LOG.warn("Table discovery failed; keeping the current tables: {}", e.getMessage());
            failed(String.valueOf(e.getMessage()));
        } finally {
            LOG.debug("Table discovery took {} ms", (System.nanoTime() - started) / 1_000_000);
        }
    }

    private void plan(List<TableInfo> found) {
        Set<TableId> before = ids(tables);
        Set<TableId> after = ids(found);
        if (!after.equals(before)) {
            Set<TableId> added = new TreeSet<>(after);
            added.removeAll(before);
            Set<TableId> removed = new TreeSet<>(before);
            removed.removeAll(after);
            LOG.info("Table discovery: tables added {}, removed {}; reconfiguring the tasks", added, removed);
            tables = List.copyOf(found);
            context.requestTaskReconfiguration();
        }
    }

    /** Counts a failure; raises the run of failures once it is long enough, unless the job is stopping. */
    private void failed(String message) {
        if (stopped || Thread.currentThread().isInterrupted()) {
            return;
        }
        Instant now = clock.instant();
        if (failures == 0) {
            firstFailure = now;
        }
        failures++;
        Duration failing = Duration.between(firstFailure, now);
        if (failures < failuresToRaise || failing.compareTo(failingToRaise) < 0) {
            return;
        }
        stopped = true;
        context.raiseError(new ConnectException("Table discovery failed " + failures + " times in a row, for "
            + failing.toSeconds() + " s; the last time: " + message));
        synchronized (this) {
            if (executor != null) {
                executor.shutdown();
            }
        }
    }

    private static Set<TableId> ids(List<TableInfo> tables) {
        return tables.stream().map(TableInfo::id).collect(Collectors.toSet());
    }
}
