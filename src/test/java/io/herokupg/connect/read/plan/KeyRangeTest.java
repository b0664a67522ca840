/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.offset.ChangeOffset;

/** An INCREMENTAL pass's range on its key: the re-read bound, a view's highest key, or a start key. */
class KeyRangeTest {
    private static final ColumnInfo KEY = new ColumnInfo("id", 1, 20, "int8", "pg_catalog", "bigint", -1, true);

    @Test
    void aStartKeyBoundsTheFirstPassOfATableAndOfAView() {
        ChangeOffset start = new ChangeOffset("INCREMENTAL", Optional.of("id"), Optional.empty(), Optional.of("201"),
            Optional.empty(), List.of(), 0, Optional.empty());

        assertThat(KeyRange.conditions(KEY, start, true)).singleElement().asString().startsWith("\"id\" >= ")
            .contains("201");
        assertThat(KeyRange.conditions(KEY, start, false)).singleElement().asString().startsWith("\"id\" >= ")
            .contains("201");
    }

    @Test
    void aViewGoesOnAfterItsHighestKeyOnceItHasOne() {
        ChangeOffset after = new ChangeOffset("INCREMENTAL", Optional.of("id"), Optional.empty(), Optional.of("201"),
            Optional.of("250"), List.of(), 0, Optional.empty());

        assertThat(KeyRange.conditions(KEY, after, false)).singleElement().asString().startsWith("\"id\" > ")
            .contains("250");
    }

    @Test
    void withoutABoundEveryRowWithAKey() {
        assertThat(KeyRange.conditions(KEY, ChangeOffset.initial("INCREMENTAL", Optional.of("id")), true))
            .containsExactly("\"id\" IS NOT NULL");
    }
}
