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
 * @param relid          its OID: a table dropped and created again under the same name has another
 * @param partitioned    whether it is a partitioned table (declarative partitioning), read through its partitions
 */
public record TableInfo(TableId id, List<ColumnInfo> columns, List<String> primaryKey, long estimatedBytes,
                        TableType type, long relid, boolean partitioned) {

    public TableInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** A table not read from the catalog (tests, plans): no OID, not partitioned. */
    public TableInfo(TableId id, List<ColumnInfo> columns, List<String> primaryKey, long estimatedBytes,
                     TableType type) {
        this(id, columns, primaryKey, estimatedBytes, type, 0, false);
    }

    /** The same table with only these columns (a selection of them). */
    public TableInfo withColumns(List<ColumnInfo> selected) {
        return new TableInfo(id, selected, primaryKey, estimatedBytes, type, relid, partitioned);
    }

    /**
     * The relation as passes name it after FROM: {@code ONLY "s"."t"} for a table or foreign table, so that a parent
     * of old-style inheritance ({@code INHERITS}) gives its own rows and not its children's, which are tables of their
     * own, replicated (when selected) on their own topics: every row is read once, from the table that holds it. A
     * partitioned table is read whole, through its partitions (which are not selected themselves).
     */
    public String fromItem() {
        boolean ownRowsOnly = !partitioned && (type == TableType.TABLE || type == TableType.FOREIGN_TABLE);
        return (ownRowsOnly ? "ONLY " : "") + id.quoted();
    }

    public Optional<ColumnInfo> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Whether its rows carry the transaction id that wrote them ({@code xmin}): tables and materialized views. */
    public boolean hasRowVersions() {
        return type == TableType.TABLE || type == TableType.MATERIALIZED_VIEW;
    }

    /** The primary-key columns in key order. */
    public List<ColumnInfo> primaryKeyColumns() {
        return primaryKey.stream()
            .map(name -> column(name).orElseThrow(() -> new IllegalStateException(
                "primary-key column " + name + " of " + id + " is not among its columns")))
            .toList();
    }
}
