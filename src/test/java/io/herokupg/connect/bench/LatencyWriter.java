/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes single-row transactions at a steady rate, as an application would, and notes for each row its id and the
 * time right after its COMMIT returned (System.nanoTime(), the clock the consumer's arrivals use). The table:
 * {@code id bigserial PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now()} (indexed), {@code note text}.
 */
final class LatencyWriter {
    static final String TABLE = "bench_latency";

    private LatencyWriter() {
    }

    /** Creates the table afresh. */
    static void create(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS public." + TABLE);
            st.execute("CREATE TABLE public." + TABLE + " (id bigserial PRIMARY KEY,"
                + " updated_at timestamptz NOT NULL DEFAULT now(), note text)");
            st.execute("CREATE INDEX ON public." + TABLE + " (updated_at)");
        }
    }

    /** Inserts one row in a transaction of its own; returns its id. */
    static long insert(Connection conn, PreparedStatement insert, int n) throws SQLException {
        insert.setString(1, "row " + n);
        long id;
        try (ResultSet rs = insert.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        conn.commit();
        return id;
    }

    /**
     * Writes {@code rate × seconds} rows, one transaction each, the n-th started at {@code n / rate} s; returns each
     * row's id and commit time, in order.
     */
    static Map<Long, Long> write(Connection conn, int rate, int seconds) throws SQLException, InterruptedException {
        Map<Long, Long> commits = new LinkedHashMap<>();
        conn.setAutoCommit(false);
        try (PreparedStatement insert = conn.prepareStatement("INSERT INTO public." + TABLE
            + " (note) VALUES (?) RETURNING id")) {
            long started = System.nanoTime();
            long count = (long) rate * seconds;
            for (int n = 0; n < count; n++) {
                long due = started + n * TimeUnit.SECONDS.toNanos(1) / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long id = insert(conn, insert, n);
                commits.put(id, System.nanoTime());
            }
        } finally {
            conn.setAutoCommit(true);
        }
        return commits;
    }
}
