/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.util.List;

import io.herokupg.connect.config.ColumnSelection;

/** Applies the column selection to discovered tables. */
public final class CatalogFilter {
    private CatalogFilter() {
    }

    /** The table with only its selected columns, plus its primary-key columns, which are never left out. */
    public static TableInfo selectColumns(TableInfo table, ColumnSelection selection) {
        List<ColumnInfo> columns = table.columns().stream()
            .filter(c -> table.primaryKey().contains(c.name())
                || selection.matches(table.id().schema(), table.id().table(), c.name()))
            .toList();
        return table.withColumns(columns);
    }

    /** The primary-key columns of the table that the selection would leave out (an error to report). */
    public static List<String> excludedKeyColumns(TableInfo table, ColumnSelection selection) {
        return table.primaryKey().stream()
            .filter(k -> !selection.matches(table.id().schema(), table.id().table(), k))
            .toList();
    }
}
