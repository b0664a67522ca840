/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.connect.data.Struct;

/**
 * Writers for tests of change capture: threads that insert, update and delete rows of a table
 * {@code (id bigserial PRIMARY KEY, v text, n int, amount numeric(12,2), flag boolean, updated_at timestamptz)} and
 * move their keys ({@code id} to {@code -id}, and back: a key deleted, then present again), in transactions that
 * commit at once or late (one in seven stays open 1 to 2 s, across several passes), that roll back whole (one in
 * ten), and that write in savepoints, rolled back to (their writes undone) or released (written by a
 * subtransaction). A row's {@code v} is written by one statement only, so that each row version is told apart. The
 * non-key columns are nullable (a delete marker has them all null).
 */
public final class ConcurrentCaptureWriters implements AutoCloseable {
    /** A row's columns but its key, as the table holds them and as a record's value carries them. */
    public record Row(String v, Integer n, BigDecimal amount, Boolean flag, Long updatedAtMicros) {
        /** The row a record's value carries. */
        public static Row of(Struct value) {
            return new Row(value.getString("v"), value.getInt32("n"), (BigDecimal) value.get("amount"),
                value.getBoolean("flag"), value.getInt64("updated_at"));
        }

        /** Whether this is a delete marker's value: every column but the key null. */
        public boolean empty() {
            return v == null && n == null && amount == null && flag == null && updatedAtMicros == null;
        }
    }

    /** What the writers did, counted for committed transactions (rollbacks and deadlocks: transactions). */
    public record Counts(int committed, int lateCommits, int rollbacks, int savepointRollbacks, int releasedSavepoints,
                         int deletes, int keyMoves, int deadlocks) {
    }

    private static final String UPDATE = " SET v = ?, n = ?, amount = ?, flag = ?, updated_at = clock_timestamp()";

    private final PostgresFixture pg;
    private final String table;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong maxId = new AtomicLong();
    /** The lowest key drawn: after a TRUNCATE, the first drawn from the sequence since. */
    private final AtomicLong minId = new AtomicLong(1);
    private final AtomicInteger committed = new AtomicInteger();
    private final AtomicInteger lateCommits = new AtomicInteger();
    private final AtomicInteger rollbacks = new AtomicInteger();
    private final AtomicInteger savepointRollbacks = new AtomicInteger();
    private final AtomicInteger releasedSavepoints = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();
    private final AtomicInteger keyMoves = new AtomicInteger();
    private final AtomicInteger deadlocks = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;

    private ConcurrentCaptureWriters(PostgresFixture pg, String table) {
        this.pg = pg;
        this.table = table;
    }

    /** (Re)creates the table, with {@code rows} rows already committed. */
    public static void createTable(PostgresFixture pg, String table, int rows) throws SQLException {
        pg.execute("DROP TABLE IF EXISTS " + table,
            "CREATE TABLE " + table + " (id bigserial PRIMARY KEY, v text, n int, amount numeric(12,2), flag boolean,"
                + " updated_at timestamptz DEFAULT clock_timestamp())",
            "INSERT INTO " + table + " (v, n, amount, flag) SELECT 'initial-' || g, g, g * 1.25, g % 2 = 0"
                + " FROM generate_series(1, " + rows + ") g");
    }

