/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Writers for the crash trials of change capture: threads that insert, update, delete and resurrect rows of a table
 * {@code (id bigserial PRIMARY KEY, version int, v text)}, move their primary keys ({@code UPDATE … SET id = …}), now
 * and then inside a {@code SAVEPOINT} that is rolled back to or released, in transactions that stay open a random
 * time before they commit (0 to 300 ms, and one in seven 1 to 2 s, across several passes) or roll back (one in
 * twenty); the first writer also empties the table with a {@code TRUNCATE} now and then, and loads half the
 * keys deleted so far again.
 *
 * <p>So that a consumer can check the order of each key's records, every write of a key gives it a {@code version}
 * one above the key's last one: an update increments it, and a key that is deleted (by a delete, a move away from it
 * or a TRUNCATE) leaves its last version in the table's graveyard ({@code <table>_grave}), from which only a
 * resurrection brings it back, one version higher. Locks order the writes of one key (its row, or its graveyard row)
 * as they commit, so its versions rise in commit order. Every write gives {@code v} a value no other write uses.
 */
public final class CaptureWriters implements AutoCloseable {
    /** A row: its key, version and value. */
    public record Row(long id, Integer version, String v) {
    }

    /**
     * What the writers did: transactions (committed, of which late; rolled back; aborted by a deadlock), savepoints
     * rolled back to, and statements that changed rows (also those rolled back later), a TRUNCATE's reload counting
     * as a resurrection.
     */
    public enum Count {
        COMMITTED, LATE, ROLLED_BACK, SAVEPOINTS_ROLLED_BACK, DEADLOCKS, INSERTS, UPDATES, DELETES, MOVES,
        RESURRECTIONS, TRUNCATES
    }

    private final PostgresFixture pg;
    private final String table;
    private final Map<Count, AtomicInteger> counts = new EnumMap<>(Count.class);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;

    private CaptureWriters(PostgresFixture pg, String table) {
        this.pg = pg;
        this.table = table;
        for (Count count : Count.values()) {
            counts.put(count, new AtomicInteger());
        }
    }

    /** (Re)creates the table and its graveyard, with {@code rows} rows already committed (version 1). */
    public static void createTable(PostgresFixture pg, String table, int rows) throws SQLException {
        pg.execute("DROP TABLE IF EXISTS " + table, "DROP TABLE IF EXISTS " + grave(table),
            // Nullable columns: capture.delete.handling=marker+tombstone needs them.
            "CREATE TABLE " + table + " (id bigserial PRIMARY KEY, version int, v text)",
            "CREATE TABLE " + grave(table) + " (id bigint PRIMARY KEY, version int NOT NULL)",
            "INSERT INTO " + table + " (version, v) SELECT 1, 'initial-' || g FROM generate_series(1, " + rows + ") g");
    }

    private static String grave(String table) {
        return table + "_grave";
    }

    /** Starts {@code count} writer threads on the table; each draws its choices from a seed derived from this one. */
    public static CaptureWriters start(PostgresFixture pg, String table, int count, long seed) {
        CaptureWriters writers = new CaptureWriters(pg, table);
        for (int i = 0; i < count; i++) {
            int writer = i;
            Thread thread = new Thread(() -> writers.run(writer, new Random(seed * 31 + writer)),
                "writer-" + table + "-" + writer);
            thread.setDaemon(true);
            writers.threads.add(thread);
            thread.start();
        }
        return writers;
    }

    /** How many times this happened so far. */
    public int count(Count count) {
        return counts.get(count).get();
    }

