/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotsTest {
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
}
