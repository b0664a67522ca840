/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.herokupg.connect.config.DiscoverySettings;

/**
 * The one discovery of tables: the relations of the configured kinds that the table rules select (or, for a task,
 * that it was assigned) and the connected user can read, described from the catalog, with the columns the column
 * rules select (primary-key columns are always kept). The connector's checks ({@code Preflight}: at start, in
 * validation and at each scheduled discovery) and the task discover through it.
 */
public final class TableDiscovery {
    private final DiscoverySettings settings;

    public TableDiscovery(DiscoverySettings settings) {
        this.settings = settings;
    }

    /** A selected table as the catalog describes it (every column) and as it is replicated (its selected columns). */
    public record Discovered(TableInfo described, TableInfo selected) {
    }

    /** The selected tables, sorted by id, with their selected columns. */
    public List<TableInfo> discover(Connection conn) throws SQLException {
        return discover(conn, this::selected);
    }

    /**
     * The tables of the configured kinds that the filter accepts (in place of the table rules: a task's assigned
     * tables) and the user can read, sorted by id, with their selected columns.
     */
    public List<TableInfo> discover(Connection conn, Predicate<TableId> filter) throws SQLException {
        return PgCatalog.discover(conn, settings.types(), filter).stream().map(this::selectColumns).toList();
    }

    /**
     * One table as the catalog describes it now, with its selected columns; empty when it no longer exists, the user
     * can no longer read it, or it is not of a configured kind.
     */
    public Optional<TableInfo> describe(Connection conn, TableId table) throws SQLException {
        return discover(conn, table::equals).stream().findFirst();
    }

    /** Each selected table, sorted by id, described whole and with its selected columns: what validation checks. */
    public List<Discovered> describeSelection(Connection conn) throws SQLException {
        return PgCatalog.discover(conn, settings.types(), this::selected).stream()
            .map(t -> new Discovered(t, selectColumns(t)))
            .toList();
    }

    /** The tables of the configured kinds that the table rules select but the user cannot read, sorted by id. */
    public List<TableId> unreadable(Connection conn) throws SQLException {
        return PgCatalog.unreadable(conn, settings.types(), this::selected);
    }

    /** Whether the table rules select the table. */
    public boolean selected(TableId table) {
        return settings.tables().matches(table.schema(), table.table());
    }

    private TableInfo selectColumns(TableInfo table) {
        return CatalogFilter.selectColumns(table, settings.columns());
    }
}
