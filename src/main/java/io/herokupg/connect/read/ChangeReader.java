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

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.TableIdentity;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.types.CopyRow;
import io.herokupg.connect.types.RecordBuilder;

/**
 * What INCREMENTAL and XMIN share: passes that emit the row versions not visible in the previous pass's snapshot
 * (the fence), in the order of a position ((key or transaction id), primary key…), resumable after any row; what
 * differs is the method's ({@link ChangeMethod}).
 *
 * <p>A pass takes a snapshot ({@link PassSnapshots}: its own {@code REPEATABLE READ READ ONLY} transaction on a
 * primary; on a follower, its primary's) and reads, through a {@link CopyStream}, the rows of its range the fence did
 * not see ({@link ChangeQuery}). A first pass (no fence yet) of a table with a primary key reads in primary-key order,
 * which needs no sort of the whole table; its offsets say so. When the rows are read in a later snapshot than the
 * pass's (a pass resumed in a new transaction, or any pass on a follower), the pass emits the row versions its own
 * snapshot saw, and those the next pass would not read ({@link ChangeMethod#beyondNextPass}). When a pass ends, its
 * snapshot becomes the fence. A fence the database's history no longer holds is dropped. See docs/design.md.
 */
abstract class ChangeReader implements TableReader, ChangeMethod {
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
    private final PassSnapshots snapshots;
    private final CopyRow row = new CopyRow();

    // Position: equal to the offset of the last record returned (or a later one reached without a row to return).
    private ChangeOffset position;
    private Instant nextDue;

    // Open stream of rows, while a pass is being read.
    private CopyStream stream;
    private Positions positions;
    /** The xmax of the snapshot of the transaction the stream reads in. */
    private long xmax;
    /** Whether the connection has a transaction open for the pass's rows (else one is opened to resume it). */
    private boolean readOpen;
    /** Whether that transaction's snapshot is the pass's own (else a later one: a resumed pass, a follower). */
    private boolean readsPassSnapshot;
    private long passRows;
    private long batchBytes;
    private String lastQuery;
    private OptionalLong replayLagMs = OptionalLong.empty();
    private boolean waitingForFollower;
    /** Whether the table was found missing: no pass is in progress until its next turn. */
    private boolean absent;

