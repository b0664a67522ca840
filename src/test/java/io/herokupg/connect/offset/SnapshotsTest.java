/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotsTest {
    private static final Optional<List<Long>> UNKNOWN = Optional.empty();

    @Test
    void parsesTheBounds() {
        assertThat(Snapshots.parse("4294967200:4294967301:4294967295")).isEqualTo(
            new Snapshots.Bounds(4_294_967_200L, 4_294_967_301L));
        assertThat(Snapshots.parse("10:10:")).isEqualTo(new Snapshots.Bounds(10, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10:20", "10:20:30:", "0:5:", "20:10:", "10:20:9", "10:20:20", "a:20:", "10:20:x",
        "10:20:11,"})
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> Snapshots.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsTheRunningTransactions() {
        assertThat(Snapshots.running("10:20:")).isEmpty();
        assertThat(Snapshots.running("10:20:10,15,19")).containsExactly(10L, 15L, 19L);
    }

    @Test
    void theOldestEndedIsTheOldestRunningInTheFirstAndNotInTheSecond() {
        assertThat(Snapshots.oldestEnded("10:20:10,15", UNKNOWN, "10:30:10,25")).hasValue(15);
        assertThat(Snapshots.oldestEnded("10:20:10,15", UNKNOWN, "30:30:")).hasValue(10);
        assertThat(Snapshots.oldestEnded("10:20:10,15", UNKNOWN, "10:30:10,15")).isEmpty();
        assertThat(Snapshots.oldestEnded("20:20:", UNKNOWN, "30:30:")).isEmpty();
    }

    @Test
    void onlyTransactionsThatMayHaveSubtransactionsCount() {
        assertThat(Snapshots.oldestEnded("10:20:10,15", Optional.of(List.of(15L)), "30:30:")).hasValue(15);
        assertThat(Snapshots.oldestEnded("10:20:10,15", Optional.of(List.of()), "30:30:")).isEmpty();
        assertThat(Snapshots.oldestEnded("10:20:10,15", Optional.of(List.of(10L)), "10:30:10")).isEmpty();
    }

    @Test
    void idsAreComparedAs64BitNumbers() {
        String fence = "4294967290:4294967310:4294967295,4294967301";
        assertThat(Snapshots.oldestEnded(fence, UNKNOWN, "4294967295:4294967320:4294967295"))
            .isEqualTo(OptionalLong.of(4_294_967_301L));
        assertThat(Snapshots.oldestEnded(fence, Optional.of(List.of(4_294_967_295L)), "4294967320:4294967320:"))
            .isEqualTo(OptionalLong.of(4_294_967_295L));
    }
}
