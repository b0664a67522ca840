/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.config.ReplicationSettings;
import io.herokupg.connect.config.StartSettings;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.FullTableOffset;
import io.herokupg.connect.offset.SplitLoad;
import io.herokupg.connect.offset.SplitRange;
import io.herokupg.connect.offset.TableIdentity;
import io.herokupg.connect.offset.TableOffset;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.types.RecordBuilder;

/** Creates the reader of a table for its replication method: the one place that chooses by method. */
public final class ReaderFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderFactory.class);

    private ReaderFactory() {
    }

    /**
     * A reader for the table, resuming from its stored position when that position belongs to the same method (and,
     * for INCREMENTAL, the same key column) and the same table; any other position is logged and ignored, and the
     * table starts afresh. A table dropped and created again under the same name (another OID) starts afresh; a pass
     * stored under another primary key starts again.
     *
     * @throws IllegalArgumentException when the replication key is not among the table's replicated columns
     */
    public static TableReader create(TableContext table, ReaderContext context) {
        RecordBuilder builder = table.builder();
        ReplicationSettings replication = table.replication();
        StartSettings start = table.start();
        Optional<TableOffset> same = table.stored().filter(o -> sameTable(builder, o))
            .filter(o -> sameResync(builder, o, start.resyncToken()));
        TableShape shape = new TableShape(builder, context.builders(), start.resyncToken());
        PassMethod method = switch (replication.method()) {
            case FULL_TABLE -> new FullTableMethod(shape, context.clock(), same
                .filter(o -> sameMethod(builder, o, FullTableOffset.METHOD)).map(FullTableOffset.class::cast)
                .map(o -> samePrimaryKey(builder, o)));
            case INCREMENTAL -> {
                String keyName = replication.key().orElseThrow();
                yield new IncrementalMethod(shape, key(builder, replication), replication.keyClock(), context, same
                    .filter(o -> sameMethod(builder, o, ChangeOffset.INCREMENTAL))
                    .map(ChangeOffset.class::cast)
                    .filter(o -> sameKey(builder, o, keyName))
                    .map(o -> samePrimaryKey(builder, o))
                    .orElseGet(() -> Starts.initial(builder.table().id(), start, ChangeOffset.INCREMENTAL,
                        Optional.of(keyName))));
            }
            case XMIN -> new XminMethod(shape, context, same
                .filter(o -> sameMethod(builder, o, ChangeOffset.XMIN))
                .map(ChangeOffset.class::cast)
                .map(o -> samePrimaryKey(builder, o))
                .orElseGet(() -> Starts.initial(builder.table().id(), start, ChangeOffset.XMIN, Optional.empty())));
            case CAPTURE -> new CaptureMethod(shape, context, same
                .filter(o -> sameMethod(builder, o, ChangeOffset.CAPTURE))
                .map(ChangeOffset.class::cast)
                .map(o -> samePrimaryKey(builder, o))
                .orElseGet(() -> Starts.initial(builder.table().id(), start, ChangeOffset.CAPTURE, Optional.empty())));
        };
        if (method instanceof FencedMethod fenced && Starts.startsNow(fenced.position(), start)) {
            fenced.startNow();
        }
        return new PassRunner(method, shape, table.partition(), table.schedule(), context);
    }

    /**
     * The reader of one range of a split load ({@link SplitLoad}): the method's pass over the range's rows only, in
     * transactions that import the load's snapshot while the connector holds it, and no pass after it. It resumes from
     * its stored position when that is of the same range of the same load, of the same table and re-sync token; else
     * it starts the range afresh (a change method's pass is the load's: its snapshot becomes the fence).
     *
     * @throws IllegalArgumentException when the replication key is not among the table's replicated columns
     */
    public static TableReader createRange(TableContext table, SplitLoad load, int index, ReaderContext context) {
        RecordBuilder builder = table.builder();
        ReplicationSettings replication = table.replication();
        SplitRange range = load.range(index);
        String token = table.start().resyncToken();
        Optional<TableOffset> same = table.stored().filter(o -> sameTable(builder, o))
            .filter(o -> o.identity().flatMap(TableIdentity::range).equals(Optional.of(range)))
            .filter(o -> TableIdentity.resyncOf(o).equals(token));
        TableShape shape = new TableShape(builder, context.builders(), token, Optional.of(range));
        RangeRead read = new RangeRead(builder.table().id(), range, load.exported());
        ReaderContext ranged = context.forRange(read);
        PassMethod method = switch (replication.method()) {
            case FULL_TABLE -> new FullTableMethod(shape, context.clock(),
                same.filter(FullTableOffset.class::isInstance).map(FullTableOffset.class::cast), Optional.of(read));
            case INCREMENTAL -> new IncrementalMethod(shape, key(builder, replication), replication.keyClock(), ranged,
                rangeStart(same, load, ChangeOffset.INCREMENTAL, replication.key()));
            case XMIN -> new XminMethod(shape, ranged, rangeStart(same, load, ChangeOffset.XMIN, Optional.empty()));
            case CAPTURE -> new CaptureMethod(shape, ranged, rangeStart(same, load, ChangeOffset.CAPTURE,
                Optional.empty()));
        };
        return new PassRunner(method, shape, table.partition(), PassSchedule.once(), context);
    }

    /** A range's stored position of the same method (and key), else the load's pass, with nothing emitted yet. */
    private static ChangeOffset rangeStart(Optional<TableOffset> same, SplitLoad load, String method,
                                           Optional<String> key) {
        return same.filter(o -> o.method().equals(method)).map(ChangeOffset.class::cast)
            .filter(o -> o.keyColumn().equals(key))
            .orElseGet(() -> ChangeOffset.initial(method, key).withPass(load.load().load(), load.pass()
                .orElseThrow(() -> new IllegalArgumentException("Table " + load.table() + ": its split load has no"
                    + " pass")).toPass()));
    }

    private static ColumnInfo key(RecordBuilder builder, ReplicationSettings replication) {
        String keyName = replication.key().orElseThrow();
        return builder.table().column(keyName).orElseThrow(() -> new IllegalArgumentException("Table "
            + builder.table().id() + " has no replicated column '" + keyName + "' for " + replication.keyKey()));
    }

    /** A position stored under another re-sync token (resync.token changed since) is discarded: a re-sync. */
    private static boolean sameResync(RecordBuilder builder, TableOffset offset, String token) {
        String stored = TableIdentity.resyncOf(offset);
        if (stored.equals(token)) {
            return true;
        }
        LOG.info("Table {}: re-sync requested (resync.token is now '{}', the stored position's '{}'): its stored"
            + " position is discarded and it starts afresh", builder.table().id(), token, stored);
        return false;
    }

    /** A position of another table of the same name (dropped and created again since) does not apply. */
    private static boolean sameTable(RecordBuilder builder, TableOffset offset) {
        Optional<TableIdentity> identity = offset.identity();
        long relid = builder.table().relid();
        if (identity.isEmpty() || relid == 0 || identity.get().relid() == relid) {
            return true;
        }
        LOG.warn("Table {}: the stored position is of a table of the same name that was dropped since (OID {}, now"
            + " {}: a restore, a rebuild); it is discarded and the table starts afresh with a full pass",
            builder.table().id(), identity.get().relid(), relid);
        return false;
    }

    /** A pass in progress under another primary key cannot resume after a value of the old one: it starts again. */
    private static ChangeOffset samePrimaryKey(RecordBuilder builder, ChangeOffset offset) {
        if (offset.pass().isEmpty() || primaryKeyMatches(builder, offset.identity())) {
            return offset;
        }
        logPrimaryKeyChange(builder, offset.identity());
        return offset.withoutPass();
    }

    private static FullTableOffset samePrimaryKey(RecordBuilder builder, FullTableOffset offset) {
        if (offset.complete() || offset.lastKey().isEmpty() || primaryKeyMatches(builder, offset.identity())) {
            return offset;
        }
        logPrimaryKeyChange(builder, offset.identity());
        return new FullTableOffset(offset.passStartedMs(), Optional.empty(), false, offset.identity());
    }

    private static boolean primaryKeyMatches(RecordBuilder builder, Optional<TableIdentity> identity) {
        return identity.isEmpty() || identity.get().primaryKey().equals(builder.table().primaryKey());
    }

    private static void logPrimaryKeyChange(RecordBuilder builder, Optional<TableIdentity> identity) {
        LOG.warn("Table {}: its primary key is now {}, and the pass in progress was stored under {}; the pass starts"
            + " again from its beginning", builder.table().id(), builder.table().primaryKey(),
            identity.map(TableIdentity::primaryKey).orElse(List.of()));
    }

    private static boolean sameMethod(RecordBuilder builder, TableOffset offset, String method) {
        if (offset.method().equals(method)) {
            return true;
        }
        LOG.warn("Table {}: the stored position is for method {}, and the table is now replicated by {}; its stored"
            + " position is discarded and it starts afresh", builder.table().id(), offset.method(), method);
        return false;
    }

    private static boolean sameKey(RecordBuilder builder, ChangeOffset offset, String key) {
        if (offset.keyColumn().equals(Optional.of(key))) {
            return true;
        }
        LOG.warn("Table {}: the stored position is for replication key {}, and the key is now {}; its stored position"
            + " is discarded and it starts afresh", builder.table().id(), offset.keyColumn().orElse("(none)"), key);
        return false;
    }
}
