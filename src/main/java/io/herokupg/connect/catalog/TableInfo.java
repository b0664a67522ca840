/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.util.List;
import java.util.Optional;

import io.herokupg.connect.config.TableType;

/**
 * A replicable table: its columns in order, its primary key and its size as the planner estimates it.
 *
 * @param primaryKey     the primary-key column names in key order; empty when the table has none
 * @param estimatedBytes the on-disk size from the catalog statistics, for balancing tasks
 * @param type           what kind of relation it is
 */
public record TableInfo(TableId id, List<ColumnInfo> columns, List<String> primaryKey, long estimatedBytes,
                        TableType type) {

    public TableInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public Optional<ColumnInfo> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The primary-key columns in key order. */
    /** Whether its rows carry the transaction id that wrote them ({@code xmin}): tables and materialized views. */
    public boolean hasRowVersions() {
        return type == TableType.TABLE || type == TableType.MATERIALIZED_VIEW;
    }

    public List<ColumnInfo> primaryKeyColumns() {
        return primaryKey.stream()
            .map(name -> column(name).orElseThrow(() -> new IllegalStateException(
                "primary-key column " + name + " of " + id + " is not among its columns")))
            .toList();
    }
}
