/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.PgActivity;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.Snapshots;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.types.RecordBuilder;

/**
 * What INCREMENTAL and XMIN share: passes that emit the row versions not visible in the previous pass's snapshot
 * (the fence), in the order of a position ((key or transaction id), primary key…), resumable after any row.
 *
 * <p>A pass opens a {@code REPEATABLE READ READ ONLY} transaction and records its snapshot. It reads, through a
 * streaming cursor, the rows in its range (the subclass's) that were not visible in the fence. If the pass is
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
    private int columnCount;
    /** The number of values of a position: the key or transaction id, then the primary key's. */
    private int positionWidth;
    private final MetadataHeaders headers;
    private final ShapeWatcher shape;

    // Position: equal to the offset of the last record returned (or a later one reached without a row to return).
    private ChangeOffset position;
    private Instant nextDue;

    // Open cursor, while a pass is being read.
    private PreparedStatement statement;
    private ResultSet rows;
    private boolean hasRow;
    /** Whether the connection's transaction is the one whose snapshot is the pass's. */
    private boolean inPassTransaction;
    private long passRows;
    private String lastQuery;

    ChangeReader(RecordBuilder builder, Map<String, Object> partition, PassSchedule schedule, Clock clock,
                 boolean headers, BuilderSource builders, ChangeOffset start) {
        this.builder = builder;
        this.shape = new ShapeWatcher(builders);
        this.headers = new MetadataHeaders(headers, start.method(), builder.table().id());
        this.partition = partition;
        this.schedule = schedule;
        this.clock = clock;
        this.columnCount = builder.columnNames().size();
        this.positionWidth = 1 + builder.table().primaryKey().size();
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

    /** SQL expressions of the position, in order: the key or transaction id, then the primary key. */
    final List<String> positionExpressions(String xid) {
        List<String> expressions = new ArrayList<>();
        expressions.add(leadExpression(xid));
        primaryKeyColumns().forEach(c -> expressions.add(Identifiers.quote(c.name())));
        return expressions;
    }

    /** SQL types of the position's values, to cast the bound text to. */
    final List<String> positionTypes() {
        List<String> types = new ArrayList<>();
        types.add(leadType());
        primaryKeyColumns().forEach(c -> types.add(c.sqlType()));
        return types;
    }

    /** Conditions that bound the pass's range (with their parameters, as text, appended to {@code params}). */
    abstract List<String> rangeConditions(List<String> params);

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
        if (!inPass()) {
            beginPass(connection);
        }
        if (rows == null) {
            openCursor(connection, maxRows);
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(maxRows, 4096));
        long extractedAt = clock.millis();
        // The pass's state is the same for every row of the batch: encoded once, each row adding its position.
        Function<List<String>, Map<String, Object>> offsets = position.mapsWithLast();
        boolean keyed = keyed();
        List<String> lastPosition = null;
        while (hasRow && batch.size() < maxRows) {
            Struct value = builder.readValue(rows);
            List<String> rowPosition = currentPosition();
            lastPosition = rowPosition;
            hasRow = rows.next();
            Map<String, Object> offset = hasRow ? offsets.apply(rowPosition)
                : position.withLast(rowPosition).completed(keyed, MAX_HISTORY).toMap();
            batch.add(headers.add(builder.toRecord(value, partition, offset), extractedAt,
                keyed ? rowPosition.get(0) : null));
        }
        // As in FullTableReader: the position moves only once the whole batch is certain to be returned.
        if (lastPosition != null) {
            position = position.withLast(lastPosition);
        }
        passRows += batch.size();
        if (!hasRow) {
            finishPass(connection);
        }
        return batch;
    }

    private List<String> currentPosition() throws SQLException {
        String[] values = new String[positionWidth];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.getString(columnCount + 1 + i);
        }
        return Arrays.asList(values);
    }

    /**
     * The table changed shape: read it with its new columns. A new primary key cannot continue the old order, so a
     * pass in progress restarts from its beginning (within the same snapshot).
     */
    void rebuild(RecordBuilder rebuilt) {
        if (!rebuilt.table().primaryKey().equals(builder.table().primaryKey())
            && position.pass().flatMap(ChangeOffset.Pass::last).isPresent()) {
            LOG.warn("Table {}: its primary key changed during a pass; the pass's rows are read again", table());
            ChangeOffset.Pass pass = position.pass().orElseThrow();
            position = position.withPass(position.passStartedMs(), new ChangeOffset.Pass(pass.snapshot(),
                pass.micros(), pass.nextLow(), Optional.empty()));
        }
        builder = rebuilt;
        columnCount = rebuilt.columnNames().size();
        positionWidth = 1 + rebuilt.table().primaryKey().size();
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
        beginReadOnly(connection);
        String snapshot;
        long micros;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT txid_current_snapshot()::text,"
                 + " (extract(epoch FROM clock_timestamp()) * 1000000)::int8")) {
            rs.next();
            snapshot = rs.getString(1);
            micros = rs.getLong(2);
        }
        OptionalLong watermark = OptionalLong.empty();
        if (versioned()) {
            // Never below the fence's: a transaction the fence saw without subtransactions can only start some
            // after it, with ids from the fence's xmax on.
            long own = PgActivity.oldestWithSubtransactions(connection, Snapshots.running(snapshot))
                .orElseGet(() -> Snapshots.parse(snapshot).xmax());
            watermark = OptionalLong.of(Math.max(own, position.effectiveFenceWatermark().orElse(own)));
        }
        position = position.withPass(clock.millis(), new ChangeOffset.Pass(snapshot, micros, nextLow,
            Optional.empty(), watermark));
        inPassTransaction = true;
        passRows = 0;
        LOG.debug("Table {}: starting a {} pass (snapshot {}, re-read from {}, next re-read from {})", table(),
            position.method(), snapshot, position.low().orElse("the start"), nextLow.orElse("the start"));
    }

    private static void beginReadOnly(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    private void openCursor(Connection connection, int fetchSize) throws SQLException {
        ChangeOffset.Pass pass = position.pass().orElseThrow();
        long xmax;
        if (inPassTransaction) {
            xmax = Snapshots.parse(pass.snapshot()).xmax();
        } else {
            checkShape(connection);
            pass = position.pass().orElseThrow();
            beginReadOnly(connection);
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT txid_snapshot_xmax(txid_current_snapshot())")) {
                rs.next();
                xmax = rs.getLong(1);
            }
            LOG.info("Table {}: continuing the {} pass started at {} in a new transaction", table(),
                position.method(), Instant.ofEpochMilli(position.passStartedMs()));
        }
        if (keyed() && versioned() && new ChangeQuery(this, xmax, pass, new ArrayList<>()).delayed(connection)) {
            // Rows this pass may not emit yet lie in its range: the range must not move past them.
            pass = pass.withNextLow(position.low());
            position = position.withPass(position.passStartedMs(), pass);
        }
        List<String> params = new ArrayList<>();
        String sql = query(xmax, pass, params);
        statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize);
        for (int i = 0; i < params.size(); i++) {
            statement.setString(i + 1, params.get(i));
        }
        LOG.debug("Table {}: {}", table(), sql);
        rows = statement.executeQuery();
        hasRow = rows.next();
    }

    /** The pass's query, binding its parameters into {@code params}; visible to tests, which check its plan. */
    String query(long xmax, ChangeOffset.Pass pass, List<String> params) {
        lastQuery = new ChangeQuery(this, xmax, pass, params).sql();
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

    int columnCount() {
        return columnCount;
    }

    /** The primary-key columns, the tie-breaker of every position. */
    private List<ColumnInfo> primaryKeyColumns() {
        return builder.table().primaryKeyColumns();
    }

    private void finishPass(Connection connection) {
        closeCursor();
        position = position.completed(keyed(), MAX_HISTORY);
        inPassTransaction = false;
        nextDue = schedule.next(Instant.ofEpochMilli(position.passStartedMs()));
        if (passRows > 0) {
            LOG.debug("Table {}: {} pass complete after {} ms, {} rows; next pass due at {}", table(),
                position.method(), clock.millis() - position.passStartedMs(), passRows, nextDue);
        } else {
            LOG.debug("Table {}: {} pass found no changes; next pass due at {}", table(), position.method(),
                nextDue);
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            LOG.warn("Table {}: ending the pass's read-only transaction failed: {}", table(), e.getMessage());
        }
    }

    @Override
    public Optional<String> query() {
        return Optional.ofNullable(lastQuery);
    }

    @Override
    public void abort() {
        closeCursor();
        inPassTransaction = false;
    }

    @Override
    public void close() {
        closeCursor();
    }

    private void closeCursor() {
        Cursors.close(rows, statement, table());
        rows = null;
        statement = null;
        hasRow = false;
    }
}
