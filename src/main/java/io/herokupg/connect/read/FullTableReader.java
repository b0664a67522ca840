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
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.offset.FullTableOffset;
import io.herokupg.connect.offset.TableIdentity;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.types.CopyRow;
import io.herokupg.connect.types.RecordBuilder;

/**
 * FULL_TABLE: each pass emits every row of the table, read from one snapshot (a {@code REPEATABLE READ READ ONLY}
 * transaction) through a {@link CopyStream}, in primary-key order. Every record's offset names the pass and the key
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
    /** The primary key's width. */
    private int keyWidth;
    /** Where each row's primary key is. */
    private Positions positions;
    private final MetadataHeaders headers;
    private final ShapeWatcher shape;
    private final Executor fetchers;
    private final CopyRow row = new CopyRow();

    // Position: equal to the offset of the last record returned.
    private boolean inPass;
    /** Whether the table was found missing: no pass is in progress until its next turn. */
    private boolean absent;
    private long passStartedMs;
    private Optional<List<String>> lastKey = Optional.empty();
    private Instant nextDue;

    // Open stream of rows, while a pass is being read.
    private CopyStream stream;
    private long passRows;
    private long batchBytes;
    private String lastQuery;

    FullTableReader(RecordBuilder builder, Map<String, Object> partition, PassSchedule schedule, ReaderContext context,
                    Optional<FullTableOffset> stored) {
        this.builder = builder;
        this.fetchers = context.fetchers();
        this.shape = new ShapeWatcher(context.builders());
        this.headers = new MetadataHeaders(context.headers(), FullTableOffset.METHOD, builder.table().id());
        this.partition = partition;
        this.schedule = schedule;
        this.clock = context.clock();
        this.keyWidth = builder.table().primaryKey().size();
        this.positions = Positions.of(builder, Optional.empty(), false, false);
        this.nextDue = schedule.first(clock.instant());
        stored.ifPresent(this::restore);
    }

    /**
     * The table changed shape: read it with its new columns; a new primary key cannot continue the old order, nor
     * can a table dropped and created again under the same name (another OID).
     */
    private void rebuild(RecordBuilder rebuilt) {
        if (builder.table().relid() != 0 && rebuilt.table().relid() != builder.table().relid()) {
            LOG.warn("Table {} was dropped and created again (OID {}, now {}); a pass starts afresh", table(),
                builder.table().relid(), rebuilt.table().relid());
            inPass = false;
            lastKey = Optional.empty();
        } else if (lastKey.isPresent() && !rebuilt.table().primaryKey().equals(builder.table().primaryKey())) {
            LOG.warn("Table {}: its primary key changed during a pass; the pass starts over", table());
            inPass = false;
            lastKey = Optional.empty();
        }
        builder = rebuilt;
        keyWidth = rebuilt.table().primaryKey().size();
        positions = Positions.of(rebuilt, Optional.empty(), false, false);
    }

    private void restore(FullTableOffset offset) {
        passStartedMs = offset.passStartedMs();
        if (offset.complete()) {
            nextDue = schedule.next(Instant.ofEpochMilli(passStartedMs));
            LOG.info("Table {}: last pass started at {} is complete; next pass due at {}", table(),
                Instant.ofEpochMilli(passStartedMs), nextDue);
        } else if (keyWidth > 0 && offset.lastKey().filter(k -> k.size() == keyWidth).isPresent()) {
            inPass = true;
            lastKey = offset.lastKey();
            LOG.info("Table {}: resuming the pass started at {} after the last emitted key", table(),
                Instant.ofEpochMilli(passStartedMs));
        } else {
            // Make up for the interrupted pass now, rather than at the schedule's next time.
            nextDue = clock.instant();
            LOG.info("Table {}: the interrupted pass cannot resume (no primary key, or another one); starting a new"
                + " pass", table());
        }
    }

    @Override
    public TableId table() {
        return builder.table().id();
    }

    @Override
    public boolean inPass() {
        return inPass && !absent;
    }

    @Override
    public void absent() {
        absent = true;
        nextDue = schedule.next(clock.instant());
    }

    @Override
    public Instant nextDue() {
        return nextDue;
    }

    @Override
    public List<SourceRecord> read(Connection connection, int maxRows) throws SQLException {
        absent = false;
        if (!inPass) {
            inPass = true;
            passStartedMs = clock.millis();
            lastKey = Optional.empty();
            LOG.debug("Table {}: starting a full-table pass", table());
        }
        if (stream == null) {
            openStream(connection);
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(maxRows, 4096));
        long extractedAt = clock.millis();
        Optional<List<String>> batchLastKey = lastKey;
        Optional<TableIdentity> identity = Optional.of(TableIdentity.of(builder.table()));
        Function<List<String>, Map<String, Object>> offsets = FullTableOffset.inPassMaps(passStartedMs, identity);
        long bytes = 0;
        long deadline = System.nanoTime() + CopyStream.FIRST_ROW_WAIT.toNanos();
        byte[] message;
        // Waits for the first row only: then takes what has arrived, so that records leave as soon as they can.
        while (batch.size() < maxRows && (message = stream.next(deadline, batch.isEmpty())) != null) {
            row.parse(message, positions.fieldCount());
            Struct value = builder.value(row);
            batchLastKey = keyWidth == 0 ? Optional.empty() : Optional.of(positions.of(row, value));
            // The stream knows whether this row ends the pass: the reading thread holds the newest row back.
            Map<String, Object> offset = stream.exhausted()
                ? new FullTableOffset(passStartedMs, batchLastKey, true, identity).toMap()
                : offsets.apply(batchLastKey.orElse(null));
            batch.add(headers.add(builder.toRecord(value, partition, offset), extractedAt, null));
            bytes += row.bytes();
        }
        // Only now is the batch certain to be returned: a failure above leaves the position at the last row
        // actually handed to Connect, so the retry reads this batch again instead of skipping it.
        lastKey = batchLastKey;
        passRows += batch.size();
        batchBytes = bytes;
        if (stream.exhausted()) {
            finishPass(connection);
        }
        return batch;
    }

    @Override
    public long batchBytes() {
        return batchBytes;
    }

    private void openStream(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        shape.check(connection, builder).ifPresent(this::rebuild);
        if (!inPass) {
            inPass = true;
            passStartedMs = clock.millis();
        }
        PassTransactions.begin(connection);
        lastQuery = KeysetQuery.select(builder.table(), builder.selectList(), positions.selected(), lastKey);
        stream = CopyStream.open(connection, lastQuery, fetchers, table());
        passRows = 0;
    }

    private void finishPass(Connection connection) {
        closeStream();
        inPass = false;
        lastKey = Optional.empty();
        nextDue = schedule.next(Instant.ofEpochMilli(passStartedMs));
        LOG.debug("Table {}: full-table pass complete after {} ms ({} rows read by this task); next pass due at {}",
            table(), clock.millis() - passStartedMs, passRows, nextDue);
        PassTransactions.end(connection, table());
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
        closeStream();
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
