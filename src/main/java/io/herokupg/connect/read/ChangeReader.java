/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.PgActivity;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.Snapshots;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.types.CopyRow;
import io.herokupg.connect.types.RecordBuilder;

/**
 * What INCREMENTAL and XMIN share: passes that emit the row versions not visible in the previous pass's snapshot
 * (the fence), in the order of a position ((key or transaction id), primary key…), resumable after any row.
 *
 * <p>A pass opens a {@code REPEATABLE READ READ ONLY} transaction and records its snapshot. It reads, through a
 * {@link CopyStream}, the rows in its range (the subclass's) that were not visible in the fence. A first pass (no
 * fence yet) of a table with a primary key reads in primary-key order, which needs no sort of the whole table; its
 * offsets say so and name the primary key alone, and an INCREMENTAL one ends by asking the highest key it emitted
 * (the mark later passes need). If the pass is
 * interrupted, it resumes in a new transaction with the rows after its last position that were visible in its own
 * snapshot, so that it emits exactly what it would have; rows committed since are left to the next pass. When it
 * ends, its snapshot becomes the fence. Row versions are told apart by {@code xmin}, extended to 64 bits from the
 * snapshot's {@code xmax}: a version written by a transaction more than 2^31 ids before the fence (frozen rows) may
 * be taken for a recent one and emitted again, never skipped, and a fence older than 2^31 transactions is dropped
 * with a warning (the range is then re-read whole). A snapshot's text does not list the subtransactions of the
 * transactions it saw running (it would report them as visible): right after taking it, the pass reads the
 * transaction ids every running transaction holds a lock on ({@code pg_locks}) and adds their subtransactions to
 * the snapshot's running list. A transaction that ended in between cannot be read; once it has ended, the next pass
 * also emits the row versions with an id after its own (duplicates, not gaps). See docs/design.md.
 */
