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
import java.util.LinkedHashSet;
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
import java.util.stream.Collectors;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.assign.TaskAssignment;
import io.herokupg.connect.batch.Batch;
import io.herokupg.connect.catalog.TableDiscovery;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.ConnectionSettings;
import io.herokupg.connect.config.ReplicationMethod;
import io.herokupg.connect.config.TaskConfig;
import io.herokupg.connect.jdbc.SqlErrors;
import io.herokupg.connect.metrics.TaskObserver;
import io.herokupg.connect.offset.OffsetLoader;
import io.herokupg.connect.offset.SourcePartitionKey;
import io.herokupg.connect.offset.SplitLoad;
import io.herokupg.connect.offset.SplitOffsets;
import io.herokupg.connect.offset.SplitPartitionKey;
import io.herokupg.connect.offset.TableOffset;
import io.herokupg.connect.read.PassSnapshots;
import io.herokupg.connect.read.CaptureLogs;
import io.herokupg.connect.read.ReaderContext;
import io.herokupg.connect.read.ReaderFactory;
import io.herokupg.connect.read.TableContext;
import io.herokupg.connect.read.TableReader;
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

    /** How long stop() waits for a poll in progress to notice that its connections were aborted. */
    static final Duration STOP_WAIT = Duration.ofSeconds(3);

    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Held by poll(), so that stop() from another thread closes readers only once the poll has returned. */
    private final ReentrantLock polling = new ReentrantLock();

    private TaskConfig config;
    private ConnectionSettings settings;
    private TaskAssignment assignment;
    /** The split loads in progress whose ranges this task reads. */
    private Map<TableId, SplitLoad> splits = Map.of();
    /** The pool, and the connection of each reader whose pass is in progress (it holds the pass's snapshot). */
    private TaskConnections connections;
    /** The task's readers, once its tables were discovered (in start(), or after an outage by poll()). */
    private TableScheduler<TableReader> scheduler;
    private TaskFailures failures;
    /** Finds the task's tables, and one table's new shape. */
    private TableDiscovery discovery;
    /** Metrics, extraction logs and loading reports. */
    private TaskObserver observer;
    /** The threads that read passes' rows ahead of poll() (one per pass in progress). */
    private ExecutorService fetchers;
    private CaptureLogs captureLogs;
    /** The task's CAPTURE tables, whose committed positions say what of the capture log may be pruned. */
    private volatile List<TableId> captured = List.of();

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

    /**
     * Reads the task's configuration, opens its connection pool and builds its readers: discovers its tables and
     * loads their offsets. A database that cannot be reached now does not fail the start: poll() tries again, backing
     * off, as after any outage; any other problem building them is met again, and reported, by the first poll().
     */
    @Override
    public void start(Map<String, String> props) {
        config = TaskConfig.of(props);
        settings = config.connection();
        try {
            assignment = TaskAssignment.decode(config.taskIndex(), config.assignment());
            splits = SplitLoad.decode(config.splits()).stream().collect(Collectors.toMap(SplitLoad::table, l -> l));
        } catch (IllegalArgumentException e) {
            throw new ConnectException(e.getMessage(), null);
        }
        discovery = new TableDiscovery(config.discovery());
        captureLogs = new CaptureLogs(config.capture());
        fetchers = Executors.newCachedThreadPool(daemonThreads("herokupg-task-" + assignment.taskIndex() + "-rows-"));
        connections = new TaskConnections(settings, config.primaryConnection(),
            "herokupg-task-" + assignment.taskIndex(), config.connectionsPerTask());
        observer = TaskObserver.create(context, config.connectorName().orElse(""), assignment.taskIndex(),
            config.reportsTopic(), clock);
        observer.tables(tablesRead());
        failures = new TaskFailures(config, settings, assignment, clock, connections, observer, this::reconfigure);
        LOG.info("Task {} replicating {} table(s) from {}", assignment.taskIndex(), assignment.tables().size(),
            settings.describe());
        try {
            createReaders();
        } catch (SQLException | ConnectException e) {
            if (e instanceof SQLException sql && SqlErrors.classify(sql) == SqlErrors.Kind.RETRIABLE) {
                // The database cannot be reached now: poll() tries again once the back-off has passed.
                failures.failed(Optional.empty(), sql, List.of(), false);
            } else {
                // Another failure, or a table the task cannot read as configured (a column type with no mapping):
                // poll() meets it again and reports it.
                LOG.debug("Task {}: its readers could not be built at start ({}); poll() tries again and reports it",
                    assignment.taskIndex(), e.getMessage());
            }
        }
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

    /** Choose a table, read a batch of it, observe the batch, append its loading report, return its records. */
    private List<SourceRecord> pollOnce() throws InterruptedException {
        if (stopped.getCount() == 0) {
            return null;
        }
        Duration backOff = failures.untilRetry();
        if (!backOff.isZero()) {
            pause(backOff);
            return null;
        }
        TableReader reader = null;
        try {
            if (scheduler == null) {
                createReaders();
            }
            Optional<TableReader> next = scheduler.next(clock.instant(), connections::available);
            if (next.isEmpty()) {
                pause(scheduler.untilNextDue(clock.instant()));
                return null;
            }
            reader = next.get();
            TableId table = reader.table();
            Batch batch = reader.read(connections.lease(reader), config.batchMaxRows(table.schema(), table.table()));
            Optional<SourceRecord> report = observer.observe(batch);
            Optional<Map.Entry<Map<String, Object>, Map<String, Object>>> started = reader.startedNow();
            if (started.isPresent()) {
                report = observer.startedNow(batch, started.get().getKey(), started.get().getValue());
            }
            failures.succeeded(table);
            if (!reader.inPass()) {
                connections.release(reader);
            }
            return records(batch, report);
        } catch (SQLException e) {
            onFailure(reader, e);
            return null;
        }
    }

    /** The batch's records, then the loading report of the pass it ended, if any; null when there are none. */
    private static List<SourceRecord> records(Batch batch, Optional<SourceRecord> report) {
        if (report.isEmpty()) {
            return batch.records().isEmpty() ? null : batch.records();
        }
        List<SourceRecord> records = new ArrayList<>(batch.records().size() + 1);
        records.addAll(batch.records());
        records.add(report.get());
        return records;
    }

    private void onFailure(TableReader reader, SQLException e) {
        if (reader != null && SqlErrors.classify(e) == SqlErrors.Kind.TABLE) {
            if (failures.tableFailed(reader, e)) {
                scheduler = scheduler.without(reader);
            }
            return;
        }
        failures.failed(Optional.ofNullable(reader).map(TableReader::table), e,
            scheduler == null ? List.of() : scheduler.readers(), stopped.getCount() == 0);
    }

    /** Waits up to the given time, or {@link #MAX_IDLE_WAIT}, or until the task is stopped. */
    private void pause(Duration duration) throws InterruptedException {
        long millis = Math.min(duration.toMillis(), MAX_IDLE_WAIT.toMillis());
        if (millis > 0) {
            stopped.await(millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Discovers the task's tables and builds their readers, from their stored offsets. */
    private void createReaders() throws SQLException {
        Set<TableId> assigned = Set.copyOf(tablesRead());
        List<TableInfo> tables;
        try (Connection conn = connections.connect()) {
            tables = discovery.discover(conn, assigned::contains);
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
            observer.notFound(missing);
        }
        Map<TableId, TableOffset> offsets = OffsetLoader.load(context.offsetStorageReader(), settings.database(),
            assignment.tables());
        // A table whose split load is complete and that has no position of its own since: the load's.
        SplitOffsets.complete(context.offsetStorageReader(), settings.database(), assignment.tables())
            .forEach((id, s) -> s.after(Optional.ofNullable(offsets.get(id))).ifPresent(o -> offsets.put(id, o)));
        ReaderContext readerContext = new ReaderContext(clock, config.typeHandling().headers(), this::builder,
            fetchers, new PassSnapshots(connections.primary()), captureLogs);
        captured = tables.stream().map(TableInfo::id)
            .filter(id -> config.replication(id.schema(), id.table()).method() == ReplicationMethod.CAPTURE).toList();
        List<TableReader> readers = new ArrayList<>(tables.size());
        for (TableInfo table : tables) {
            TableId id = table.id();
            if (!assignment.tables().contains(id)) {
                continue;
            }
            try {
                readers.add(ReaderFactory.create(new TableContext(builderOf(table),
                    config.replication(id.schema(), id.table()),
                    new SourcePartitionKey(settings.database(), id).toMap(),
                    PassSchedule.of(config.schedule(id.schema(), id.table())),
                    Optional.ofNullable(offsets.get(id)), config.start(id.schema(), id.table())), readerContext));
            } catch (IllegalArgumentException e) {
                throw new ConnectException(e.getMessage(), null);
            }
        }
        readers.addAll(rangeReaders(tables, readerContext));
        scheduler = new TableScheduler<>(readers);
        readers.forEach(r -> observer.restored(r.table(), r.state()));
    }

    /** The tables the task reads: its own, and those it reads a range of. */
    private List<TableId> tablesRead() {
        Set<TableId> tables = new LinkedHashSet<>(assignment.tables());
        assignment.ranges().forEach(r -> tables.add(r.table()));
        return List.copyOf(tables);
    }

    /** The readers of the task's ranges of split loads, from the ranges' stored positions. */
    private List<TableReader> rangeReaders(List<TableInfo> tables, ReaderContext readerContext) {
        List<TableReader> readers = new ArrayList<>();
        Map<TableId, SplitOffsets.State> stored = SplitOffsets.newest(context.offsetStorageReader(),
            settings.database(), assignment.ranges().stream().map(TaskAssignment.Range::table).distinct().toList());
        for (TaskAssignment.Range range : assignment.ranges()) {
            Optional<TableInfo> table = tables.stream().filter(t -> t.id().equals(range.table())).findFirst();
            SplitLoad load = splits.get(range.table());
            if (table.isEmpty() || load == null) {
                continue;
            }
            TableId id = range.table();
            Map<String, Object> partition = new SplitPartitionKey(settings.database(), id, range.index()).toMap();
            Optional<TableOffset> position = Optional.ofNullable(stored.get(id))
                .map(s -> s.ranges().get(range.index()));
            try {
                readers.add(ReaderFactory.createRange(new TableContext(builderOf(table.get()),
                    config.replication(id.schema(), id.table()), partition, PassSchedule.once(), position,
                    config.start(id.schema(), id.table())), load, range.index(), readerContext));
            } catch (IllegalArgumentException e) {
                throw new ConnectException(e.getMessage(), null);
            }
        }
        return readers;
    }


    private RecordBuilder builderOf(TableInfo table) {
        return new RecordBuilder(table, config.topicPrefix(), config.typeHandling());
    }

    /** The record builder of a table as the catalog describes it now (after an ALTER TABLE). */
    private Optional<RecordBuilder> builder(Connection conn, TableId table) throws SQLException {
        return discovery.describe(conn, table).map(this::builderOf);
    }

    /** Fresh credentials (Heroku's): the task's connections use them from now on. */
    private void reconfigure(TaskConfig fresh) {
        config = fresh;
        settings = config.connection();
        connections.reconnect(settings, config.primaryConnection());
    }

    /**
     * Connect has committed the offsets of the records polled so far: their positions, read back from the offset
     * storage, say which entries of the capture log CAPTURE tables no longer need (pruned before their next pass).
     */
    @Override
    public void commit() {
        List<TableId> tables = captured;
        if (tables.isEmpty()) {
            return;
        }
        try {
            OffsetLoader.load(context.offsetStorageReader(), settings.database(), tables)
                .forEach(captureLogs::committed);
        } catch (RuntimeException e) {
            LOG.warn("Task {}: reading the committed positions back failed ({}); the capture log is pruned later",
                assignment.taskIndex(), e.getMessage());
        }
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