    /** Every count, for a log line. */
    public String summary() {
        return counts.entrySet().stream().map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + "="
            + e.getValue().get()).collect(Collectors.joining(", "));
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
        int sequence = 0;
        try (Connection conn = pg.connect()) {
            conn.setAutoCommit(false);
            while (!stopping) {
                transaction(conn, rng, writer, "w" + writer + "-" + sequence++);
                Thread.sleep(rng.nextInt(30));
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void transaction(Connection conn, Random rng, int writer, String tag)
        throws SQLException, InterruptedException {
        // A TRUNCATE holds its lock briefly: a late one would hold every writer, and the connector, for seconds.
        boolean truncate = writer == 0 && rng.nextInt(12) == 0;
        boolean late = !truncate && rng.nextInt(7) == 0;
        try {
            if (truncate) {
                truncate(conn, tag);
            } else {
                writes(conn, rng, tag);
            }
            Thread.sleep(late ? 1_000 + rng.nextInt(1_000) : rng.nextInt(300));
            if (rng.nextInt(20) == 0) {
                conn.rollback();
                add(Count.ROLLED_BACK);
            } else {
                conn.commit();
                add(Count.COMMITTED);
                if (late) {
                    add(Count.LATE);
                }
            }
        } catch (SQLException e) {
            // Writers that lock rows in different orders deadlock now and then; PostgreSQL aborts one of them.
            if (!"40P01".equals(e.getSQLState())) {
                throw e;
            }
            conn.rollback();
            add(Count.DEADLOCKS);
        }
    }

    /** One to three writes, each in one in four transactions inside a savepoint, rolled back to half the time. */
    private void writes(Connection conn, Random rng, String tag) throws SQLException {
        int writes = 1 + rng.nextInt(3);
        for (int i = 0; i < writes; i++) {
            boolean savepoint = rng.nextInt(4) == 0;
            try (Statement st = conn.createStatement()) {
                if (savepoint) {
                    st.execute("SAVEPOINT s");
                }
                write(conn, rng, tag + "-" + i);
                if (savepoint && rng.nextBoolean()) {
                    st.execute("ROLLBACK TO SAVEPOINT s");
                    add(Count.SAVEPOINTS_ROLLED_BACK);
                } else if (savepoint) {
                    st.execute("RELEASE SAVEPOINT s");
                }
            }
        }
    }

    /** One statement: an insert (now and then of many rows), an update, a delete, a key move or a resurrection. */
    private void write(Connection conn, Random rng, String tag) throws SQLException {
        int action = rng.nextInt(20);
        // A row of the table: the first at or above a random point of the ids handed out so far.
        String anyRow = "(SELECT id FROM " + table + " WHERE id >= (SELECT (? * last_value)::bigint FROM "
            + table + "_id_seq) ORDER BY id LIMIT 1)";
        if (action < 6) {
            int rows = rng.nextInt(10) == 0 ? 20 + rng.nextInt(60) : 1 + rng.nextInt(3);
            execute(conn, Count.INSERTS, "INSERT INTO " + table + " (version, v) SELECT 1, ? || '-' || g"
                + " FROM generate_series(1, ?) g", tag, rows);
        } else if (action < 12) {
            execute(conn, Count.UPDATES, "UPDATE " + table + " SET version = version + 1, v = ? || '-u' WHERE id = "
                + anyRow, tag, rng.nextDouble());
        } else if (action < 15) {
            execute(conn, Count.DELETES, "WITH d AS (DELETE FROM " + table + " WHERE id = " + anyRow
                + " RETURNING id, version) INSERT INTO " + grave(table) + " SELECT id, version FROM d",
                rng.nextDouble());
        } else if (action < 17) {
            // The moved row takes a new key, one version higher; its old key goes to the graveyard.
            execute(conn, Count.MOVES, "WITH old AS (SELECT id FROM " + table + " WHERE id = " + anyRow + "),"
                + " m AS (UPDATE " + table + " t SET id = nextval('" + table + "_id_seq'), version = t.version + 1,"
                + " v = ? || '-m' FROM old WHERE t.id = old.id RETURNING old.id, t.version)"
                + " INSERT INTO " + grave(table) + " SELECT id, version - 1 FROM m", rng.nextDouble(), tag);
        } else {
            execute(conn, Count.RESURRECTIONS, "WITH g AS (DELETE FROM " + grave(table) + " WHERE id = (SELECT id"
                + " FROM " + grave(table) + " ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id, version)"
                + " INSERT INTO " + table + " (id, version, v) SELECT id, version + 1, ? || '-r' FROM g", tag);
        }
    }

    private void execute(Connection conn, Count count, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            if (st.executeUpdate() > 0) {
                add(count);
            }
        }
    }

    /**
     * Empties the table, its rows' keys and last versions going to the graveyard, and loads about half the graveyard
     * again (one version higher), as a job that reloads a table does.
     */
    private void truncate(Connection conn, String tag) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            st.execute("INSERT INTO " + grave(table) + " SELECT id, version FROM " + table);
            st.execute("TRUNCATE " + table);
        }
        add(Count.TRUNCATES);
        execute(conn, Count.RESURRECTIONS, "WITH g AS (DELETE FROM " + grave(table) + " WHERE random() < 0.5"
            + " RETURNING id, version) INSERT INTO " + table + " (id, version, v) SELECT id, version + 1,"
            + " ? || '-t' || id FROM g", tag);
    }

    private void add(Count count) {
        counts.get(count).incrementAndGet();
    }

    /** Every row of the table now, by id. */
    public static Map<Long, Row> rows(PostgresFixture pg, String table) throws SQLException {
        Map<Long, Row> rows = new TreeMap<>();
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, version, v FROM " + table)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), new Row(rs.getLong(1), (Integer) rs.getObject(2), rs.getString(3)));
            }
        }
        return rows;
    }
}
