/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.offset.ChangeOffset.Mark;
import io.herokupg.connect.offset.ChangeOffset.Pass;

/** How a {@link ChangeOffset} moves through a pass: {@code completed}, {@code withHorizon} and {@code lowFor}. */
class ChangeOffsetPassTest {
    private static final long STARTED = 1_000L;
    private static final String FENCE = "100:105:101";
    private static final String SNAPSHOT = "104:120:104,110";
    private static final List<Mark> HISTORY = List.of(new Mark(100, "a"), new Mark(200, "b"), new Mark(300, "c"));

    private static ChangeOffset incremental(Optional<String> low, Optional<String> high, List<Mark> history) {
        return new ChangeOffset(ChangeOffset.INCREMENTAL, Optional.of("k"), Optional.of(FENCE), low, high, history,
            STARTED, Optional.empty());
    }

    private static Pass pass(Optional<String> nextLow) {
        return new Pass(SNAPSHOT, 400, nextLow, Optional.empty());
    }

    @Test
    void aCompletedKeyedPassBecomesTheFenceAndRecordsItsHighestKeyAtItsTime() {
        ChangeOffset during = incremental(Optional.of("a"), Optional.of("c"), HISTORY)
            .withPass(2_000L, pass(Optional.of("b")))
            .withLast(List.of("d", "1"))
            .withLast(List.of("e", "7"));

        ChangeOffset done = during.completed(true, 16);

        List<Mark> history = List.of(new Mark(100, "a"), new Mark(200, "b"), new Mark(300, "c"), new Mark(400, "e"));
        assertThat(done).isEqualTo(new ChangeOffset(ChangeOffset.INCREMENTAL, Optional.of("k"), Optional.of(SNAPSHOT),
            Optional.of("b"), Optional.of("e"), history, 2_000L, Optional.empty()));
    }

    @Test
    void aKeyedPassThatEmittedNothingKeepsItsHighestKeyAndMarksItAgain() {
        ChangeOffset done = incremental(Optional.of("a"), Optional.of("c"), HISTORY)
            .withPass(2_000L, pass(Optional.empty())).completed(true, 16);

        assertThat(done.high()).contains("c");
        assertThat(done.low()).as("the pass's next bound").isEmpty();
        assertThat(done.history()).endsWith(new Mark(400, "c")).hasSize(4);
        assertThat(done.fence()).contains(SNAPSHOT);
    }

    @Test
    void theFirstKeyedPassOfAnEmptyTableMarksNothing() {
        ChangeOffset done = ChangeOffset.initial(ChangeOffset.INCREMENTAL, Optional.of("k"))
            .withPass(2_000L, pass(Optional.empty())).completed(true, 16);

        assertThat(done.high()).isEmpty();
        assertThat(done.history()).isEmpty();
        assertThat(done.fence()).contains(SNAPSHOT);
        assertThat(done.passStartedMs()).isEqualTo(2_000L);
    }

    @Test
    void aCompletedXminPassKeepsNoKeys() {
        ChangeOffset done = ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty())
            .withPass(2_000L, pass(Optional.empty())).withLast(List.of("4294967301", "3")).completed(false, 16);

        assertThat(done).isEqualTo(new ChangeOffset(ChangeOffset.XMIN, Optional.empty(), Optional.of(SNAPSHOT),
            Optional.empty(), Optional.empty(), List.of(), 2_000L, Optional.empty()));
    }

    @Test
    void theHistoryKeepsItsOldestMarkAndDropsTheOnesAfterIt() {
        ChangeOffset done = incremental(Optional.empty(), Optional.of("c"), HISTORY)
            .withPass(2_000L, pass(Optional.empty())).withLast(List.of("d")).completed(true, 3);

        assertThat(done.history()).containsExactly(new Mark(100, "a"), new Mark(300, "c"), new Mark(400, "d"));
    }

    @Test
    void onlyAPassInProgressCanBeCompleted() {
        ChangeOffset idle = incremental(Optional.empty(), Optional.empty(), List.of());

        assertThatThrownBy(() -> idle.completed(true, 16)).isInstanceOf(IllegalStateException.class);
        assertThat(idle.withLast(List.of("x"))).as("no pass to record it in").isEqualTo(idle);
    }

    @Test
    void theHorizonChoosesTheLastMarkAtOrBeforeIt() {
        ChangeOffset offset = incremental(Optional.of("low"), Optional.of("c"), HISTORY);

        assertThat(offset.lowFor(99)).as("before every mark: the current bound").contains("low");
        assertThat(offset.lowFor(100)).contains("a");
        assertThat(offset.lowFor(299)).contains("b");
        assertThat(offset.lowFor(300)).contains("c");
        assertThat(offset.lowFor(Long.MAX_VALUE)).contains("c");
        assertThat(incremental(Optional.empty(), Optional.empty(), HISTORY).lowFor(50)).isEmpty();
        assertThat(offset.history()).as("lowFor changes nothing").isEqualTo(HISTORY);
    }

    @Test
    void withHorizonDropsTheMarksBeforeTheOneChosen() {
        ChangeOffset offset = incremental(Optional.of("low"), Optional.of("c"), HISTORY)
            .withPass(2_000L, pass(Optional.of("b")));

        ChangeOffset moved = offset.withHorizon(250);

        assertThat(moved.history()).containsExactly(new Mark(200, "b"), new Mark(300, "c"));
        assertThat(moved.low()).as("the bound of the pass in progress stays").contains("low");
        assertThat(moved.pass()).isEqualTo(offset.pass());
        assertThat(moved.lowFor(250)).isEqualTo(offset.lowFor(250)).contains("b");
        assertThat(offset.withHorizon(99)).as("no mark old enough").isEqualTo(offset);
        assertThat(offset.withHorizon(300).history()).containsExactly(new Mark(300, "c"));
    }

    @Test
    void aPassCarriesItsSnapshotTimeAndNextBound() {
        ChangeOffset offset = incremental(Optional.of("a"), Optional.of("c"), HISTORY)
            .withPass(2_000L, pass(Optional.of("b")));

        assertThat(offset.passStartedMs()).isEqualTo(2_000L);
        assertThat(offset.pass()).contains(new Pass(SNAPSHOT, 400, Optional.of("b"), Optional.empty()));
        assertThat(offset.fence()).as("the fence changes when the pass completes").contains(FENCE);
        assertThat(offset.withMark(new Mark(500, "z")).history()).endsWith(new Mark(500, "z")).hasSize(4);
    }
}
