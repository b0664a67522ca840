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
import java.util.function.Function;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.offset.FullTableOffset;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.types.RecordBuilder;

/**
 * FULL_TABLE: each pass emits every row of the table, read from one snapshot (a {@code REPEATABLE READ READ ONLY}
 * transaction) through a streaming cursor, in primary-key order. Every record's offset names the pass and the key
 * of that row, and the last record of a pass says the pass is complete, so a restarted task resumes after the last
 * key Connect committed (from a new snapshot) or waits for the next pass.
 *
 * <p>A table without a primary key has no stable order to resume from: an interrupted pass starts over (its
 * rows up to the interruption are emitted twice). The next pass begins when the table's {@link PassSchedule} says,
 * counted from the start of the previous one.
 */
public final class FullTableReader implements TableReader {
    private static final Logger LOG = LoggerFactory.getLogger(FullTableReader.class);

    private RecordBuilder builder;
    private final Map<String, Object> partition;
    private final PassSchedule schedule;
    private final Clock clock;
    private int[] keyIndexes;
    private final MetadataHeaders headers;
    private final ShapeWatcher shape;

    // Position: equal to the offset of the last record returned.
    private boolean inPass;
    private long passStartedMs;
    private Optional<List<String>> lastKey = Optional.empty();
    private Instant nextDue;

    // Open cursor, while a pass is being read.
    private PreparedStatement statement;
    private ResultSet rows;
    private boolean hasRow;
    private long passRows;
    private String lastQuery;

    FullTableReader(RecordBuilder builder, Map<String, Object> partition, PassSchedule schedule, Clock clock,
                    boolean headers, BuilderSource builders, Optional<FullTableOffset> stored) {
        this.builder = builder;
        this.shape = new ShapeWatcher(builders);
        this.headers = new MetadataHeaders(headers, FullTableOffset.METHOD, builder.table().id());
        this.partition = partition;
        this.schedule = schedule;
        this.clock = clock;
        this.keyIndexes = keyIndexes(builder);
        this.nextDue = schedule.first(clock.instant());
        stored.ifPresent(this::restore);
    }

    private static int[] keyIndexes(RecordBuilder builder) {
        List<String> columns = builder.columnNames();
        return builder.table().primaryKey().stream().mapToInt(k -> columns.indexOf(k) + 1).toArray();
    }

    /** The table changed shape: read it with its new columns; a new primary key cannot continue the old order. */
    private void rebuild(RecordBuilder rebuilt) {
        if (lastKey.isPresent() && !rebuilt.table().primaryKey().equals(builder.table().primaryKey())) {
            LOG.warn("Table {}: its primary key changed during a pass; the pass starts over", table());
            inPass = false;
            lastKey = Optional.empty();
        }
        builder = rebuilt;
        keyIndexes = keyIndexes(rebuilt);
    }

    private void restore(FullTableOffset offset) {
        passStartedMs = offset.passStartedMs();
        if (offset.complete()) {
            nextDue = schedule.next(Instant.ofEpochMilli(passStartedMs));
            LOG.info("Table {}: last pass started at {} is complete; next pass due at {}", table(),
                Instant.ofEpochMilli(passStartedMs), nextDue);
        } else if (keyIndexes.length > 0 && offset.lastKey().isPresent()) {
            inPass = true;
            lastKey = offset.lastKey();
            LOG.info("Table {}: resuming the pass started at {} after the last emitted key", table(),
                Instant.ofEpochMilli(passStartedMs));
        } else {
            // Make up for the interrupted pass now, rather than at the schedule's next time.
            nextDue = clock.instant();
            LOG.info("Table {}: the interrupted pass cannot resume (no primary key); starting a new pass", table());
        }
    }

    @Override
    public TableId table() {
        return builder.table().id();
    }

    @Override
    public boolean inPass() {
        return inPass;
    }

    @Override
    public Instant nextDue() {
        return nextDue;
    }

    @Override
    public List<SourceRecord> read(Connection connection, int maxRows) throws SQLException {
        if (!inPass) {
            inPass = true;
            passStartedMs = clock.millis();
            lastKey = Optional.empty();
            LOG.debug("Table {}: starting a full-table pass", table());
        }
        if (rows == null) {
            openCursor(connection, maxRows);
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(maxRows, 4096));
        long extractedAt = clock.millis();
        Optional<List<String>> batchLastKey = lastKey;
        Function<List<String>, Map<String, Object>> offsets = FullTableOffset.inPassMaps(passStartedMs);
        while (hasRow && batch.size() < maxRows) {
            Struct value = builder.readValue(rows);
            batchLastKey = currentKey();
            // Looking one row ahead (which may fetch the next chunk and fail) tells whether this row ends the pass.
            hasRow = rows.next();
            Map<String, Object> offset = hasRow ? offsets.apply(batchLastKey.orElse(null))
                : new FullTableOffset(passStartedMs, batchLastKey, true).toMap();
            batch.add(headers.add(builder.toRecord(value, partition, offset), extractedAt, null));
        }
        // Only now is the batch certain to be returned: a failure above leaves the position at the last row
        // actually handed to Connect, so the retry reads this batch again instead of skipping it.
        lastKey = batchLastKey;
        passRows += batch.size();
        if (!hasRow) {
            finishPass(connection);
        }
        return batch;
    }

    private Optional<List<String>> currentKey() throws SQLException {
        if (keyIndexes.length == 0) {
            return Optional.empty();
        }
        String[] key = new String[keyIndexes.length];
        for (int k = 0; k < key.length; k++) {
            key[k] = rows.getString(keyIndexes[k]);
        }
        return Optional.of(Arrays.asList(key));
    }

    private void openCursor(Connection connection, int fetchSize) throws SQLException {
        connection.setAutoCommit(true);
        shape.check(connection, builder).ifPresent(this::rebuild);
        if (!inPass) {
            inPass = true;
            passStartedMs = clock.millis();
        }
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
        boolean resume = lastKey.isPresent();
        lastQuery = KeysetQuery.select(builder.table(), builder.selectList(), resume);
        statement = connection.prepareStatement(lastQuery, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize);
        if (resume) {
            List<String> key = lastKey.get();
            for (int i = 0; i < key.size(); i++) {
                statement.setString(i + 1, key.get(i));
            }
        }
        rows = statement.executeQuery();
        hasRow = rows.next();
        passRows = 0;
    }

    private void finishPass(Connection connection) {
        closeCursor();
        inPass = false;
        lastKey = Optional.empty();
        nextDue = schedule.next(Instant.ofEpochMilli(passStartedMs));
        LOG.debug("Table {}: full-table pass complete after {} ms ({} rows read by this task); next pass due at {}",
            table(), clock.millis() - passStartedMs, passRows, nextDue);
        try {
            // Every row was read; ending the read-only transaction cannot change what was emitted. A failure here
            // means a broken connection, which the next read finds and retries.
            connection.commit();
        } catch (SQLException e) {
            LOG.warn("Table {}: ending the pass's read-only transaction failed: {}", table(), e.getMessage());
        }
    }

    @Override
    public String method() {
        return FullTableOffset.METHOD;
    }

    @Override
    public boolean fullRead() {
        return true;
    }

    @Override
    public String positionSummary() {
        return inPass ? "pass_started=" + passStartedMs + (lastKey.isPresent() ? ",resumable" : "")
            : "complete,pass_started=" + passStartedMs;
    }

    @Override
    public Optional<String> query() {
        return Optional.ofNullable(lastQuery);
    }

    @Override
    public void abort() {
        closeCursor();
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
