/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.TableId;

/**
 * {@link SplitOffsets.State}: whether a load is complete, and the table's position it leaves ({@code merged()}),
 * taken up only when the table's own position is older ({@code after()}).
 */
class SplitOffsetsStateTest {
    static final long START = 1_767_225_600_000L;
    static final TableId TABLE = new TableId("public", "orders");
    static final TableIdentity WHOLE = new TableIdentity(16_384, List.of("id"), "token-1");
    static final List<String> CUTS = List.of("100", "200");
    static final SplitRange LOAD = new SplitRange(START, 0, CUTS);
    private static final SnapshotOrigin ORIGIN = new SnapshotOrigin(1, 0x1000L, 7L);

    static TableIdentity in(int index) {
        return WHOLE.inRange(LOAD.other(index));
    }

    static FullTableOffset full(int index, boolean complete) {
        return new FullTableOffset(START, complete ? Optional.empty() : Optional.of(List.of("150")), complete,
            Optional.of(in(index)));
    }

    /** A range of an XMIN load that ended: the load's snapshot as its fence, with its own bound and history. */
    static ChangeOffset ended(int index, String fence) {
        return new ChangeOffset(ChangeOffset.XMIN, Optional.empty(), Optional.of(fence), Optional.of("low"),
            Optional.of("high"), List.of(new ChangeOffset.Mark(5, "k")), START, Optional.empty(), OptionalLong.of(12),
            Optional.of(ORIGIN), Optional.of(in(index)));
    }

