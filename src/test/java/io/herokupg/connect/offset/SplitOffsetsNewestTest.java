/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import static io.herokupg.connect.offset.SplitOffsetsStateTest.CUTS;
import static io.herokupg.connect.offset.SplitOffsetsStateTest.START;
import static io.herokupg.connect.offset.SplitOffsetsStateTest.TABLE;
import static io.herokupg.connect.offset.SplitOffsetsStateTest.WHOLE;
import static io.herokupg.connect.offset.SplitOffsetsStateTest.full;
import static io.herokupg.connect.offset.SplitOffsetsStateTest.reading;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.TableId;

/** {@link SplitOffsets#newest}: the newest load of a table, rebuilt from the positions its ranges stored. */
class SplitOffsetsNewestTest {
    private static final String DATABASE = "app_db";
    private static final long LATER = START + 3_600_000L;

    /** Connect's offset storage as a map: each position stored under its partition, as the worker's JSON gives it. */
    private final Map<Map<String, Object>, Map<String, Object>> stored = new HashMap<>();
    private final OffsetStorageReader reader = new OffsetStorageReader() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return stored.get((Map<String, Object>) partition);
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
            partitions.forEach(p -> found.put(p, offset(p)));
            return found;
        }
    };

    private void store(TableId table, int index, TableOffset offset) {
        stored.put(new SplitPartitionKey(DATABASE, table, index).toMap(), ConnectStorage.throughJson(offset.toMap()));
    }

    private void store(int index, TableOffset offset) {
        store(TABLE, index, offset);
    }

    private Optional<SplitOffsets.State> newest() {
        return SplitOffsets.newest(reader, DATABASE, TABLE);
    }

    private static FullTableOffset later(int index, List<String> cuts, boolean complete) {
        return new FullTableOffset(LATER, Optional.empty(), complete,
            Optional.of(WHOLE.inRange(new SplitRange(LATER, index, cuts))));
    }

    @Test
    void aTableWithoutStoredRangesHasNoLoad() {
        store(new TableId("public", "other"), 0, full(0, true));

        assertThat(newest()).isEmpty();
    }

    @Test
    void theLoadIsRebuiltFromItsRangesPositions() {
        store(0, full(0, true));
        store(2, full(2, false));

        SplitOffsets.State state = newest().orElseThrow();

        assertThat(state.load()).isEqualTo(new SplitLoad(TABLE, new SplitRange(START, 0, CUTS), Optional.empty(),
            Optional.empty()));
        assertThat(state.ranges()).containsOnlyKeys(0, 2);
        assertThat(state.ranges().get(2)).isEqualTo(full(2, false));
        assertThat(state.complete()).isFalse();
    }

    @Test
    void theNewestLoadWinsAndTheRangesOfOlderLoadsAreIgnored() {
        // An older load of three ranges, complete; a later one of two ranges, of which range 1 stored nothing yet.
        store(0, full(0, true));
        store(1, full(1, true));
        store(2, full(2, true));
        store(0, later(0, List.of("500"), true));

        SplitOffsets.State state = newest().orElseThrow();

        assertThat(state.load().load()).isEqualTo(new SplitRange(LATER, 0, List.of("500")));
        assertThat(state.ranges()).containsOnlyKeys(0);
        assertThat(state.complete()).isFalse();

        store(1, later(1, List.of("500"), true));
        assertThat(newest().orElseThrow().ranges()).containsOnlyKeys(0, 1);
        assertThat(newest().orElseThrow().complete()).isTrue();
        assertThat(newest().orElseThrow().merged()).isEqualTo(new FullTableOffset(LATER, Optional.empty(), true,
            Optional.of(WHOLE)));
    }

    @Test
    void aLoadOfTheSameStartWithOtherCutsIsAnotherLoad() {
        store(0, later(0, List.of("500"), true));
        store(1, later(1, List.of("600"), true));

        SplitOffsets.State state = newest().orElseThrow();

        assertThat(state.ranges()).hasSize(1);
        assertThat(state.complete()).isFalse();
    }

    @Test
    void aPositionStoredUnderAnotherRangesPartitionIsIgnored() {
        store(0, full(1, true));

        assertThat(newest()).isEmpty();

        store(1, full(1, true));
        store(2, full(0, true));
        assertThat(newest().orElseThrow().ranges()).containsOnlyKeys(1);
    }

    @Test
    void aWholeTablePositionUnderARangesPartitionIsIgnored() {
        store(0, new FullTableOffset(LATER, Optional.empty(), true, Optional.of(WHOLE)));
        store(1, full(1, true));

        assertThat(newest().orElseThrow().ranges()).containsOnlyKeys(1);
    }

    @Test
    void aMalformedStoredPositionIsIgnored() {
        Map<String, Object> malformed = new HashMap<>(ConnectStorage.throughJson(later(0, List.of("5"), true)
            .toMap()));
        malformed.put("split_cuts", "5%zz");
        stored.put(new SplitPartitionKey(DATABASE, TABLE, 0).toMap(), malformed);
        store(1, full(1, true));

        SplitOffsets.State state = newest().orElseThrow();

        assertThat(state.load().load().load()).isEqualTo(START);
        assertThat(state.ranges()).containsOnlyKeys(1);
    }

    @Test
    void theLastOfTheMostRangesIsRead() {
        List<String> cuts = java.util.stream.IntStream.range(1, SplitOffsets.MAX_RANGES)
            .mapToObj(Integer::toString).toList();
        int last = SplitOffsets.MAX_RANGES - 1;
        store(last, new FullTableOffset(LATER, Optional.empty(), true,
            Optional.of(WHOLE.inRange(new SplitRange(LATER, last, cuts)))));

        assertThat(newest().orElseThrow().ranges()).containsOnlyKeys(last);
    }

    @Test
    void anotherDatabasesRangesAreNotRead() {
        store(0, full(0, true));

        assertThat(SplitOffsets.newest(reader, "other_db", TABLE)).isEmpty();
        assertThat(SplitOffsets.newest(reader, DATABASE, TABLE)).isPresent();
    }

    @Test
    void aChangeLoadsPassComesFromARangeStillReading() {
        store(1, reading(1, "10:20:15"));

        SplitLoad load = newest().orElseThrow().load();

        assertThat(load.pass()).contains(new SplitLoad.Pass("10:20:15", 9L, OptionalLong.of(12),
            Optional.of(new SnapshotOrigin(1, 0x1000L, 7L))));
        assertThat(load.exported()).isEmpty();
    }

    @Test
    void aChangeLoadsPassComesFromTheFenceOfARangeThatEnded() {
        store(0, SplitOffsetsStateTest.ended(0, "10:20:15"));

        SplitLoad load = newest().orElseThrow().load();

        assertThat(load.pass()).contains(new SplitLoad.Pass("10:20:15", 0L, OptionalLong.of(12),
            Optional.of(new SnapshotOrigin(1, 0x1000L, 7L))));
    }
}
