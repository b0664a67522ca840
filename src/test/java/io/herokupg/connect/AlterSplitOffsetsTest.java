/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.offset.FullTableOffset;
import io.herokupg.connect.offset.SplitPartitionKey;
import io.herokupg.connect.offset.SplitRange;
import io.herokupg.connect.offset.TableIdentity;

/** {@link HerokuPostgresSourceConnector#alterOffsets} of the partitions of split ranges (KIP-875). */
class AlterSplitOffsetsTest {
    private static final Map<String, Object> RANGE = new SplitPartitionKey("app_db", new TableId("public", "a/b"), 2)
        .toMap();

    private final HerokuPostgresSourceConnector connector = new HerokuPostgresSourceConnector();

    private static Map<String, Object> rangeOffset() {
        return new HashMap<>(new FullTableOffset(1_767_225_600_000L, Optional.of(List.of("150")), false,
            Optional.of(new TableIdentity(16_384, List.of("id")).inRange(new SplitRange(1_767_225_600_000L, 2,
                List.of("100", "200", "300"))))).toMap());
    }

    private boolean alter(Map<String, ?> partition, Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition, offset);
        return connector.alterOffsets(Map.of(), offsets);
    }

    @Test
    void aRangesPositionAndItsResetAreAccepted() {
        assertThat(alter(RANGE, rangeOffset())).isTrue();
        assertThat(alter(RANGE, null)).isTrue();
        assertThat(alter(Map.of("split", "app_db.public.orders/0"), null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"app_db.public.orders", "app_db.public.orders/x", "app_db.orders/1",
        "app_db.public.orders/12345", "app_db.public.%zz/1"})
    void aMalformedRangePartitionIsRefusedShowingIt(String value) {
        assertThatThrownBy(() -> alter(Map.of("split", value), null)).isInstanceOf(ConnectException.class)
            .hasMessageContaining("split range's source partition").hasMessageContaining(value);
    }

    @Test
    void aRangePartitionWithAnotherKeyIsRefused() {
        Map<String, Object> twoKeys = Map.of("split", "app_db.public.orders/1", "table", "app_db.public.orders");

        assertThatThrownBy(() -> alter(twoKeys, null)).isInstanceOf(ConnectException.class)
            .hasMessageContaining("\"split\"");
    }

    @Test
    void aRangesMalformedPositionIsRefusedNamingTheField() {
        Map<String, Object> badIndex = rangeOffset();
        badIndex.put("split_index", 9L);
        Map<String, Object> badCuts = rangeOffset();
        badCuts.put("split_cuts", "100,%zz");

        for (Map.Entry<String, Map<String, Object>> bad : Map.of("split_index", badIndex, "split_cuts", badCuts)
            .entrySet()) {
            assertThatThrownBy(() -> alter(RANGE, bad.getValue())).as(bad.getKey())
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("app_db.public.a/b/2")
                .hasMessageContaining("\"" + bad.getKey() + "\"");
        }
    }
}
