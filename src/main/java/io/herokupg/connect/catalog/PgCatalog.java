/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads tables, columns, primary keys and size estimates from {@code pg_catalog}: the only class that does. */
public final class PgCatalog {
    // Ordinary and partitioned tables the user may read, outside the system schemas and Heroku's extension
    // schema. Partitions are left out (PostgreSQL 10+): a partitioned table is read once, through its parent.
    private static final String RELATIONS = """
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'heroku_ext')
          AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
          AND pg_catalog.has_schema_privilege(n.oid, 'USAGE')
          AND pg_catalog.has_table_privilege(c.oid, 'SELECT')
        """;
    private static final String NOT_A_PARTITION = "  AND NOT c.relispartition\n";

    private static final String TABLES_SQL = "SELECT c.oid, n.nspname, c.relname, c.relpages::int8 * 8192\n";

    private static final String COLUMNS_SQL = """
        SELECT a.attrelid, a.attname, a.attnum,
               CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END AS type_oid,
               bt.typname, btn.nspname, pg_catalog.format_type(a.atttypid, a.atttypmod),
               CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod,
               a.attnotnull
        FROM pg_catalog.pg_attribute a
        JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        JOIN pg_catalog.pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
        JOIN pg_catalog.pg_namespace btn ON btn.oid = bt.typnamespace
        WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid IN (SELECT c.oid
        """;

    private static final String PRIMARY_KEYS_SQL = """
        SELECT i.indrelid, i.indkey::int2[]
        FROM pg_catalog.pg_index i
        WHERE i.indisprimary AND i.indrelid IN (SELECT c.oid
        """;

    private PgCatalog() {
    }

    /**
     * The tables the connected user can read whose id the filter accepts, sorted by id.
     */
    public static List<TableInfo> discover(Connection conn, Predicate<TableId> filter) throws SQLException {
        String relations = RELATIONS + (conn.getMetaData().getDatabaseMajorVersion() >= 10 ? NOT_A_PARTITION : "");
        Map<Long, TableId> ids = new LinkedHashMap<>();
        Map<Long, Long> sizes = new HashMap<>();
        try (PreparedStatement st = conn.prepareStatement(TABLES_SQL + relations);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                TableId id = new TableId(rs.getString(2), rs.getString(3));
                if (filter.test(id)) {
                    ids.put(rs.getLong(1), id);
                    sizes.put(rs.getLong(1), rs.getLong(4));
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ColumnInfo>> columns = columns(conn, relations, ids);
        Map<Long, List<String>> keys = primaryKeys(conn, relations, ids, columns);
        List<TableInfo> tables = new ArrayList<>();
        ids.forEach((oid, id) -> tables.add(
            new TableInfo(id, columns.getOrDefault(oid, List.of()), keys.getOrDefault(oid, List.of()),
                sizes.get(oid))));
        tables.sort(Comparator.comparing(TableInfo::id));
        return tables;
    }

    private static Map<Long, List<ColumnInfo>> columns(Connection conn, String relations, Map<Long, TableId> ids)
        throws SQLException {
        Map<Long, List<ColumnInfo>> columns = new HashMap<>();
        try (PreparedStatement st = conn.prepareStatement(COLUMNS_SQL + relations + ") ORDER BY 1, 3");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long oid = rs.getLong(1);
                if (ids.containsKey(oid)) {
                    columns.computeIfAbsent(oid, k -> new ArrayList<>()).add(new ColumnInfo(
                        rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getInt(8), rs.getBoolean(9)));
                }
            }
        }
        return columns;
    }

    private static Map<Long, List<String>> primaryKeys(Connection conn, String relations, Map<Long, TableId> ids,
                                                       Map<Long, List<ColumnInfo>> columns) throws SQLException {
        Map<Long, List<String>> keys = new HashMap<>();
        try (PreparedStatement st = conn.prepareStatement(PRIMARY_KEYS_SQL + relations + ")");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long oid = rs.getLong(1);
                if (!ids.containsKey(oid)) {
                    continue;
                }
                Array array = rs.getArray(2);
                List<String> names = new ArrayList<>();
                for (Object attnum : (Object[]) array.getArray()) {
                    int position = ((Number) attnum).intValue();
                    columns.get(oid).stream().filter(c -> c.position() == position).findFirst()
                        .ifPresent(c -> names.add(c.name()));
                }
                keys.put(oid, names);
            }
        }
        return keys;
    }
}
