/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.offset.ChangeOffset.Mark;
import io.herokupg.connect.offset.ChangeOffset.Pass;

/** The per-row offset maps built from a precomputed part equal those of the full positions. */
class RowOffsetMapsTest {
    private static final long STARTED = 1_767_225_600_123L;
    private static final List<List<String>> KEYS = List.of(List.of("1"), List.of("a,b", "100%"),
        List.of("%2C,%25", ""), List.of("2026-01-01 00:00:00+00", "7", "x"));

    @Test
    void changeOffsetMapsEqualThoseOfTheFullPosition() {
        ChangeOffset position = new ChangeOffset(ChangeOffset.INCREMENTAL, Optional.of("updated_at"),
            Optional.of("10:20:"), Optional.of("low,1"), Optional.of("high"),
            List.of(new Mark(1, "a,b"), new Mark(2, "100%")), STARTED,
            Optional.of(new Pass("15:30:17", 99, Optional.of("n%"), Optional.of(List.of("old", "1")),
                OptionalLong.of(14))), OptionalLong.of(9));
        for (List<String> key : KEYS) {
            assertThat(position.mapsWithLast().apply(key)).isEqualTo(position.withLast(key).toMap());
        }
        ChangeOffset xmin = ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty())
            .withPass(STARTED, new Pass("15:30:", 99, Optional.empty(), Optional.empty()));
        for (List<String> key : KEYS) {
            assertThat(xmin.mapsWithLast().apply(key)).isEqualTo(xmin.withLast(key).toMap());
        }
    }

    @Test
    void rowMapsBehaveAsPlainMaps() {
        for (List<String> key : KEYS) {
            Map<String, Object> row = FullTableOffset.inPassMaps(STARTED, Optional.empty()).apply(key);
            Map<String, Object> plain = new HashMap<>(new FullTableOffset(STARTED, Optional.of(key), false).toMap());
            assertThat(row.hashCode()).isEqualTo(plain.hashCode());
            assertThat(new HashMap<>(row)).isEqualTo(plain);
            assertThat(row.entrySet()).hasSize(plain.size());
            assertThat(row.get("last_key")).isEqualTo(plain.get("last_key"));
            assertThat(row.containsKey("last_key")).isTrue();
            assertThat(row.get("nothing")).isNull();
            assertThatThrownBy(() -> row.put("v", 2)).isInstanceOf(UnsupportedOperationException.class);
        }
        Map<String, Object> none = FullTableOffset.inPassMaps(STARTED, Optional.empty()).apply(null);
        assertThat(none.containsKey("last_key")).isFalse();
        assertThat(none.entrySet().iterator()).toIterable().hasSize(none.size());
    }

    @Test
    void changeOffsetMapsNeedAPass() {
        assertThatThrownBy(() -> ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty()).mapsWithLast())
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fullTableMapsEqualThoseOfTheFullPosition() {
        for (List<String> key : KEYS) {
            assertThat(FullTableOffset.inPassMaps(STARTED, Optional.empty()).apply(key))
                .isEqualTo(new FullTableOffset(STARTED, Optional.of(key), false).toMap());
        }
        assertThat(FullTableOffset.inPassMaps(STARTED, Optional.empty()).apply(null))
            .isEqualTo(new FullTableOffset(STARTED, Optional.empty(), false).toMap());
        assertThatThrownBy(() -> FullTableOffset.inPassMaps(STARTED, Optional.empty()).apply(List.of()))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