    ChangeReader(RecordBuilder builder, Map<String, Object> partition, PassSchedule schedule, ReaderContext context,
                 ChangeOffset start) {
        this.builder = builder;
        this.fetchers = context.fetchers();
        this.snapshots = context.snapshots();
        this.shape = new ShapeWatcher(context.builders());
        this.headers = new MetadataHeaders(context.headers(), start.method(), builder.table().id());
        this.partition = partition;
        this.schedule = schedule;
        this.clock = context.clock();
        this.position = start.withIdentity(TableIdentity.of(builder.table()));
        this.nextDue = ChangeViews.firstDue(table(), start, schedule, clock.instant());
    }

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
        return position.pass().isPresent() && !absent;
    }

    @Override
    public void absent() {
        absent = true;
        nextDue = schedule.next(clock.instant());
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
    public OptionalLong replayLagMs() {
        return replayLagMs;
    }

    @Override
    public List<SourceRecord> read(Connection connection, int maxRows) throws SQLException {
        return prepare(connection) ? readBatch(connection, maxRows) : List.of();
    }

    private List<SourceRecord> readBatch(Connection connection, int maxRows) throws SQLException {
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

    /**
     * Begins a pass if none is in progress, and opens its stream of rows if none is open. False when a follower has
     * not yet replayed up to the pass's snapshot: the table gets its turn again later.
     */
    private boolean prepare(Connection connection) throws SQLException {
        absent = false;
        if (!inPass() && !beginPass(connection)) {
            return false;
        }
        return stream != null || openStream(connection);
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
     * pass in progress restarts from its beginning (within the same snapshot). A table dropped and created again
     * under the same name (another OID) is another table: it starts afresh.
     */
    void rebuild(RecordBuilder rebuilt) {
        if (builder.table().relid() != 0 && rebuilt.table().relid() != builder.table().relid()) {
            LOG.warn("Table {} was dropped and created again (OID {}, now {}): the stored position was the old"
                + " table's; it starts afresh with a full pass", table(), builder.table().relid(),
                rebuilt.table().relid());
            builder = rebuilt;
            closeStream();
            readOpen = false;
            position = ChangeOffset.initial(position.method(), position.keyColumn())
                .withIdentity(TableIdentity.of(rebuilt.table()));
            return;
        }
        if (!rebuilt.table().primaryKey().equals(builder.table().primaryKey()) && position.pass().isPresent()) {
            ChangeOffset.Pass pass = position.pass().orElseThrow();
            if (pass.last().isPresent()) {
                LOG.warn("Table {}: its primary key changed during a pass; the pass's rows are read again", table());
            }
            // Without a primary key, the pass reads in position order.
            position = position.withPass(position.passStartedMs(),
                pass.inOrder(pass.primaryKeyOrder() && !rebuilt.table().primaryKey().isEmpty()));
        }
        builder = rebuilt;
        position = position.withIdentity(TableIdentity.of(rebuilt.table()));
    }

    private void checkShape(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        shape.check(connection, builder).ifPresent(this::rebuild);
    }

    private void checkShape(Connection connection, Optional<String> fingerprint) throws SQLException {
        shape.check(connection, builder, fingerprint).ifPresent(this::rebuild);
    }

    private boolean beginPass(Connection connection) throws SQLException {
        Optional<PassSnapshots.Begun> taken = snapshot(connection);
        if (taken.isEmpty()) {
            if (!waitingForFollower) {
                LOG.info("Table {}: the follower has not yet replayed up to its primary's snapshot; the pass begins"
                    + " once it has", table());
            }
            waitingForFollower = true;
            nextDue = clock.instant().plus(PassSnapshots.FOLLOWER_RETRY);
            return false;
        }
        PassSnapshots.Begun begun = taken.get();
        position = PassSnapshots.trusted(position, begun.source(), table());
        waitingForFollower = false;
        Optional<String> nextLow = nextLow(begun.look());
        OptionalLong watermark = versioned() ? begun.watermark(position.effectiveFenceWatermark())
            : OptionalLong.empty();
        // A first pass emits every row its snapshot sees: primary-key order needs no sort of the whole table.
        boolean primaryKeyOrder = versioned() && position.fence().isEmpty()
            && !builder.table().primaryKey().isEmpty();
        position = position.withPass(clock.millis(), new ChangeOffset.Pass(begun.snapshot(), begun.micros(), nextLow,
            Optional.empty(), watermark, primaryKeyOrder, Optional.ofNullable(begun.origin())));
        readOpen = true;
        readsPassSnapshot = begun.inPassTransaction();
        xmax = begun.readXmax();
        replayLagMs = begun.replayLagMs();
        passRows = 0;
        LOG.debug("Table {}: starting a {} pass (snapshot {}, re-read from {}, next re-read from {})", table(),
            position.method(), begun.snapshot(), position.low().orElse("the start"), nextLow.orElse("the start"));
        return true;
    }

    /**
     * The pass's snapshot, after the table's shape check (read with the running transactions after a first pass)
     * and, before a first pass, the mark of its highest key; empty while a follower has not replayed up to it.
     */
    private Optional<PassSnapshots.Begun> snapshot(Connection connection) throws SQLException {
        boolean first = position.fence().isEmpty() && position.history().isEmpty();
        boolean shapeWithLook = !first && versioned() && looksAtActivity() && snapshots.looksLocally();
        if (!shapeWithLook) {
            checkShape(connection);
        }
        Optional<ChangeOffset.Mark> mark = first && versioned() ? beforeFirstPass(connection) : Optional.empty();
        Optional<PassSnapshots.Begun> taken = snapshots.begin(connection, versioned(), looksAtActivity(),
            shapeWithLook ? Optional.of(Map.entry(table(), found -> checkShape(connection, found))) : Optional.empty());
        taken.ifPresent(begun -> mark.map(begun::onSourceClock).ifPresent(this::marked));
        return taken;
    }

    private boolean openStream(Connection connection) throws SQLException {
        ChangeOffset.Pass pass = position.pass().orElseThrow();
        if (!readOpen) {
            checkShape(connection);
            if (!inPass()) {
                // The table was created anew: a new pass.
                return beginPass(connection);
            }
            pass = position.pass().orElseThrow();
            Optional<PassSnapshots.Resumed> resumed = snapshots.resume(connection, versioned(), pass.origin());
            if (resumed.isEmpty()) {
                return false;
            }
            position = PassSnapshots.resumable(position, resumed.get().source(), table());
            if (!inPass()) {
                connection.rollback();
                return beginPass(connection);
            }
            xmax = resumed.get().readXmax();
            readOpen = true;
            readsPassSnapshot = false;
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
        return true;
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

    /** Whether the rows are read in the pass's own snapshot (else in a later one). */
    boolean readsPassSnapshot() {
        return readsPassSnapshot;
    }

    private void finishPass(Connection connection, ChangeOffset completed) {
        closeStream();
        boolean wholeTable = position.pass().map(ChangeOffset.Pass::primaryKeyOrder).orElse(false)
            || position.fence().isEmpty();
        position = completed;
        readOpen = false;
        nextDue = schedule.next(Instant.ofEpochMilli(position.passStartedMs()));
        LOG.debug("Table {}: {} pass complete after {} ms, {} rows; next pass due at {}", table(),
            position.method(), clock.millis() - position.passStartedMs(), passRows, nextDue);
        PassTransactions.end(connection, table());
        passEnded(connection, wholeTable, passRows);
    }

    @Override
    public Optional<String> query() {
        return Optional.ofNullable(lastQuery);
    }

    @Override
    public void abort() {
        closeStream();
        readOpen = false;
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
