/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read.plan;

import java.util.ArrayList;
import java.util.List;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.SplitRange;

/** The range of an INCREMENTAL pass, on its replication key; a split load's range. Values in, SQL out. */
public final class KeyRange {
    private KeyRange() {
    }

    /**
     * The pass's range: from its re-read bound ({@code low}, inclusive) on a table with row versions; strictly after
     * the highest key emitted on a view (no fence there), or from its start key before that; else every row with a
     * key.
     */
    public static List<String> conditions(ColumnInfo key, ChangeOffset position, boolean versioned) {
        String column = Identifiers.quote(key.name());
        if (versioned && position.low().isPresent()) {
            return List.of(column + " >= " + Sql.cast(position.low().get(), key.sqlType()));
        }
        if (!versioned && position.high().isPresent()) {
            return List.of(column + " > " + Sql.cast(position.high().get(), key.sqlType()));
        }
        if (!versioned && position.low().isPresent()) {
            // A view's start key (start.position=key), until a pass emitted a row.
            return List.of(column + " >= " + Sql.cast(position.low().get(), key.sqlType()));
        }
        return List.of(column + " IS NOT NULL");
    }

    /**
     * The rows of one range of a split load: its leading primary-key column from the range's lower cut (inclusive)
     * to its upper cut (exclusive); the first and last ranges are open, so the ranges hold every row exactly once.
     */
    public static List<String> split(TableInfo table, SplitRange range) {
        ColumnInfo leading = table.primaryKeyColumns().get(0);
        String column = Sql.column(table, leading.name());
        List<String> conditions = new ArrayList<>(2);
        range.lower().ifPresent(low -> conditions.add(column + " >= " + Sql.cast(low, leading.sqlType())));
        range.upper().ifPresent(high -> conditions.add(column + " < " + Sql.cast(high, leading.sqlType())));
        return conditions;
    }

    /** A row whose key is below a bound: a pass from that bound on will not read it. */
    public static String below(TableInfo table, ColumnInfo key, String bound) {
        return Sql.column(table, key.name()) + " < " + Sql.cast(bound, key.sqlType());
    }
}
