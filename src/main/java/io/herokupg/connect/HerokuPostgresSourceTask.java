/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.assign.TaskAssignment;
import io.herokupg.connect.catalog.CatalogFilter;
import io.herokupg.connect.catalog.PgCatalog;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.ColumnSelection;
import io.herokupg.connect.config.ConnectionSettings;
import io.herokupg.connect.config.ResilienceFragment;
import io.herokupg.connect.config.TaskConfig;
import io.herokupg.connect.heroku.CredentialRefresh;
import io.herokupg.connect.jdbc.OutageLog;
import io.herokupg.connect.jdbc.SqlErrors;
import io.herokupg.connect.metrics.TaskObserver;
import io.herokupg.connect.offset.OffsetLoader;
import io.herokupg.connect.offset.SourcePartitionKey;
import io.herokupg.connect.offset.TableOffset;
import io.herokupg.connect.read.PassSnapshots;
import io.herokupg.connect.read.ReaderContext;
import io.herokupg.connect.read.ReaderFactory;
import io.herokupg.connect.read.TableReader;
import io.herokupg.connect.schedule.Backoff;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.schedule.TableScheduler;
import io.herokupg.connect.types.RecordBuilder;

/**
 * The executor: replicates the tables the connector assigned to it. {@link #poll()} picks the next due table,
 * reads one bounded batch of it and returns the records; it never blocks longer than {@link #MAX_IDLE_WAIT}.
 */