    /** Starts {@code count} writer threads on the table; each draws its choices from a seed derived from this one. */
    public static ConcurrentCaptureWriters start(PostgresFixture pg, String table, int count, long seed)
        throws SQLException {
        ConcurrentCaptureWriters writers = new ConcurrentCaptureWriters(pg, table);
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM " + table)) {
            rs.next();
            writers.maxId.set(rs.getLong(1));
        }
        for (int i = 0; i < count; i++) {
            int writer = i;
            Thread thread = new Thread(() -> writers.run(writer, new Random(seed * 31 + writer)),
                "capture-writer-" + table + "-" + writer);
            thread.setDaemon(true);
            writers.threads.add(thread);
            thread.start();
        }
        return writers;
    }

    /** What the writers did so far. */
    public Counts counts() {
        return new Counts(committed.get(), lateCommits.get(), rollbacks.get(), savepointRollbacks.get(),
            releasedSavepoints.get(), deletes.get(), keyMoves.get(), deadlocks.get());
    }

    /** Truncates the table while the writers go on (it waits for their open transactions); returns the rows removed. */
    public long truncate() throws SQLException {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            conn.setAutoCommit(false);
            st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            long rows;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                rows = rs.getLong(1);
            }
            st.execute("TRUNCATE " + table);
            conn.commit();
            minId.set(maxId.get() + 1);
            return rows;
        }
    }

    /** Stops the writers once their current transaction ended; fails if a writer failed. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new AssertionError("a writer failed: " + failed, failed);
        }
    }

    private void run(int writer, Random rng) {
        int[] sequence = {0};
        try (Connection conn = pg.connect()) {
            conn.setAutoCommit(false);
            while (!stopping) {
                try {
                    transaction(conn, rng, () -> "w" + writer + "-" + sequence[0]++);
                } catch (SQLException e) {
                    if (!"40P01".equals(e.getSQLState())) {
                        throw e;
                    }
                    // Two writers updated the same rows in opposite orders: one of them is rolled back.
                    conn.rollback();
                    deadlocks.incrementAndGet();
                }
                Thread.sleep(rng.nextInt(30));
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Draws the next value of {@code v}: unique among all writes. */
    @FunctionalInterface
    private interface Tags {
        String next();
    }

    /** One transaction: writes, perhaps some in a savepoint; held open a while; committed or rolled back. */
    private void transaction(Connection conn, Random rng, Tags tags) throws SQLException, InterruptedException {
        int[] done = new int[2];
        writes(conn, rng, tags, 1 + rng.nextInt(3), done);
        int savepoint = rng.nextInt(4);
        if (savepoint < 2) {
            try (Statement st = conn.createStatement()) {
                st.execute("SAVEPOINT s");
                int[] inSavepoint = new int[2];
                writes(conn, rng, tags, 1 + rng.nextInt(2), inSavepoint);
                st.execute(savepoint == 0 ? "ROLLBACK TO SAVEPOINT s" : "RELEASE SAVEPOINT s");
                if (savepoint == 1) {
                    done[0] += inSavepoint[0];
                    done[1] += inSavepoint[1];
                }
            }
        }
        boolean late = rng.nextInt(7) == 0;
        Thread.sleep(late ? 1_000 + rng.nextInt(1_000) : rng.nextInt(200));
        if (rng.nextInt(10) == 0) {
            conn.rollback();
            rollbacks.incrementAndGet();
            return;
        }
        conn.commit();
        committed.incrementAndGet();
        lateCommits.addAndGet(late ? 1 : 0);
        savepointRollbacks.addAndGet(savepoint == 0 ? 1 : 0);
        releasedSavepoints.addAndGet(savepoint == 1 ? 1 : 0);
        deletes.addAndGet(done[0]);
        keyMoves.addAndGet(done[1]);
    }

    /** Statements of a transaction; counts the rows deleted ({@code done[0]}) and keys moved ({@code done[1]}). */
    private void writes(Connection conn, Random rng, Tags tags, int statements, int[] done) throws SQLException {
        for (int i = 0; i < statements; i++) {
            int action = rng.nextInt(20);
            if (action < 8) {
                insert(conn, rng, tags.next());
            } else if (action < 14) {
                change(conn, "UPDATE " + table + UPDATE + " WHERE id = " + existing(), rng, tags.next());
            } else if (action < 17) {
                try (PreparedStatement st = conn.prepareStatement("DELETE FROM " + table + " WHERE id = "
                    + existing())) {
                    st.setLong(1, nextId(rng));
                    done[0] += st.executeUpdate();
                }
            } else if (action < 19) {
                // The key moves away: its old key is deleted.
                done[1] += change(conn, "UPDATE " + table + UPDATE + ", id = -id WHERE id = " + existing(), rng,
                    tags.next());
            } else {
                // A key moved away comes back: a key deleted is present again.
                done[1] += change(conn, "UPDATE " + table + UPDATE + ", id = -id WHERE id = (SELECT id FROM " + table
                    + " WHERE id <= -(?::int8) ORDER BY id DESC LIMIT 1)", rng, tags.next());
            }
        }
    }

    /** The first row from a drawn key on: an existing row, most of the time. */
    private String existing() {
        return "(SELECT id FROM " + table + " WHERE id >= ? ORDER BY id LIMIT 1)";
    }

    /** A key between the lowest and the highest drawn so far. */
    private long nextId(Random rng) {
        long low = minId.get();
        return low + rng.nextInt((int) Math.max(1, Math.min(maxId.get() - low + 1, Integer.MAX_VALUE)));
    }

    private void insert(Connection conn, Random rng, String tag) throws SQLException {
        int rows = 1 + rng.nextInt(3);
        try (PreparedStatement st = conn.prepareStatement("INSERT INTO " + table + " (v, n, amount, flag)"
            + " SELECT ? || '-' || g, ? + g, ? * g, ? FROM generate_series(1, ?) g RETURNING id")) {
            st.setString(1, tag);
            st.setInt(2, rng.nextInt(1000));
            st.setBigDecimal(3, BigDecimal.valueOf(rng.nextInt(1_000_000), 2));
            st.setBoolean(4, rng.nextBoolean());
            st.setInt(5, rows);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    maxId.accumulateAndGet(rs.getLong(1), Math::max);
                }
            }
        }
    }

    /** An update of the row the statement's last parameter draws: new values, some null. */
    private int change(Connection conn, String sql, Random rng, String tag) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, tag);
            if (rng.nextInt(4) == 0) {
                st.setNull(2, Types.INTEGER);
            } else {
                st.setInt(2, rng.nextInt(1000));
            }
            st.setBigDecimal(3, BigDecimal.valueOf(rng.nextInt(10_000_000) - 5_000_000, 2));
            if (rng.nextInt(4) == 0) {
                st.setNull(4, Types.BOOLEAN);
            } else {
                st.setBoolean(4, rng.nextBoolean());
            }
            st.setLong(5, nextId(rng));
            return st.executeUpdate();
        }
    }

    /** Inserts {@code rows} rows in one transaction, their {@code v} the tag, a dash and a number from 1. */
    public static void insertMany(PostgresFixture pg, String table, String tag, int rows) throws SQLException {
        pg.execute("INSERT INTO " + table + " (v, n, amount, flag) SELECT '" + tag + "-' || g, g, g * 0.5, g % 3 = 0"
            + " FROM generate_series(1, " + rows + ") g");
    }

    /** Every row of the table now, by id. */
    public static Map<Long, Row> rows(PostgresFixture pg, String table) throws SQLException {
        Map<Long, Row> rows = new TreeMap<>();
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, v, n, amount, flag, updated_at FROM " + table)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), new Row(rs.getString(2), rs.getObject(3, Integer.class),
                    rs.getBigDecimal(4), rs.getObject(5, Boolean.class), micros(rs.getObject(6,
                    OffsetDateTime.class))));
            }
        }
        return rows;
    }

    private static Long micros(OffsetDateTime at) {
        return at == null ? null : at.toEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }
}
