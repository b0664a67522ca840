/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.herokupg.connect.assign.TaskAssignment;
import io.herokupg.connect.catalog.TableId;

/**
 * Many small tables in a schema of their own (the discovery and many-tables scenarios): {@code t00001 …}, each
 * {@code id bigint PRIMARY KEY, name text, amount numeric(12,2), attrs jsonb, updated_at timestamptz} with an index
 * on {@code updated_at}, holding rows {@code 1 … rows}. Created by DO blocks of {@link #BATCH} tables, each its own
 * transaction (one transaction creating thousands of tables runs out of lock slots, max_locks_per_transaction), and
 * kept between runs: the schema's comment, set once every table is there, says how many tables and rows it holds.
 */
final class SmallTables {
    /** Tables per statement (each statement is a transaction that locks about five relations per table). */
    static final int BATCH = 200;

    private SmallTables() {
    }

    /** The name of the i-th table (from 1). */
    static String name(int i) {
        return String.format("t%05d", i);
    }

    /** The tables as a task assignment ({@code task.assignment}), encoded as the connector encodes it. */
    static String assignment(String schema, int tables) {
        List<TableId> ids = new ArrayList<>(tables);
        for (int i = 1; i <= tables; i++) {
            ids.add(new TableId(schema, name(i)));
        }
        return new TaskAssignment(0, ids).encode();
    }

    /** Creates the schema's tables unless the schema already holds exactly these; returns the seconds it took. */
    static long prepare(Connection conn, String schema, int tables, int rows, PrintStream out) throws SQLException {
        String shape = "benchmark: " + tables + " tables of " + rows + " rows";
        if (shape.equals(comment(conn, schema))) {
            out.println("== Schema " + schema + " already holds " + tables + " tables of " + rows + " rows; kept");
            return 0;
        }
        long started = System.nanoTime();
        drop(conn, schema, out);
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            for (int from = 1; from <= tables; from += BATCH) {
                int to = Math.min(tables, from + BATCH - 1);
                st.execute("DO $$ DECLARE t text; BEGIN FOR i IN " + from + " .. " + to + " LOOP"
                    + " t := format('%I.%I', '" + schema + "', 't' || lpad(i::text, 5, '0'));"
                    + " EXECUTE 'CREATE TABLE ' || t || ' (id bigint PRIMARY KEY, name text NOT NULL,"
                    + " amount numeric(12,2), attrs jsonb, updated_at timestamptz NOT NULL DEFAULT now())';"
                    + " EXECUTE 'CREATE INDEX ON ' || t || ' (updated_at)';"
                    + " EXECUTE 'INSERT INTO ' || t || ' SELECT g, ''row '' || g, g * 1.25,"
                    + " jsonb_build_object(''n'', g), now() - (" + rows + " - g) * interval ''1 minute''"
                    + " FROM generate_series(1, " + rows + ") g';"
                    + " END LOOP; END $$");
                if (to % (BATCH * 10) == 0 || to == tables) {
                    out.printf("   created %,d of %,d tables in %s (%d s)%n", to, tables, schema,
                        (System.nanoTime() - started) / 1_000_000_000L);
                }
            }
            st.execute("COMMENT ON SCHEMA " + schema + " IS '" + shape + "'");
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        out.printf("== Created %,d tables of %d rows in schema %s in %d s%n", tables, rows, schema, seconds);
        return seconds;
    }

    /** Deletes the rows above {@code rows} from every table (those a round inserted). */
    static void deleteAbove(Connection conn, String schema, int tables, int rows) throws SQLException {
        forEachTable(conn, schema, tables, "DELETE FROM %s WHERE id > " + rows);
    }

    /** Inserts one row, id {@code id}, into every table; updated_at is the inserting transaction's now(). */
    static void insertOne(Connection conn, String schema, int tables, long id) throws SQLException {
        forEachTable(conn, schema, tables, "INSERT INTO %s (id, name, amount, attrs) VALUES (" + id
            + ", 'new row', 1.25, '{\"n\": " + id + "}')");
    }

    /** Runs a statement ({@code %s}: the table) on every table, {@link #BATCH} × 5 tables per transaction. */
    private static void forEachTable(Connection conn, String schema, int tables, String statement)
        throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (int from = 1; from <= tables; from += BATCH * 5) {
                st.execute("DO $$ BEGIN FOR i IN " + from + " .. " + Math.min(tables, from + BATCH * 5 - 1)
                    + " LOOP EXECUTE format('" + statement.replace("'", "''") + "', format('%I.%I', '" + schema
                    + "', 't' || lpad(i::text, 5, '0'))); END LOOP; END $$");
            }
        }
    }

    /** Tables (relkind r) in the schema. */
    static long count(Connection conn, String schema) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT count(*) FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String comment(Connection conn, String schema) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT pg_catalog.obj_description(oid, 'pg_namespace')"
            + " FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Drops the schema and its tables, a batch of tables per transaction. */
    private static void drop(Connection conn, String schema, PrintStream out) throws SQLException {
        if (!exists(conn, schema)) {
            return;
        }
        out.printf("== Schema %s does not hold the tables asked for (%,d tables now); dropping it%n", schema,
            count(conn, schema));
        try (Statement st = conn.createStatement()) {
            while (count(conn, schema) > 0) {
                st.execute("DO $$ DECLARE r record; BEGIN FOR r IN SELECT c.relname FROM pg_catalog.pg_class c"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema
                    + "' AND c.relkind = 'r' LIMIT " + BATCH + " LOOP EXECUTE format('DROP TABLE %I.%I', '" + schema
                    + "', r.relname); END LOOP; END $$");
            }
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static boolean exists(Connection conn, String schema) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
