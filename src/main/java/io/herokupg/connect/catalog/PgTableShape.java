/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A cheap fingerprint of a table's shape (its OID, its columns' numbers, names, types, modifiers and nullability, and
 * its primary key), read before each pass to notice {@code ALTER TABLE} (or a table dropped and created again under
 * the same name) without re-reading the whole catalog.
 */
public final class PgTableShape {
    private static final String SQL = """
        SELECT c.oid || '|'
               || (SELECT string_agg(a.attnum || ':' || a.attname || ':' || a.atttypid || ':' || a.atttypmod || ':'
                                     || a.attnotnull, ',' ORDER BY a.attnum)
                FROM pg_catalog.pg_attribute a
                WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
               || '|' || coalesce((SELECT i.indkey::text FROM pg_catalog.pg_index i
                                   WHERE i.indrelid = c.oid AND i.indisprimary), '')
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ? AND c.relname = ?
        """;

    private PgTableShape() {
    }

    /** The table's fingerprint; empty when it does not exist. */
    public static Optional<String> fingerprint(Connection conn, TableId table) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(SQL)) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The fingerprint as a scalar subquery of another statement (NULL when the table does not exist), with two
     * parameters: the schema and the table's name.
     */
    static String subquery() {
        return "(" + SQL.strip() + ")";
    }
}