public class HerokuPostgresSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(HerokuPostgresSourceTask.class);
    static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(1);
    /** SQLSTATE 42P01: the table was dropped. */
    private static final String UNDEFINED_TABLE = "42P01";

    /** How long stop() waits for a poll in progress to notice that its connections were aborted. */
    static final Duration STOP_WAIT = Duration.ofSeconds(3);
    /** Authentication failures in a row, with fresh credentials fetched each time, before the task gives up. */
    private static final int MAX_AUTHENTICATION_FAILURES = 3;

    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Held by poll(), so that stop() from another thread closes readers only once the poll has returned. */
    private final ReentrantLock polling = new ReentrantLock();

    private TaskConfig config;
    private ConnectionSettings settings;
    private TaskAssignment assignment;
    /** The pool, and the connection of each reader whose pass is in progress (it holds the pass's snapshot). */
    private TaskConnections connections;
    private TableScheduler<TableReader> scheduler;
    private Backoff backoff;
    private long retryAtMs;
    private OutageLog outages;
    private CredentialRefresh credentials;
    /** Metrics, extraction logs and loading reports. */
    private TaskObserver observer;
    /** The threads that read passes' rows ahead of poll() (one per pass in progress). */
    private ExecutorService fetchers;
    /** Tables found dropped, looked for again at each of their passes. */
    private final Set<TableId> missing = new HashSet<>();

    public HerokuPostgresSourceTask() {
        this(Clock.systemUTC());
    }

    HerokuPostgresSourceTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        try {
            config = new TaskConfig(props);
            settings = config.connection();
            assignment = TaskAssignment.decode(config.taskIndex(), config.assignment());
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ConnectException(e.getMessage(), null);
        }
        fetchers = Executors.newCachedThreadPool(daemonThreads("herokupg-task-" + assignment.taskIndex() + "-rows-"));
        connections = new TaskConnections(settings, config.primaryConnection(),
            "herokupg-task-" + assignment.taskIndex(), config.connectionsPerTask());
        // First: connecting takes a while (TLS), and the rest of the start need not wait for it.
        connections.openFirst(fetchers);
        backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 10);
        outages = new OutageLog("Task " + assignment.taskIndex(), clock);
        credentials = new CredentialRefresh(config.herokuCredentials());
        observer = TaskObserver.create(context, config.connectorName().orElse(""), assignment.taskIndex(),
            config.reportsTopic(), clock);
        LOG.info("Task {} replicating {} table(s) from {}", assignment.taskIndex(), assignment.tables().size(),
            settings.describe());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        polling.lock();
        try {
            return pollOnce();
        } finally {
            polling.unlock();
        }
    }

    private List<SourceRecord> pollOnce() throws InterruptedException {
        if (stopped.getCount() == 0) {
            return null;
        }
        long waitMs = retryAtMs - clock.millis();
        if (waitMs > 0) {
            pause(Duration.ofMillis(waitMs));
            return null;
        }
        try {
            if (scheduler == null) {
                scheduler = new TableScheduler<>(createReaders());
                observer.tables(scheduler.readers());
            }
            Optional<TableReader> next = scheduler.next(clock.instant(), connections::available);
            if (next.isEmpty()) {
                pause(scheduler.untilNextDue(clock.instant()));
                return null;
            }
            return read(next.get());
        } catch (SQLException e) {
            onFailure(e);
            return null;
        }
    }

    private List<SourceRecord> read(TableReader reader) throws SQLException {
        TableId table = reader.table();
        try {
            Connection conn = connections.lease(reader);
            observer.beforeRead(reader, conn);
            List<SourceRecord> batch = observer.afterRead(reader,
                reader.read(conn, config.batchMaxRows(table.schema(), table.table())));
            backoff.onSuccess();
            credentials.onSuccess();
            outages.succeeded(table.toString());
            if (missing.remove(table)) {
                LOG.info("Task {}: table {} exists again", assignment.taskIndex(), table);
            }
            if (!reader.inPass()) {
                connections.release(reader);
            }
            return batch.isEmpty() ? null : batch;
        } catch (SQLException e) {
            if (SqlErrors.classify(e) != SqlErrors.Kind.TABLE) {
                throw e;
            }
            onTableFailure(reader, e);
            return null;
        }
    }

    /**
     * A failure of one table that retrying will not fix (SQLSTATE class 42): the table stops being read and the
     * others go on, or the task fails, as table.failure.policy says. A dropped table is always just dropped: the
     * connector's next discovery reassigns the rest.
     */
    private void onTableFailure(TableReader reader, SQLException e) {
        TableId table = reader.table();
        if (UNDEFINED_TABLE.equals(e.getSQLState())) {
            // Dropped since the plan was made. It may be created again (a restore, a rebuild): its turn comes back at
            // its next pass, when a table of that name is read afresh; else the connector's next discovery reassigns
            // the task's tables without it.
            if (missing.add(table)) {
                LOG.warn("Task {}: table {} no longer exists; it is looked for again at each of its passes (a table"
                    + " created under its name starts afresh)", assignment.taskIndex(), table);
            }
            observer.failed(e);
            reader.abort();
            reader.absent();
            connections.release(reader);
            return;
        } else if (config.tableFailurePolicy() == ResilienceFragment.TableFailurePolicy.FAIL) {
            throw new ConnectException("Task " + assignment.taskIndex() + ": reading table " + table + " failed: "
                + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "); " + ResilienceFragment.TABLE_FAILURE_POLICY
                + "=fail, so the task fails", e);
        } else {
            observer.failed(e);
            LOG.error("Task {}: table {} FAILED and is skipped until the task restarts: {} (SQLSTATE {}). The"
                + " task's other tables go on ({}=skip)", assignment.taskIndex(), table, e.getMessage(),
                e.getSQLState(), ResilienceFragment.TABLE_FAILURE_POLICY);
        }
        reader.close();
        scheduler = scheduler.without(reader);
        connections.release(reader);
    }

    /** Waits up to the given time, or {@link #MAX_IDLE_WAIT}, or until the task is stopped. */
    private void pause(Duration duration) throws InterruptedException {
        long millis = Math.min(duration.toMillis(), MAX_IDLE_WAIT.toMillis());
        if (millis > 0) {
            stopped.await(millis, TimeUnit.MILLISECONDS);
        }
    }

    private List<TableReader> createReaders() throws SQLException {
        Set<TableId> assigned = Set.copyOf(assignment.tables());
        ColumnSelection columns = config.columnSelection();
        List<TableInfo> tables;
        try (Connection conn = connections.connect()) {
            tables = PgCatalog.discover(conn, config.tableTypes(), assigned::contains).stream()
                .map(t -> CatalogFilter.selectColumns(t, columns))
                .toList();
            // Not in a finally block: after a lost connection, the pool has closed it, and rollback() would throw
            // "Connection is closed" (no SQLSTATE, so fatal) in place of the retriable failure. Closing the
            // connection ends the transaction of a failed discovery.
            conn.rollback();
        }
        if (tables.size() < assigned.size()) {
            List<TableId> missing = new ArrayList<>(assigned);
            tables.forEach(t -> missing.remove(t.id()));
            LOG.warn("Task {}: table(s) {} no longer exist or are no longer readable; skipping them",
                assignment.taskIndex(), missing);
        }
        Map<TableId, TableOffset> offsets = OffsetLoader.load(context.offsetStorageReader(), settings.database(),
            assignment.tables());
        List<TableReader> readers = new ArrayList<>(tables.size());
        ReaderContext readerContext = new ReaderContext(clock, config.typeHandling().headers(), this::builder,
            fetchers, new PassSnapshots(connections.primary()));
        for (TableInfo table : tables) {
            Map<String, Object> partition = new SourcePartitionKey(settings.database(), table.id()).toMap();
            String schema = table.id().schema();
            String name = table.id().table();
            try {
                readers.add(ReaderFactory.create(new RecordBuilder(table, config.topicPrefix(), config.typeHandling()),
                    config.replication(schema, name), partition, PassSchedule.of(config.schedule(schema, name)),
                    readerContext, Optional.ofNullable(offsets.get(table.id()))));
            } catch (IllegalArgumentException e) {
                throw new ConnectException(e.getMessage(), null);
            }
        }
        return readers;
    }

    /** The record builder of a table as the catalog describes it now (after an ALTER TABLE). */
    private Optional<RecordBuilder> builder(Connection conn, TableId table) throws SQLException {
        return PgCatalog.discover(conn, config.tableTypes(), table::equals).stream().findFirst()
            .map(t -> new RecordBuilder(CatalogFilter.selectColumns(t, config.columnSelection()),
                config.topicPrefix(), config.typeHandling()));
    }

    /**
     * A failed read: retriable failures (connection loss, server shutdown, too many connections…) drop the
     * connection and any open stream of rows, keep every position, and back off; others fail the task with a message.
     */
    private void onFailure(SQLException e) {
        boolean notConnected = connections.connectFailed();
        if (observer != null) {
            observer.failed(e);
        }
        if (scheduler != null) {
            scheduler.readers().forEach(TableReader::abort);
        }
        connections.releaseAll();
        if (stopped.getCount() == 0) {
            return;
        }
        SqlErrors.Kind kind = SqlErrors.classify(e);
        if (kind == SqlErrors.Kind.AUTHENTICATION) {
            onAuthenticationFailure(e);
            return;
        }
        if (kind != SqlErrors.Kind.RETRIABLE || backoff.exhausted()) {
            throw new ConnectException(notConnected
                ? SqlErrors.describeConnectFailure(e, settings)
                : "Replication from " + settings.describe() + " failed: " + e.getMessage(), e);
        }
        Duration wait = backoff.onFailure();
        retryAtMs = clock.millis() + wait.toMillis();
        outages.failed(assignment.tables().stream().map(TableId::toString).toList(), e, wait);
    }

    /**
     * The server refused the credentials (28P01/28000), as after {@code heroku pg:credentials:rotate}: with
     * heroku.app set, fetch the current database URL from the Platform API and reconnect with it; else, or when
     * fresh credentials are refused too, fail with a message that says what to do.
     */
    private void onAuthenticationFailure(SQLException e) {
        Optional<TaskConfig> fresh = credentials.refresh(config, settings, assignment.taskIndex());
        if (fresh.isPresent()) {
            config = fresh.get();
            settings = config.connection();
            connections.reconnect(settings, config.primaryConnection());
            retryAtMs = clock.millis();
            return;
        }
        if (credentials.canRetry(MAX_AUTHENTICATION_FAILURES)) {
            Duration wait = backoff.onFailure();
            retryAtMs = clock.millis() + wait.toMillis();
            outages.failed(assignment.tables().stream().map(TableId::toString).toList(), e, wait);
            return;
        }
        throw new ConnectException(SqlErrors.describeConnectFailure(e, settings) + ". " + credentials.advice(), e);
    }

    /**
     * Stops promptly even while a query runs or the network stalls: the task's connections are aborted first (their
     * sockets closed, from this thread), so that a poll in progress on another thread fails at once and returns.
     * Recent workers call stop() on the task's own thread after its last poll(); then there is nothing to abort.
     */
    @Override
    public void stop() {
        stopped.countDown();
        if (connections == null) {
            return;
        }
        connections.abortAll();
        boolean locked = false;
        try {
            locked = polling.tryLock(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (locked) {
                if (scheduler != null) {
                    scheduler.readers().forEach(TableReader::close);
                }
                connections.releaseAll();
            }
        } finally {
            if (locked) {
                polling.unlock();
            }
            connections.close();
            fetchers.shutdownNow();
            if (observer != null) {
                observer.close();
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
