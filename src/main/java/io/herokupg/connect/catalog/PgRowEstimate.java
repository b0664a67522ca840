/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** The planner's estimate of a table's row count ({@code pg_class.reltuples}), for a full read's progress. */
public final class PgRowEstimate {
    private static final String SQL = "SELECT c.reltuples::int8 FROM pg_catalog.pg_class c"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";

    private PgRowEstimate() {
    }

    /** The estimate, if the table was ever analyzed (a never-analyzed table has -1 since PostgreSQL 14, else 0). */
    public static OptionalLong of(Connection conn, TableId table) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(SQL)) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next() && rs.getLong(1) > 0) {
                    return OptionalLong.of(rs.getLong(1));
                }
                return OptionalLong.empty();
            }
        }
    }

    /**
     * The estimates of tables by OID, in one query: 0 for a table never analyzed; a partitioned table's is its
     * partitions' (one level down).
     */
    public static Map<Long, Long> of(Connection conn, Collection<Long> relids) throws SQLException {
        Map<Long, Long> estimates = new HashMap<>();
        if (relids.isEmpty()) {
            return estimates;
        }
        try (PreparedStatement st = conn.prepareStatement("SELECT c.oid::int8, greatest(c.reltuples, 0)::int8"
            + " + coalesce((SELECT sum(greatest(k.reltuples, 0))::int8 FROM pg_catalog.pg_inherits i"
            + " JOIN pg_catalog.pg_class k ON k.oid = i.inhrelid WHERE i.inhparent = c.oid), 0)"
            + " FROM pg_catalog.pg_class c WHERE c.oid::int8 = ANY (?)")) {
            st.setArray(1, conn.createArrayOf("int8", relids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    estimates.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return estimates;
    }
}