    /** A range of an XMIN load still reading. */
    static ChangeOffset reading(int index, String snapshot) {
        return ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty())
            .withPass(START, new ChangeOffset.Pass(snapshot, 9L, Optional.empty(), Optional.of(List.of("150")),
                OptionalLong.of(12), true, Optional.of(ORIGIN)))
            .withIdentity(in(index));
    }

    private static SplitOffsets.State state(Map<Integer, TableOffset> ranges) {
        return new SplitOffsets.State(new SplitLoad(TABLE, LOAD, Optional.empty(), Optional.empty()), ranges);
    }

    @Test
    void aLoadIsCompleteWhenEveryRangeStoredACompletePosition() {
        assertThat(state(Map.of(0, full(0, true), 1, full(1, true), 2, full(2, true))).complete()).isTrue();
        assertThat(state(Map.of(0, ended(0, "10:20:"), 1, ended(1, "10:20:"), 2, ended(2, "10:20:"))).complete())
            .isTrue();
    }

    @Test
    void aLoadIsNotCompleteWhileARangeReadsOrHasStoredNothing() {
        assertThat(state(Map.of(0, full(0, true), 1, full(1, false), 2, full(2, true))).complete()).isFalse();
        assertThat(state(Map.of(0, full(0, true), 2, full(2, true))).complete()).isFalse();
        assertThat(state(Map.of()).complete()).isFalse();
        assertThat(state(Map.of(0, ended(0, "10:20:"), 1, reading(1, "10:20:"), 2, ended(2, "10:20:"))).complete())
            .isFalse();
    }

    @Test
    void aChangeRangeWithoutFenceIsNotComplete() {
        ChangeOffset noFence = ended(1, "10:20:").withoutFence();

        assertThat(SplitOffsets.complete(noFence)).isFalse();
        assertThat(state(Map.of(0, ended(0, "10:20:"), 1, noFence, 2, ended(2, "10:20:"))).complete()).isFalse();
    }

    @Test
    void aFullTableLoadMergesIntoACompletePassStartedWithTheLoad() {
        TableOffset merged = state(Map.of(0, full(0, true), 1, full(1, true), 2, full(2, true))).merged();

        assertThat(merged).isEqualTo(new FullTableOffset(START, Optional.empty(), true, Optional.of(WHOLE)));
        assertThat(merged.identity().orElseThrow().range()).isEmpty();
    }

    @Test
    void aChangeLoadMergesIntoItsFenceWithoutBoundHistoryOrPass() {
        ChangeOffset merged = (ChangeOffset) state(Map.of(0, ended(0, "10:20:15"), 1, ended(1, "10:20:15"),
            2, ended(2, "10:20:15"))).merged();

        assertThat(merged).isEqualTo(new ChangeOffset(ChangeOffset.XMIN, Optional.empty(), Optional.of("10:20:15"),
            Optional.empty(), Optional.empty(), List.of(), START, Optional.empty(), OptionalLong.of(12),
            Optional.of(ORIGIN), Optional.of(WHOLE)));
        assertThat(merged.low()).isEmpty();
        assertThat(merged.high()).isEmpty();
        assertThat(merged.history()).isEmpty();
        assertThat(merged.pass()).isEmpty();
        assertThat(merged.identity().orElseThrow().range()).isEmpty();
    }

    @Test
    void rangesThatEndedWithDifferentSnapshotsLeaveNoFence() {
        ChangeOffset merged = (ChangeOffset) state(Map.of(0, ended(0, "10:20:15"), 1, ended(1, "30:31:"),
            2, ended(2, "10:20:15"))).merged();

        assertThat(merged.fence()).isEmpty();
        assertThat(merged.fenceWatermark()).isEmpty();
        assertThat(merged.fenceOrigin()).isEmpty();
        assertThat(merged.pass()).isEmpty();
        assertThat(merged.passStartedMs()).isEqualTo(START);
        assertThat(merged.identity()).contains(WHOLE);
    }

    @Test
    void theMergedPositionRoundTripsAsTheTablesOwn() {
        TableOffset merged = state(Map.of(0, ended(0, "10:20:15"), 1, ended(1, "10:20:15"), 2, ended(2, "10:20:15")))
            .merged();

        TableOffset stored = TableOffset.fromMap(ConnectStorage.throughJson(merged.toMap()));

        assertThat(stored).isEqualTo(merged);
        assertThat(stored.toMap()).doesNotContainKeys("split_load", "split_index", "split_cuts");
    }

    @Test
    void afterTakesTheLoadOnlyWhenTheTablesOwnPositionIsOlder() {
        SplitOffsets.State done = state(Map.of(0, full(0, true), 1, full(1, true), 2, full(2, true)));
        FullTableOffset older = new FullTableOffset(START - 1, Optional.empty(), true, Optional.of(WHOLE));
        FullTableOffset newer = new FullTableOffset(START + 1, Optional.of(List.of("7")), false, Optional.of(WHOLE));
        FullTableOffset same = new FullTableOffset(START, Optional.empty(), true, Optional.of(WHOLE));

        assertThat(done.after(Optional.empty())).contains(done.merged());
        assertThat(done.after(Optional.of(older))).contains(done.merged());
        assertThat(done.after(Optional.of(newer))).isEmpty();
        assertThat(done.after(Optional.of(same))).isEmpty();
    }

    @Test
    void afterComparesAChangePositionByItsPassStart() {
        SplitOffsets.State done = state(Map.of(0, ended(0, "10:20:"), 1, ended(1, "10:20:"), 2, ended(2, "10:20:")));
        ChangeOffset older = ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty()).withPass(START - 60_000,
            new ChangeOffset.Pass("1:2:", 1L, Optional.empty(), Optional.empty()));
        ChangeOffset newer = ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty()).withPass(START + 60_000,
            new ChangeOffset.Pass("1:2:", 1L, Optional.empty(), Optional.empty()));

        assertThat(done.after(Optional.of(older))).contains(done.merged());
        assertThat(done.after(Optional.of(newer))).isEmpty();
    }

    @Test
    void afterGivesNothingWhileTheLoadRuns() {
        SplitOffsets.State running = state(Map.of(0, full(0, true), 1, full(1, false), 2, full(2, true)));

        assertThat(running.after(Optional.empty())).isEmpty();
    }
}
