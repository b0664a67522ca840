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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.herokupg.connect.config.TableType;

/**
 * Reads tables, views, columns, primary keys and size estimates from {@code pg_catalog}: the only class that does.
 */
public final class PgCatalog {
    // Relations of the selected kinds outside the system schemas and Heroku's extension schema. Partitions are left
    // out (PostgreSQL 10+): a partitioned table is read once, through its parent.
    private static final String RELATIONS = """
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = ANY (string_to_array(?, ','))
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'heroku_ext')
          AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
        """;
    private static final String READABLE = """
          AND pg_catalog.has_schema_privilege(n.oid, 'USAGE')
          AND pg_catalog.has_table_privilege(c.oid, 'SELECT')
        """;
    private static final String UNREADABLE = """
          AND NOT (pg_catalog.has_schema_privilege(n.oid, 'USAGE')
                   AND pg_catalog.has_table_privilege(c.oid, 'SELECT'))
        """;
    private static final String NOT_A_PARTITION = "  AND NOT c.relispartition\n";

    private static final String TABLES_SQL = "SELECT c.oid, n.nspname, c.relname, c.relpages::int8 * 8192, c.relkind\n";

    private static final String COLUMNS_SQL = """
        SELECT a.attrelid, a.attname, a.attnum,
               CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END AS type_oid,
               bt.typname, btn.nspname, pg_catalog.format_type(a.atttypid, a.atttypmod),
               CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod,
               a.attnotnull, a.atttypid, a.atttypmod
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
     * The relations of the given kinds that the connected user can read and whose id the filter accepts, sorted by
     * id, with all their columns.
     */
    public static List<TableInfo> discover(Connection conn, Set<TableType> types, Predicate<TableId> filter)
        throws SQLException {
        String relations = relations(conn) + READABLE;
        String kinds = relkinds(types);
        Map<Long, TableId> ids = new LinkedHashMap<>();
        Map<Long, Long> sizes = new HashMap<>();
        Map<Long, TableType> relationTypes = new HashMap<>();
        Set<Long> partitioned = new HashSet<>();
        try (PreparedStatement st = prepare(conn, TABLES_SQL + relations, kinds);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                TableId id = new TableId(rs.getString(2), rs.getString(3));
                if (filter.test(id)) {
                    ids.put(rs.getLong(1), id);
                    sizes.put(rs.getLong(1), rs.getLong(4));
                    relationTypes.put(rs.getLong(1), typeOf(rs.getString(5)));
                    if ("p".equals(rs.getString(5))) {
                        partitioned.add(rs.getLong(1));
                    }
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ColumnInfo>> columns = columns(conn, relations, kinds, ids);
        Map<Long, List<String>> keys = primaryKeys(conn, relations, kinds, ids, columns);
        List<TableInfo> tables = new ArrayList<>();
        ids.forEach((oid, id) -> tables.add(
            new TableInfo(id, columns.getOrDefault(oid, List.of()), keys.getOrDefault(oid, List.of()),
                sizes.get(oid), relationTypes.get(oid), oid, partitioned.contains(oid))));
        tables.sort(Comparator.comparing(TableInfo::id));
        return tables;
    }

    /**
     * The tables the filter accepts that the connected user cannot read (no USAGE on the schema or no SELECT on
     * the table), sorted by id.
     */
    public static List<TableId> unreadable(Connection conn, Set<TableType> types, Predicate<TableId> filter)
        throws SQLException {
        List<TableId> tables = new ArrayList<>();
        try (PreparedStatement st = prepare(conn, TABLES_SQL + relations(conn) + UNREADABLE, relkinds(types));
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                TableId id = new TableId(rs.getString(2), rs.getString(3));
                if (filter.test(id)) {
                    tables.add(id);
                }
            }
        }
        tables.sort(Comparator.naturalOrder());
        return tables;
    }

    private static TableType typeOf(String relkind) {
        return switch (relkind) {
            case "v" -> TableType.VIEW;
            case "m" -> TableType.MATERIALIZED_VIEW;
            case "f" -> TableType.FOREIGN_TABLE;
            default -> TableType.TABLE;
        };
    }

    /**
     * The columns that lead an index (so that a range condition on one can be an index scan), of each of the given
     * tables that has an index (for a partitioned table, its own, partitioned indexes): one query for them all.
     */
    public static Map<TableId, Set<String>> indexLeadingColumns(Connection conn, Collection<TableId> tables)
        throws SQLException {
        Set<TableId> wanted = Set.copyOf(tables);
        Set<String> schemas = new TreeSet<>();
        wanted.forEach(t -> schemas.add(t.schema()));
        Map<TableId, Set<String>> leading = new HashMap<>();
        if (wanted.isEmpty()) {
            return leading;
        }
        try (PreparedStatement st = conn.prepareStatement(INDEXES_LEADING_SQL)) {
            st.setArray(1, conn.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    TableId id = new TableId(rs.getString(1), rs.getString(2));
                    if (wanted.contains(id)) {
                        leading.computeIfAbsent(id, k -> new HashSet<>()).add(rs.getString(3));
                    }
                }
            }
        }
        return leading;
    }

    private static final String INDEXES_LEADING_SQL = """
        SELECT DISTINCT n.nspname, c.relname, a.attname
        FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
        WHERE n.nspname = ANY (?)
        """;

    /** pg_class.relkind codes of the types: r/p (ordinary, partitioned), v, m, f. */
    private static String relkinds(Set<TableType> types) {
        StringBuilder kinds = new StringBuilder();
        for (TableType type : types) {
            kinds.append(switch (type) {
                case TABLE -> "r,p,";
                case VIEW -> "v,";
                case MATERIALIZED_VIEW -> "m,";
                case FOREIGN_TABLE -> "f,";
            });
        }
        return kinds.toString();
    }

    private static PreparedStatement prepare(Connection conn, String sql, String kinds) throws SQLException {
        PreparedStatement st = conn.prepareStatement(sql);
        st.setString(1, kinds);
        return st;
    }

    private static String relations(Connection conn) throws SQLException {
        return RELATIONS + (conn.getMetaData().getDatabaseMajorVersion() >= 10 ? NOT_A_PARTITION : "");
    }

    private static Map<Long, List<ColumnInfo>> columns(Connection conn, String relations, String kinds,
                                                       Map<Long, TableId> ids) throws SQLException {
        record Row(long relation, ColumnInfo column, long type, int typmod) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement st = prepare(conn, COLUMNS_SQL + relations + ") ORDER BY 1, 3", kinds);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long oid = rs.getLong(1);
                if (ids.containsKey(oid)) {
                    rows.add(new Row(oid, new ColumnInfo(rs.getString(2), rs.getInt(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getBoolean(9)),
                        rs.getLong(10), rs.getInt(11)));
                }
            }
        }
        PgTypeLoader types = PgTypeLoader.load(conn, rows.stream().map(Row::type).collect(Collectors.toSet()));
        Map<Long, List<ColumnInfo>> columns = new HashMap<>();
        for (Row row : rows) {
            ColumnInfo c = row.column();
            columns.computeIfAbsent(row.relation(), k -> new ArrayList<>()).add(new ColumnInfo(c.name(),
                c.position(), c.typeOid(), c.typeName(), c.typeSchema(), c.sqlType(), c.typmod(), c.notNull(),
                types.type(row.type(), row.typmod())));
        }
        return columns;
    }

    private static Map<Long, List<String>> primaryKeys(Connection conn, String relations, String kinds,
                                                       Map<Long, TableId> ids, Map<Long, List<ColumnInfo>> columns)
        throws SQLException {
        Map<Long, List<String>> keys = new HashMap<>();
        try (PreparedStatement st = prepare(conn, PRIMARY_KEYS_SQL + relations + ")", kinds);
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
