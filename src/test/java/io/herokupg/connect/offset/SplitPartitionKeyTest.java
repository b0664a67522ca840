/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.catalog.TableId;

/** {@link SplitPartitionKey}: the source partition of one range of a split load. */
class SplitPartitionKeyTest {

    static Stream<SplitPartitionKey> keys() {
        return Stream.of(
            new SplitPartitionKey("d9vq1", new TableId("public", "orders"), 0),
            new SplitPartitionKey("d9vq1", new TableId("public", "orders"), 255),
            new SplitPartitionKey("my.db", new TableId("my.schema", "a.b.c"), 3),
            new SplitPartitionKey("100%", new TableId("%2E", "%25.%"), 1),
            new SplitPartitionKey("d", new TableId("public", "a/b"), 2),
            new SplitPartitionKey("d", new TableId("public", "1/2"), 7),
            new SplitPartitionKey("d/e", new TableId("s/", "/t/"), 4),
            new SplitPartitionKey("d", new TableId("public", "ends/"), 9),
            new SplitPartitionKey("", new TableId("", ""), 1),
            new SplitPartitionKey("ünï", new TableId("a,b", "\"quoted\" 表格 |&="), 12));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void roundTripsThroughToMapAndFromMap(SplitPartitionKey key) {
        assertThat(SplitPartitionKey.fromMap(key.toMap())).isEqualTo(key);
    }

    @ParameterizedTest
    @MethodSource("keys")
    void roundTripsThroughConnectsJsonConverter(SplitPartitionKey key) {
        Map<String, Object> stored = ConnectStorage.throughJson(key.toMap());

        assertThat(SplitPartitionKey.fromMap(stored)).isEqualTo(key);
        assertThat(new String(ConnectStorage.serialized(stored), StandardCharsets.UTF_8))
            .isEqualTo(new String(ConnectStorage.serialized(key.toMap()), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void isSplitTellsARangesPartitionFromATables(SplitPartitionKey key) {
        assertThat(SplitPartitionKey.isSplit(key.toMap())).isTrue();
        assertThat(SplitPartitionKey.isSplit(new SourcePartitionKey(key.database(), key.table()).toMap())).isFalse();
        assertThat(SplitPartitionKey.isSplit(null)).isFalse();
    }

    @Test
    void ordinaryNamesAreReadable() {
        assertThat(new SplitPartitionKey("d9vq1", new TableId("public", "orders"), 3).toMap())
            .isEqualTo(Map.of("split", "d9vq1.public.orders/3"));
    }

    @Test
    void rangesOfOneTableHaveDistinctPartitions() {
        TableId table = new TableId("public", "a/1");
        assertThat(new SplitPartitionKey("d", table, 1).toMap()).isNotEqualTo(new SplitPartitionKey("d", table, 11)
            .toMap());
        assertThat(new SplitPartitionKey("d", new TableId("public", "a"), 11).toMap())
            .isNotEqualTo(new SplitPartitionKey("d", new TableId("public", "a/1"), 1).toMap());
    }

    @ParameterizedTest
    @ValueSource(strings = {"d.public.orders", "d.public.orders/", "d.public.orders/x", "d.public.orders/-1",
        "d.public.orders/12345", "public.orders/1", "d.s.public.orders/1", "d.public.%41/1", "/1"})
    void aMalformedValueIsRefusedShowingIt(String value) {
        assertThatThrownBy(() -> SplitPartitionKey.fromMap(Map.of("split", value)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(value);
    }

    @Test
    void aPartitionOfAnotherShapeIsRefused() {
        Map<String, Object> twoKeys = new HashMap<>(Map.of("split", "d.public.orders/1", "table", "d.public.orders"));

        assertThatThrownBy(() -> SplitPartitionKey.fromMap(twoKeys)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("\"split\"");
        assertThatThrownBy(() -> SplitPartitionKey.fromMap(Map.of("split", 1L)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"split\"");
        assertThatThrownBy(() -> SplitPartitionKey.fromMap(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
