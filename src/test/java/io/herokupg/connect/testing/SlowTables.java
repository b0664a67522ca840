/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tables that take about 2 ms a row to read, so that a test can act in the middle of a pass: a row-level security
 * policy calls pg_sleep for every row the application role reads.
 */
public final class SlowTables {
    private SlowTables() {
    }

    /** Creates {@code table (id bigint PRIMARY KEY, payload text)} with ids 1..rows, read slowly. */
    public static void create(PostgresFixture pg, String table, int rows) throws SQLException {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, payload text NOT NULL)");
            st.execute("INSERT INTO " + table + " SELECT g, repeat('x', 50) || g FROM generate_series(1, " + rows
                + ") g");
        }
        slowDown(pg, table);
    }

    /**
     * Makes an existing table take about 2 ms a row to read (for the application role, its owner); inserts and
     * updates stay allowed.
     */
    public static void slowDown(PostgresFixture pg, String table) throws SQLException {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("CREATE OR REPLACE FUNCTION slow_visible() RETURNS boolean LANGUAGE plpgsql VOLATILE AS"
                + " $$ BEGIN PERFORM pg_sleep(0.002); RETURN true; END $$");
            st.execute("ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY");
            st.execute("ALTER TABLE " + table + " FORCE ROW LEVEL SECURITY");
            st.execute("CREATE POLICY slow_reads ON " + table + " FOR SELECT USING (slow_visible())");
            // Writes stay allowed (with row-level security, a command without a policy is refused).
            st.execute("CREATE POLICY inserts ON " + table + " FOR INSERT WITH CHECK (true)");
            st.execute("CREATE POLICY updates ON " + table + " FOR UPDATE USING (true) WITH CHECK (true)");
            // Without this, the planner sorts a small table, evaluating the policy on every row before the first
            // one is returned; with it, rows stream in key order from the primary-key index, as from a big table.
            st.execute("ALTER ROLE CURRENT_USER SET enable_sort = off");
        }
    }

    /** Undoes the session setting of {@link #create}. */
    public static void reset(PostgresFixture pg) throws SQLException {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("ALTER ROLE CURRENT_USER RESET enable_sort");
        }
    }
}
