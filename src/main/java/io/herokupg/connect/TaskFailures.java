/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.assign.TaskAssignment;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.config.ConnectionSettings;
import io.herokupg.connect.config.ResilienceFragment;
import io.herokupg.connect.config.TaskConfig;
import io.herokupg.connect.heroku.CredentialRefresh;
import io.herokupg.connect.jdbc.OutageLog;
import io.herokupg.connect.jdbc.SqlErrors;
import io.herokupg.connect.metrics.TaskObserver;
import io.herokupg.connect.read.TableReader;
import io.herokupg.connect.schedule.Backoff;

/**
 * What a task does when a read fails: a failure of one table that retrying will not fix drops that table (or fails
 * the task, as {@code table.failure.policy} says); a retriable one (connection loss, server shutdown, too many
 * connections…) drops the connections and any open stream of rows, keeps every position, and backs off; refused
 * credentials are fetched again from Heroku where configured; anything else fails the task with a message.
 */
final class TaskFailures {
    private static final Logger LOG = LoggerFactory.getLogger(TaskFailures.class);
    /** SQLSTATE 42P01: the table was dropped. */
    private static final String UNDEFINED_TABLE = "42P01";
    /** Authentication failures in a row, with fresh credentials fetched each time, before the task gives up. */
    private static final int MAX_AUTHENTICATION_FAILURES = 3;

    private final int task;
    private final List<String> tables;
    private final Clock clock;
    private final TaskConnections connections;
    private final TaskObserver observer;
    /** Takes a configuration with fresh credentials. */
    private final Consumer<TaskConfig> reconfigure;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 10);
    private final OutageLog outages;
    private final CredentialRefresh credentials;
    /** Tables found dropped, looked for again at each of their passes. */
    private final Set<TableId> missing = new HashSet<>();
    private TaskConfig config;
    private ConnectionSettings settings;
    private long retryAtMs;

    TaskFailures(TaskConfig config, ConnectionSettings settings, TaskAssignment assignment, Clock clock,
                 TaskConnections connections, TaskObserver observer, Consumer<TaskConfig> reconfigure) {
        this.config = config;
        this.settings = settings;
        this.task = assignment.taskIndex();
        this.tables = assignment.tables().stream().map(TableId::toString).toList();
        this.clock = clock;
        this.connections = connections;
        this.observer = observer;
        this.reconfigure = reconfigure;
        this.outages = new OutageLog("Task " + task, clock);
        this.credentials = new CredentialRefresh(config.herokuCredentials());
    }

    /** How long the task waits before it reads again (a back-off after a failure). */
    Duration untilRetry() {
        return Duration.ofMillis(Math.max(0, retryAtMs - clock.millis()));
    }

    /** A read of the table succeeded. */
    void succeeded(TableId table) {
        backoff.onSuccess();
        credentials.onSuccess();
        outages.succeeded(table.toString());
        if (missing.remove(table)) {
            LOG.info("Task {}: table {} exists again", task, table);
        }
    }

    /**
     * A read of {@code reader}'s table failed in a way that retrying will not fix (SQLSTATE class 42), when
     * {@link SqlErrors#classify} says {@link SqlErrors.Kind#TABLE}: the table stops being read and the others go on,
     * or the task fails, as table.failure.policy says. A dropped table is always just dropped: the connector's next
     * discovery reassigns the rest.
     *
     * @return whether the reader is done with (closed): the task stops scheduling it
     */
    boolean tableFailed(TableReader reader, SQLException e) {
        TableId table = reader.table();
        if (UNDEFINED_TABLE.equals(e.getSQLState())) {
            // Dropped since the plan was made. It may be created again (a restore, a rebuild): its turn comes back at
            // its next pass, when a table of that name is read afresh; else the connector's next discovery reassigns
            // the task's tables without it.
            if (missing.add(table)) {
                LOG.warn("Task {}: table {} no longer exists; it is looked for again at each of its passes (a table"
                    + " created under its name starts afresh)", task, table);
            }
            reader.abort();
            reader.absent();
            observer.missing(table, e, reader.nextDue());
            connections.release(reader);
            return false;
        } else if (config.tableFailurePolicy() == ResilienceFragment.TableFailurePolicy.FAIL) {
            observer.tableFailed(table, e);
            throw new ConnectException("Task " + task + ": reading table " + table + " failed: " + e.getMessage()
                + " (SQLSTATE " + e.getSQLState() + "); " + ResilienceFragment.TABLE_FAILURE_POLICY
                + "=fail, so the task fails", e);
        }
        observer.tableFailed(table, e);
        LOG.error("Task {}: table {} FAILED and is skipped until the task restarts: {} (SQLSTATE {}). The task's other"
            + " tables go on ({}=skip)", task, table, e.getMessage(), e.getSQLState(),
            ResilienceFragment.TABLE_FAILURE_POLICY);
        reader.close();
        connections.release(reader);
        return true;
    }

    /**
     * A failed read (or discovery) of the task: retriable failures drop the connections and any open stream of rows,
     * keep every position, and back off; others fail the task with a message.
     *
     * @param reading the table being read, if any
     * @param readers the task's readers, whose open streams are aborted
     */
    void failed(Optional<TableId> reading, SQLException e, Collection<TableReader> readers, boolean stopping) {
        boolean notConnected = connections.connectFailed();
        readers.forEach(TableReader::abort);
        connections.releaseAll();
        if (stopping) {
            observer.failed(reading, e);
            return;
        }
        SqlErrors.Kind kind = SqlErrors.classify(e);
        if (kind == SqlErrors.Kind.AUTHENTICATION) {
            authenticationFailed(reading, e);
            return;
        }
        if (kind != SqlErrors.Kind.RETRIABLE || backoff.exhausted()) {
            observer.taskFailed(reading, e);
            throw new ConnectException(notConnected
                ? SqlErrors.describeConnectFailure(e, settings)
                : "Replication from " + settings.describe() + " failed: " + e.getMessage(), e);
        }
        observer.outage(reading, e);
        backOff(e);
    }

    /**
     * The server refused the credentials (28P01/28000), as after {@code heroku pg:credentials:rotate}: with
     * heroku.app set, fetch the current database URL from the Platform API and reconnect with it; else, or when
     * fresh credentials are refused too, fail with a message that says what to do.
     */
    private void authenticationFailed(Optional<TableId> reading, SQLException e) {
        Optional<TaskConfig> fresh = credentials.refresh(config, settings, task);
        if (fresh.isPresent() || credentials.canRetry(MAX_AUTHENTICATION_FAILURES)) {
            observer.outage(reading, e);
        } else {
            observer.taskFailed(reading, e);
        }
        if (fresh.isPresent()) {
            config = fresh.get();
            settings = config.connection();
            reconfigure.accept(config);
            retryAtMs = clock.millis();
            return;
        }
        if (credentials.canRetry(MAX_AUTHENTICATION_FAILURES)) {
            backOff(e);
            return;
        }
        throw new ConnectException(SqlErrors.describeConnectFailure(e, settings) + ". "
            + credentials.advice(), e);
    }

    private void backOff(SQLException e) {
        Duration wait = backoff.onFailure();
        retryAtMs = clock.millis() + wait.toMillis();
        outages.failed(tables, e, wait);
    }
}