abstract class ChangeReader implements TableReader {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeReader.class);
    /** Marks of the history kept in the offset. */
    static final int MAX_HISTORY = 16;

    RecordBuilder builder;
    private final Map<String, Object> partition;
    private final PassSchedule schedule;
    private final Clock clock;
    private final MetadataHeaders headers;
    private final ShapeWatcher shape;
    private final Executor fetchers;
    private final CopyRow row = new CopyRow();

    // Position: equal to the offset of the last record returned (or a later one reached without a row to return).
    private ChangeOffset position;
    private Instant nextDue;

    // Open stream of rows, while a pass is being read.
    private CopyStream stream;
    private Positions positions;
    /** The xmax of the snapshot of the transaction the stream reads in. */
    private long xmax;
    /** Whether the connection's transaction is the one whose snapshot is the pass's. */
    private boolean inPassTransaction;
    private long passRows;
    private long batchBytes;
    private String lastQuery;

    ChangeReader(RecordBuilder builder, Map<String, Object> partition, PassSchedule schedule, Clock clock,
                 boolean headers, BuilderSource builders, Executor fetchers, ChangeOffset start) {
        this.builder = builder;
        this.fetchers = fetchers;
        this.shape = new ShapeWatcher(builders);
        this.headers = new MetadataHeaders(headers, start.method(), builder.table().id());
        this.partition = partition;
        this.schedule = schedule;
        this.clock = clock;
        this.position = start;
        this.nextDue = schedule.first(clock.instant());
        if (start.pass().isPresent()) {
            LOG.info("Table {}: resuming the {} pass started at {}", table(), start.method(),
                Instant.ofEpochMilli(start.passStartedMs()));
        } else if (start.fence().isPresent()) {
            nextDue = schedule.next(Instant.ofEpochMilli(start.passStartedMs()));
            LOG.info("Table {}: last {} pass started at {}; next pass due at {}", table(), start.method(),
                Instant.ofEpochMilli(start.passStartedMs()), nextDue);
        }
    }

    /** Whether the position's first value is a replication key (else a transaction id). */
    abstract boolean keyed();

    /** The SQL expression of the position's first value: the replication key, or the 64-bit transaction id. */
    abstract String leadExpression(String xid);

    /** The SQL type of the position's first value, to cast the bound text to. */
    abstract String leadType();

    /** Conditions that bound the pass's range, values written as literals. */
    abstract List<String> rangeConditions();

    /**
     * Runs before the pass's snapshot is taken, in autocommit mode: returns the time no transaction still to commit
     * started before (µs, server clock), if the method bounds its re-read range by time.
     */
    abstract OptionalLong horizon(Connection connection) throws SQLException;

    ChangeOffset position() {
        return position;
    }

    void position(ChangeOffset newPosition) {
        position = newPosition;
    }

    /** Whether rows carry {@code xmin}; a view's do not, so it can have no fence. */
    boolean versioned() {
        return builder.table().hasRowVersions();
    }

    @Override
    public TableId table() {
        return builder.table().id();
    }

    @Override
    public boolean inPass() {
        return position.pass().isPresent();
    }

    @Override
    public String method() {
        return position.method();
    }

    @Override
    public boolean fullRead() {
        return ChangeViews.fullRead(position);
    }

    @Override
    public String positionSummary() {
        return ChangeViews.summary(position, inPass());
    }

    @Override
    public Instant nextDue() {
        return nextDue;
    }

    @Override
    public List<SourceRecord> read(Connection connection, int maxRows) throws SQLException {
        prepare(connection);
        List<SourceRecord> batch = new ArrayList<>(Math.min(maxRows, 4096));
        long extractedAt = clock.millis();
        // The pass's state is the same for every row of the batch: encoded once, each row adding its position.
        Function<List<String>, Map<String, Object>> offsets = position.mapsWithLast();
        boolean keyHeader = keyed() && headers.enabled();
        ChangeOffset completed = null;
        List<String> lastPosition = null;
        long bytes = 0;
        long deadline = System.nanoTime() + CopyStream.FIRST_ROW_WAIT.toNanos();
        byte[] message;
        // Waits for the first row only: then takes what has arrived, so that records leave as soon as they can.
        while (batch.size() < maxRows && (message = stream.next(deadline, batch.isEmpty())) != null) {
            row.parse(message, positions.fieldCount());
            Struct value = builder.value(row);
            List<String> rowPosition = positions.of(row, value);
            lastPosition = rowPosition;
            if (stream.exhausted()) {
                completed = completed(connection, position.withLast(rowPosition));
            }
            Map<String, Object> offset = completed != null ? completed.toMap() : offsets.apply(rowPosition);
            batch.add(headers.add(builder.toRecord(value, partition, offset), extractedAt,
                keyHeader ? positions.lead(row) : null));
            bytes += row.bytes();
        }
        // As in FullTableReader: the position moves only once the whole batch is certain to be returned.
        if (lastPosition != null) {
            position = position.withLast(lastPosition);
        }
        passRows += batch.size();
        batchBytes = bytes;
        if (stream.exhausted()) {
            finishPass(connection, completed != null ? completed : completed(connection, position));
        }
        return batch;
    }

    /** Begins a pass if none is in progress, and opens its stream of rows if none is open. */
    private void prepare(Connection connection) throws SQLException {
        if (!inPass()) {
            beginPass(connection);
        }
        if (stream == null) {
            openStream(connection);
        }
    }

    @Override
    public long batchBytes() {
        return batchBytes;
    }

    /** The position once the pass's last row (the last of {@code done}) is emitted. */
    private ChangeOffset completed(Connection connection, ChangeOffset done) throws SQLException {
        ChangeOffset.Pass pass = done.pass().orElseThrow();
        if (keyed() && pass.primaryKeyOrder()) {
            return done.completed(new ChangeQuery(this, xmax, pass).highestKey(connection), true, MAX_HISTORY);
        }
        return done.completed(keyed(), MAX_HISTORY);
    }

    /**
     * The table changed shape: read it with its new columns. A new primary key cannot continue the old order, so a
     * pass in progress restarts from its beginning (within the same snapshot).
     */
    void rebuild(RecordBuilder rebuilt) {
        if (!rebuilt.table().primaryKey().equals(builder.table().primaryKey()) && position.pass().isPresent()) {
            ChangeOffset.Pass pass = position.pass().orElseThrow();
            if (pass.last().isPresent()) {
                LOG.warn("Table {}: its primary key changed during a pass; the pass's rows are read again", table());
            }
            // Without a primary key, the pass reads in position order.
            position = position.withPass(position.passStartedMs(), new ChangeOffset.Pass(pass.snapshot(),
                pass.micros(), pass.nextLow(), Optional.empty(), pass.watermark(),
                pass.primaryKeyOrder() && !rebuilt.table().primaryKey().isEmpty()));
        }
        builder = rebuilt;
    }

    private void checkShape(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        Optional<RecordBuilder> rebuilt = shape.check(connection, builder);
        if (rebuilt.isPresent()) {
            rebuild(rebuilt.get());
        }
    }

    private void beginPass(Connection connection) throws SQLException {
        checkShape(connection);
        OptionalLong horizon = horizon(connection);
        Optional<String> nextLow = Optional.empty();
        if (horizon.isPresent()) {
            position = position.withHorizon(horizon.getAsLong());
            nextLow = position.lowFor(horizon.getAsLong());
        }
        PassTransactions.Snapshot taken = PassTransactions.begin(connection);
        String snapshot = taken.text();
        OptionalLong watermark = OptionalLong.empty();
        if (versioned()) {
            // Never below the fence's: a transaction the fence saw without subtransactions can only start some
            // after it, with ids from the fence's xmax on.
            long own = PgActivity.oldestWithSubtransactions(connection, Snapshots.running(snapshot))
                .orElseGet(() -> Snapshots.parse(snapshot).xmax());
            watermark = OptionalLong.of(Math.max(own, position.effectiveFenceWatermark().orElse(own)));
        }
        // A first pass emits every row its snapshot sees: primary-key order needs no sort of the whole table.
        boolean primaryKeyOrder = versioned() && position.fence().isEmpty()
            && !builder.table().primaryKey().isEmpty();
        position = position.withPass(clock.millis(), new ChangeOffset.Pass(snapshot, taken.micros(), nextLow,
            Optional.empty(), watermark, primaryKeyOrder));
        inPassTransaction = true;
        passRows = 0;
        LOG.debug("Table {}: starting a {} pass (snapshot {}, re-read from {}, next re-read from {})", table(),
            position.method(), snapshot, position.low().orElse("the start"), nextLow.orElse("the start"));
    }

    private void openStream(Connection connection) throws SQLException {
        ChangeOffset.Pass pass = position.pass().orElseThrow();
        if (inPassTransaction) {
            xmax = Snapshots.parse(pass.snapshot()).xmax();
        } else {
            checkShape(connection);
            pass = position.pass().orElseThrow();
            xmax = PassTransactions.begin(connection).xmax();
            LOG.info("Table {}: continuing the {} pass started at {} in a new transaction", table(),
                position.method(), Instant.ofEpochMilli(position.passStartedMs()));
        }
        if (keyed() && versioned() && new ChangeQuery(this, xmax, pass).delayed(connection)) {
            // Rows this pass may not emit yet lie in its range: the range must not move past them.
            pass = pass.withNextLow(position.low());
            position = position.withPass(position.passStartedMs(), pass);
        }
        int width = positionsOf(pass).width();
        if (pass.last().filter(l -> l.size() != width).isPresent()) {
            LOG.warn("Table {}: the stored position of the pass in progress does not fit the table's primary key; the"
                + " pass's rows are read again", table());
            pass = pass.restarted();
            position = position.withPass(position.passStartedMs(), pass);
        }
        String sql = query(xmax, pass);
        LOG.debug("Table {}: {}", table(), sql);
        stream = CopyStream.open(connection, sql, fetchers, table());
    }

    /** Where a pass finds its rows' positions (and, for headers, their replication key). */
    private Positions positionsOf(ChangeOffset.Pass pass) {
        return Positions.of(builder, Optional.of(leadExpression(ChangeQuery.xid64(xmax))), !pass.primaryKeyOrder(),
            keyed() && headers.enabled());
    }

    /** The pass's query; visible to tests, which check its plan. */
    String query(long snapshotXmax, ChangeOffset.Pass pass) {
        xmax = snapshotXmax;
        positions = positionsOf(pass);
        lastQuery = new ChangeQuery(this, snapshotXmax, pass).sql(positions.selected());
        return lastQuery;
    }

    Optional<String> fence() {
        return position.fence();
    }

    OptionalLong fenceWatermark() {
        return position.effectiveFenceWatermark();
    }

    boolean inPassTransaction() {
        return inPassTransaction;
    }

    private void finishPass(Connection connection, ChangeOffset completed) {
        closeStream();
        position = completed;
        inPassTransaction = false;
        nextDue = schedule.next(Instant.ofEpochMilli(position.passStartedMs()));
        if (passRows > 0) {
            LOG.debug("Table {}: {} pass complete after {} ms, {} rows; next pass due at {}", table(),
                position.method(), clock.millis() - position.passStartedMs(), passRows, nextDue);
        } else {
            LOG.debug("Table {}: {} pass found no changes; next pass due at {}", table(), position.method(),
                nextDue);
        }
        PassTransactions.end(connection, table());
    }

    @Override
    public Optional<String> query() {
        return Optional.ofNullable(lastQuery);
    }

    @Override
    public void abort() {
        closeStream();
        inPassTransaction = false;
    }

    @Override
    public void close() {
        closeStream();
    }

    private void closeStream() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }
}
