/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.TableId;

/**
 * The stored positions of a table's split load, read back from Connect's offset storage by the connector (to know
 * whether a load is in progress or complete) and by the task that reads the table after it (the position the load
 * leaves: {@link State#merged()}).
 */
public final class SplitOffsets {
    /** The most ranges a load has. */
    public static final int MAX_RANGES = 256;
    private static final Logger LOG = LoggerFactory.getLogger(SplitOffsets.class);

    private SplitOffsets() {
    }

    /**
     * The newest load of a table, rebuilt from its ranges' positions (each carries the load's cuts and pass), with the
     * position of each range that stored one.
     *
     * @param load   the load, with no snapshot to import
     * @param ranges each stored range's position, by index
     */
    public record State(SplitLoad load, Map<Integer, TableOffset> ranges) {
        /** Whether every range of the load has read all its rows. */
        public boolean complete() {
            return ranges.size() == load.load().ranges() && ranges.values().stream().allMatch(SplitOffsets::complete);
        }

        /**
         * The table's position from this load, when the load is complete and the table's own position (if any) is
         * older: a pass it began after the load ends the load's part.
         */
        public Optional<TableOffset> after(Optional<TableOffset> own) {
            long ownStart = own.map(TableOffset::passStartedMs).orElse(Long.MIN_VALUE);
            return complete() && ownStart < load.load().load() ? Optional.of(merged()) : Optional.empty();
        }

        /**
         * The table's position once the load is complete: FULL_TABLE's pass complete, started with the load; a change
         * method's fence the load's snapshot, with no re-read bound yet (the next pass reads the rows the fence did
         * not see, wherever their key). Ranges that ended with other snapshots (one restarted after a failover) leave
         * no fence: the next pass reads every row again (duplicates, never gaps).
         */
        public TableOffset merged() {
            TableOffset any = ranges.get(0);
            Optional<TableIdentity> identity = any.identity().map(i -> new TableIdentity(i.relid(), i.primaryKey(),
                i.resync()));
            if (any instanceof FullTableOffset) {
                return new FullTableOffset(load.load().load(), Optional.empty(), true, identity);
            }
            ChangeOffset first = (ChangeOffset) any;
            boolean oneFence = ranges.values().stream().map(o -> ((ChangeOffset) o).fence()).distinct().count() == 1;
            if (!oneFence) {
                LOG.warn("Table {}: the ranges of its split load ended with different snapshots (one was restarted"
                    + " from a new snapshot); the next pass reads every row again", load.table());
            }
            ChangeOffset merged = new ChangeOffset(first.method(), first.keyColumn(), first.fence(), Optional.empty(),
                Optional.empty(), List.of(), load.load().load(), Optional.empty(), first.fenceWatermark(),
                first.fenceOrigin(), identity);
            return oneFence ? merged : merged.withoutFence();
        }
    }

    /** The newest load of the table whose ranges stored positions, if any. */
    public static Optional<State> newest(OffsetStorageReader reader, String database, TableId table) {
        return Optional.ofNullable(newest(reader, database, List.of(table)).get(table));
    }

    /**
     * The newest load of each of the tables whose ranges stored positions, read in one look at the offset storage
     * (each look reads the worker's offsets topic to its end).
     */
    public static Map<TableId, State> newest(OffsetStorageReader reader, String database, Collection<TableId> tables) {
        Map<TableId, Integer> probe = new HashMap<>();
        tables.forEach(t -> probe.put(t, MAX_RANGES));
        return newest(reader, database, probe);
    }

    /**
     * The complete loads of the tables, if their newest is: a first look at each table's range 0 (which a complete
     * load has), then at the other ranges of the load it names, so that a task with many tables looks at few
     * partitions.
     */
    public static Map<TableId, State> complete(OffsetStorageReader reader, String database,
                                               Collection<TableId> tables) {
        Map<TableId, Integer> first = new HashMap<>();
        tables.forEach(t -> first.put(t, 1));
        Map<TableId, Integer> probe = new HashMap<>();
        newest(reader, database, first).forEach((table, state) -> probe.put(table, state.load().load().ranges()));
        Map<TableId, State> complete = new HashMap<>(newest(reader, database, probe));
        complete.values().removeIf(s -> !s.complete());
        return complete;
    }

    /** The newest loads, looking at each table's ranges below the given count. */
    private static Map<TableId, State> newest(OffsetStorageReader reader, String database,
                                              Map<TableId, Integer> tables) {
        List<Map<String, Object>> partitions = new ArrayList<>();
        tables.forEach((table, count) -> IntStream.range(0, count).forEach(i -> partitions.add(
            new SplitPartitionKey(database, table, i).toMap())));
        Map<Map<String, Object>, Map<String, Object>> stored = partitions.isEmpty() ? null
            : reader.offsets(partitions);
        Map<TableId, State> states = new HashMap<>();
        if (stored != null) {
            tables.forEach((table, count) -> newest(stored, database, table, count).ifPresent(s -> states.put(table,
                s)));
        }
        return states;
    }

    private static Optional<State> newest(Map<Map<String, Object>, Map<String, Object>> stored, String database,
                                          TableId table, int count) {
        Map<Integer, TableOffset> byIndex = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            Map<String, Object> offset = stored.get(new SplitPartitionKey(database, table, i).toMap());
            if (offset != null) {
                OffsetLoader.parse(offset, "the stored position of range " + i + " of a split load of table " + table,
                    "").filter(o -> o.identity().flatMap(TableIdentity::range).filter(r -> r.index() == index)
                    .isPresent()).ifPresent(o -> byIndex.put(index, o));
            }
        }
        Optional<SplitRange> newest = byIndex.values().stream().map(o -> o.identity().orElseThrow().range()
            .orElseThrow()).max((a, b) -> Long.compare(a.load(), b.load()));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        SplitRange load = newest.get().other(0);
        Map<Integer, TableOffset> ranges = new HashMap<>();
        byIndex.forEach((i, o) -> {
            if (o.identity().orElseThrow().range().orElseThrow().other(0).equals(load)) {
                ranges.put(i, o);
            }
        });
        TableOffset any = ranges.values().iterator().next();
        return Optional.of(new State(new SplitLoad(table, load, Optional.empty(), passOf(any)), ranges));
    }

    /** Whether a range has read all its rows. */
    static boolean complete(TableOffset offset) {
        if (offset instanceof FullTableOffset full) {
            return full.complete();
        }
        ChangeOffset change = (ChangeOffset) offset;
        return change.pass().isEmpty() && change.fence().isPresent();
    }

    /** The load's pass, from a range's position: its pass in progress, or the fence it left. */
    private static Optional<SplitLoad.Pass> passOf(TableOffset offset) {
        if (!(offset instanceof ChangeOffset change)) {
            return Optional.empty();
        }
        if (change.pass().isPresent()) {
            ChangeOffset.Pass pass = change.pass().get();
            return Optional.of(new SplitLoad.Pass(pass.snapshot(), pass.micros(), pass.watermark(), pass.origin()));
        }
        return change.fence().map(f -> new SplitLoad.Pass(f, 0, change.fenceWatermark(), change.fenceOrigin()));
    }
}
