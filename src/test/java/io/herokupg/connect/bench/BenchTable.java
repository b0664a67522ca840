/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark table: {@code id bigserial PRIMARY KEY, uuid, two text columns, numeric(12,2), a longer text, two
 * timestamptz (updated_at indexed), a small jsonb, a boolean}, filled with deterministic rows. updated_at follows
 * id loosely (shuffled within a day's window), as in a table whose rows get updated. A table that already has the
 * requested number of rows is kept as it is.
 */
final class BenchTable {
    /** Rows per INSERT, so that progress shows and no statement runs into the statement timeout. */
    private static final long CHUNK = 250_000;

    private BenchTable() {
    }

    /** What the rounds read. */
    record Stats(long rows, long heapBytes, long totalBytes, String serverVersion) {
    }

    static Stats prepare(Connection conn, String table, long rows, PrintStream out) throws SQLException {
        conn.setAutoCommit(true);
        try (Statement st = conn.createStatement()) {
            long existing = count(st, table);
            if (existing == rows) {
                out.println("== Table public." + table + " already has " + rows + " rows; not refilled");
            } else {
                if (existing >= 0) {
                    out.println("== Table public." + table + " has " + existing + " rows, not " + rows
                        + "; dropping it");
                    st.execute("DROP TABLE public." + table);
                }
                fill(st, table, rows, out);
            }
            return stats(st, table, rows);
        }
    }

    /** The table's row count, or -1 when there is no such table. */
    private static long count(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return -1;
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM public." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void fill(Statement st, String table, long rows, PrintStream out) throws SQLException {
        long started = System.nanoTime();
        st.execute("CREATE TABLE public." + table + " (id bigserial PRIMARY KEY, uuid uuid NOT NULL,"
            + " name text NOT NULL, email text, amount numeric(12,2) NOT NULL, note text,"
            + " created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, attrs jsonb, active boolean)");
        for (long from = 1; from <= rows; from += CHUNK) {
            long to = Math.min(rows, from + CHUNK - 1);
            // md5-based UUIDs work on every server version (gen_random_uuid() needs 13+) and are repeatable.
            st.execute("INSERT INTO public." + table + " (uuid, name, email, amount, note, created_at, updated_at,"
                + " attrs, active) SELECT md5(g::text)::uuid, 'Customer ' || g, 'customer' || g || '@example.com',"
                + " ((g * 7919) % 10000000) / 100.0,"
                + " 'Order note ' || g || ': ' || repeat(chr(97 + (g % 26)::int), 20 + (g % 40)::int),"
                + " timestamptz '2025-01-01 00:00:00+00' + g * interval '1 second',"
                + " timestamptz '2025-01-01 00:00:00+00' + (g + (g * 7919) % 86400) * interval '1 second',"
                + " jsonb_build_object('sku', 'SKU-' || (g % 1000), 'qty', g % 7, 'tags', jsonb_build_array('a', 'b')),"
                + " g % 3 = 0 FROM generate_series(" + from + "::int8, " + to + "::int8) g");
            out.printf("   filled %,d of %,d rows (%d s)%n", to, rows, (System.nanoTime() - started) / 1_000_000_000L);
        }
        st.execute("CREATE INDEX ON public." + table + " (updated_at)");
        // Sets hint bits and the visibility map now, so that the first round does not pay for them.
        st.execute("VACUUM ANALYZE public." + table);
        out.printf("== Filled public.%s with %,d rows in %d s%n", table, rows,
            (System.nanoTime() - started) / 1_000_000_000L);
    }

    private static Stats stats(Statement st, String table, long rows) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT pg_relation_size('public." + table + "'),"
            + " pg_total_relation_size('public." + table + "'), current_setting('server_version')")) {
            rs.next();
            return new Stats(rows, rs.getLong(1), rs.getLong(2), rs.getString(3));
        }
    }
}
