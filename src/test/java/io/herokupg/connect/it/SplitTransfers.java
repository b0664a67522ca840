/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.herokupg.connect.testing.PostgresFixture;

/**
 * A table {@code (id bigint PRIMARY KEY, amount bigint NOT NULL)} with ids 1..rows, and writer threads that move
 * amounts between random rows across the whole key space, two updates in one transaction, so that the total never
 * changes in any snapshot: a read that mixes snapshots sees another total.
 */
final class SplitTransfers implements AutoCloseable {
    private final PostgresFixture pg;
    private final String table;
    private final long rows;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Long> commitTimes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger aborted = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;

    private SplitTransfers(PostgresFixture pg, String table, long rows) {
        this.pg = pg;
        this.table = table;
        this.rows = rows;
    }

    /** (Re)creates and fills the table, ANALYZEs it (the split reads the catalog's estimate); returns the total. */
    static long createTable(PostgresFixture pg, String table, int rows) throws SQLException {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, amount bigint NOT NULL)");
            st.execute("INSERT INTO " + table + " SELECT g, 1000 + g % 997 FROM generate_series(1, " + rows + ") g");
            st.execute("ANALYZE " + table);
            try (ResultSet rs = st.executeQuery("SELECT sum(amount) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Starts {@code count} writers on ids 1..rows, each pausing {@code pauseMs} between transfers; each draws from a
     * seed derived from this one.
     */
    static SplitTransfers start(PostgresFixture pg, String table, long rows, int count, int pauseMs, long seed) {
        SplitTransfers writers = new SplitTransfers(pg, table, rows);
        for (int i = 0; i < count; i++) {
            Random rng = new Random(seed * 31 + i);
            Thread thread = new Thread(() -> writers.run(rng, pauseMs), "transfers-" + table + "-" + i);
            thread.setDaemon(true);
            writers.threads.add(thread);
            thread.start();
        }
        return writers;
    }

    /** Transfers committed so far. */
    int committed() {
        return commitTimes.size();
    }

    /** Transfers committed between these two instants (epoch ms, inclusive). */
    long committedBetween(long fromMs, long toMs) {
        return commitTimes.stream().filter(t -> t >= fromMs && t <= toMs).count();
    }

    /** Transfers rolled back after a deadlock or serialization failure. */
    int aborted() {
        return aborted.get();
    }

    /** Stops the writers once their current transfer ended; fails if a writer failed. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new AssertionError("a transfer writer failed: " + failed, failed);
        }
    }

    private void run(Random rng, int pauseMs) {
        String sql = "UPDATE " + table + " SET amount = amount + ? WHERE id = ?";
        try (Connection conn = pg.connect(); PreparedStatement st = conn.prepareStatement(sql)) {
            conn.setAutoCommit(false);
            while (!stopping) {
                transfer(conn, st, rng);
                if (pauseMs > 0) {
                    Thread.sleep(pauseMs);
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves a random amount from one random row to another, in one transaction. */
    private void transfer(Connection conn, PreparedStatement st, Random rng) throws SQLException {
        long a = 1 + (long) (rng.nextDouble() * rows);
        long b = 1 + (long) (rng.nextDouble() * rows);
        long x = 1 + rng.nextInt(500);
        if (a == b) {
            return;
        }
        try {
            // The lower id first: two writers lock rows in the same order and never deadlock.
            update(st, Math.min(a, b), a < b ? -x : x);
            update(st, Math.max(a, b), a < b ? x : -x);
            conn.commit();
            commitTimes.add(System.currentTimeMillis());
        } catch (SQLException e) {
            conn.rollback();
            aborted.incrementAndGet();
            if (e.getSQLState() == null || !e.getSQLState().startsWith("40")) {
                throw e;
            }
        }
    }

    private static void update(PreparedStatement st, long id, long delta) throws SQLException {
        st.setLong(1, delta);
        st.setLong(2, id);
        if (st.executeUpdate() != 1) {
            throw new SQLException("no row " + id);
        }
    }
}
