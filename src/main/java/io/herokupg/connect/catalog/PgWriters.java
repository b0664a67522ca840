/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the catalog tells of how rows get written, for the checks of INCREMENTAL's assumptions at validation: the
 * sequences a column draws its values from and how many values each session caches, a table's inheritance children,
 * the time zone sessions get by default, and background processes that write rows.
 */
public final class PgWriters {
    // The sequences a column's default draws from (nextval('s'): the default depends on s) or that generate it
    // (an identity column: the sequence depends on the column), with their cache (PostgreSQL 10+).
    private static final String CACHED_SEQUENCES = """
        SELECT src.relid, src.attnum, s.seqrelid::regclass::text, s.seqcache
        FROM (SELECT ad.adrelid AS relid, ad.adnum AS attnum, d.refobjid AS seq
              FROM pg_catalog.pg_attrdef ad
              JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.objid = ad.oid
                   AND d.refclassid = 'pg_catalog.pg_class'::regclass
              WHERE ad.adrelid = ANY (?)
              UNION
              SELECT d.refobjid, d.refobjsubid, d.objid
              FROM pg_catalog.pg_depend d
              WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
                AND d.deptype = 'i' AND d.refobjid = ANY (?)) src
        JOIN pg_catalog.pg_sequence s ON s.seqrelid = src.seq
        WHERE s.seqcache > 1
        """;

    private static final String CHILDREN = """
        SELECT i.inhparent, n.nspname, c.relname
        FROM pg_catalog.pg_inherits i
        JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE i.inhparent = ANY (?)
        """;

    private PgWriters() {
    }

    /** A sequence whose sessions cache values, which they hand out out of order. */
    public record CachedSequence(String name, long cache) {
    }

    /**
     * For each given table's column (by relid and attribute number) that draws from a sequence caching more than one
     * value per session, that sequence; empty before PostgreSQL 10 (no {@code pg_sequence}).
     */
    public static Map<Long, Map<Integer, CachedSequence>> cachedSequences(Connection conn, Collection<Long> relids)
        throws SQLException {
        Map<Long, Map<Integer, CachedSequence>> found = new HashMap<>();
        if (relids.isEmpty() || conn.getMetaData().getDatabaseMajorVersion() < 10) {
            return found;
        }
        try (PreparedStatement st = conn.prepareStatement(CACHED_SEQUENCES)) {
            Long[] ids = relids.toArray(new Long[0]);
            st.setArray(1, conn.createArrayOf("oid", ids));
            st.setArray(2, conn.createArrayOf("oid", ids));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                        .put(rs.getInt(2), new CachedSequence(rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return found;
    }

    /** The inheritance children (old-style {@code INHERITS}, or partitions) of each given table, by its relid. */
    public static Map<Long, List<TableId>> children(Connection conn, Collection<Long> relids) throws SQLException {
        Map<Long, List<TableId>> found = new HashMap<>();
        if (relids.isEmpty()) {
            return found;
        }
        try (PreparedStatement st = conn.prepareStatement(CHILDREN)) {
            st.setArray(1, conn.createArrayOf("oid", relids.toArray(new Long[0])));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new TableId(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return found;
    }

    /**
     * The time zone set for this database or for all its roles ({@code ALTER DATABASE … SET timezone}), which
     * sessions that do not choose one write {@code now()} in; empty when none is set there (the server's own then).
     */
    public static Optional<String> databaseTimeZone(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("""
            SELECT substring(c FROM '(?i)^timezone=(.*)$')
            FROM pg_catalog.pg_db_role_setting r, unnest(r.setconfig) c
            WHERE r.setdatabase = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = current_database())
              AND r.setrole = 0 AND c ~* '^timezone='
            """)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    /**
     * Background processes running in this database that may write rows with keys they did not draw themselves
     * (logical replication's apply workers write the publisher's rows), as their backend types; visible to roles
     * that may read all sessions' activity.
     */
    public static List<String> backgroundWriters(Connection conn) throws SQLException {
        List<String> found = new ArrayList<>();
        if (conn.getMetaData().getDatabaseMajorVersion() < 10) {
            return found;
        }
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("""
            SELECT DISTINCT a.backend_type FROM pg_catalog.pg_stat_activity a
            WHERE a.datname = current_database() AND a.backend_type LIKE 'logical replication%worker'
            """)) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }
}
