/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.batch.Batch;
import io.herokupg.connect.catalog.PgRowEstimate;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.types.CopyRow;
import io.herokupg.connect.types.RecordBuilder;

/**
 * The pass engine: reads one table, one bounded batch at a time, by its method ({@link PassMethod}). It opens the
 * pass's rows as the method plans them, streams them ({@link CopyStream}: binary COPY, read ahead on a fetch thread),
 * turns each into a record whose offset the method gives, moves the method's position once the batch is certain to be
 * returned, and ends the pass's transaction when the rows run out. Its position always equals the offset of the last
 * record it returned, so that after a failure it resumes where Connect would.
 */
public final class PassRunner implements TableReader {
    private static final Logger LOG = LoggerFactory.getLogger(PassRunner.class);

    private final PassMethod method;
    private final TableShape shape;
    private final Map<String, Object> partition;
    private final PassSchedule schedule;
    private final ReaderContext context;
    private final MetadataHeaders headers;
    private final ChangeRecords changes;
    private final CopyRow row = new CopyRow();
    private Instant nextDue;
    /** When the last completed pass started (the stored one's, until a pass of this task completes). */
    private OptionalLong completeAsOfMs;
    /** Whether the table was found missing: no pass is in progress until its next turn. */
    private boolean absent;

    // The open stream of rows, while a pass is being read.
    private CopyStream stream;
    private PassMethod.Plan plan;
    private String lastQuery;
    private long passRows;
    /** The offset of the end of a first pass that started now, until taken. */
    private Map<String, Object> startedNow;

    PassRunner(PassMethod method, TableShape shape, Map<String, Object> partition, PassSchedule schedule,
               ReaderContext context) {
        this.method = method;
        this.shape = shape;
        this.partition = partition;
        this.schedule = schedule;
        this.context = context;
        this.headers = new MetadataHeaders(context.headers(), method.name(), shape.table().id());
        this.changes = new ChangeRecords(headers, context.capture().settings().deleteMarker());
        this.nextDue = method.restore(schedule, context.clock().instant());
        this.completeAsOfMs = method.completedPassStartedMs();
    }

    @Override
    public Batch read(Connection connection, int maxRows) throws SQLException {
        Batch.Before before = before(connection);
        absent = false;
        if (stream == null && !open(connection)) {
            return batch(before, List.of(), 0);
        }
        RecordBuilder builder = shape.builder();
        Positions positions = plan.positions();
        changes.batch(positions, method::offset);
        Function<List<String>, Map<String, Object>> offsets = method.offsets();
        List<SourceRecord> records = new ArrayList<>(Math.min(maxRows, 4096));
        long extractedAt = context.clock().millis();
        List<String> last = null;
        long bytes = 0;
        long deadline = System.nanoTime() + CopyStream.FIRST_ROW_WAIT.toNanos();
        byte[] message;
        // Waits for the first row only: then takes what has arrived, so that records leave as soon as they can.
        while (records.size() < maxRows && (message = stream.next(deadline, records.isEmpty())) != null) {
            row.parse(message, positions.fieldCount());
            Struct value = builder.value(row);
            last = positions.of(row, value);
            // The stream knows whether this row ends the pass: the reading thread holds the newest row back.
            Map<String, Object> offset = stream.exhausted() ? method.lastOffset(connection, last) : offsets.apply(last);
            if (plan.changes()) {
                changes.add(records, builder, row, value, partition, offset, extractedAt);
            } else {
                records.add(headers.add(builder.toRecord(value, partition, offset), extractedAt,
                    plan.keyHeader() ? positions.lead(row) : null));
            }
            bytes += row.bytes();
        }
        // Only now is the batch certain to be returned: a failure above leaves the position at the last row actually
        // handed to Connect, so the retry reads this batch again instead of skipping it.
        if (last != null) {
            method.advance(last);
        }
        passRows += records.size();
        if (stream.exhausted()) {
            endPass(connection);
        }
        return batch(before, records, bytes);
    }

    /** The state observers see before the read; a full read that begins reads the planner's row estimate first. */
    private Batch.Before before(Connection connection) throws SQLException {
        long startedMs = context.clock().millis();
        long startedNanos = System.nanoTime();
        boolean inPass = inPass();
        boolean full = method.fullRead();
        // Between transactions: a failure of this query (the connection lost) is the read's.
        OptionalLong estimate = full && !inPass ? PgRowEstimate.of(connection, table()) : OptionalLong.empty();
        return new Batch.Before(method.name(), startedMs, startedNanos, inPass, full, method.summary(), estimate);
    }

    private Batch batch(Batch.Before before, List<SourceRecord> records, long bytes) {
        return new Batch(table(), records, bytes, before, state());
    }

    @Override
    public Batch.After state() {
        return new Batch.After(inPass(), method.summary(), Optional.ofNullable(lastQuery), method.newestKey(),
            method.activity(), method.replayLagMs(), method.captureLog(), completeAsOfMs,
            inPass() ? Optional.empty() : Optional.of(nextDue));
    }

    /** Opens the pass's stream of rows; false when the pass cannot begin yet (its turn comes again later). */
    private boolean open(Connection connection) throws SQLException {
        Optional<PassMethod.Plan> planned = method.open(connection);
        if (planned.isEmpty()) {
            if (!method.inPass()) {
                nextDue = context.clock().instant().plus(PassSnapshots.FOLLOWER_RETRY);
            }
            return false;
        }
        plan = planned.get();
        lastQuery = plan.sql();
        LOG.debug("Table {}: {}", table(), lastQuery);
        stream = CopyStream.open(connection, lastQuery, context.fetchers(), table());
        return true;
    }

    private void endPass(Connection connection) throws SQLException {
        closeStream();
        boolean now = method.startingNow();
        long passStartedMs = method.complete(connection);
        if (now) {
            startedNow = method.offset();
        }
        nextDue = schedule.next(Instant.ofEpochMilli(passStartedMs));
        completeAsOfMs = OptionalLong.of(passStartedMs);
        LOG.debug("Table {}: {} pass complete after {} ms, {} rows; next pass due at {}", table(), method.name(),
            context.clock().millis() - passStartedMs, passRows, nextDue);
        PassTransactions.end(connection, table());
        method.ended(connection, passRows);
        passRows = 0;
    }

    @Override
    public TableId table() {
        return shape.table().id();
    }

    @Override
    public Optional<Map.Entry<Map<String, Object>, Map<String, Object>>> startedNow() {
        Map<String, Object> offset = startedNow;
        startedNow = null;
        return offset == null ? Optional.empty() : Optional.of(Map.entry(partition, offset));
    }

    @Override
    public boolean inPass() {
        return method.inPass() && !absent;
    }

    @Override
    public Instant nextDue() {
        return nextDue;
    }

    @Override
    public void absent() {
        absent = true;
        nextDue = schedule.next(context.clock().instant());
    }

    @Override
    public void abort() {
        closeStream();
        method.abort();
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
