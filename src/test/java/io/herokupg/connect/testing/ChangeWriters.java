/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.connect.data.Struct;

/**
 * Writers for tests of change replication: threads that insert and update rows of a table
 * {@code (id bigserial PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now() (indexed), v text)} in
 * transactions that stay open a random time before they commit (0 to 300 ms, and one in seven 1 to 2 s, across
 * several passes), so that rows commit late with keys earlier than rows already emitted. An update sets
 * {@code updated_at = now()} (with {@code keepKeys}, one in three leaves {@code updated_at} as it is, as an application
 * that forgets to bump it); a few transactions roll back. Every write gives {@code v} a value no other write uses, so
 * that a row version is told apart by {@link Version}.
 */
public final class ChangeWriters implements AutoCloseable {
    /** A row version: its primary key, replication key (µs since the epoch) and value. */
    public record Version(long id, long updatedAtMicros, String v) {
    }

    private final PostgresFixture pg;
    private final String table;
    private final boolean keepKeys;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong maxId = new AtomicLong();
    private final AtomicInteger committed = new AtomicInteger();
    private final AtomicInteger lateCommits = new AtomicInteger();
    private final AtomicInteger updates = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;

    private ChangeWriters(PostgresFixture pg, String table, boolean keepKeys) {
        this.pg = pg;
        this.table = table;
        this.keepKeys = keepKeys;
    }

    /** (Re)creates the table, with {@code rows} rows already committed. */
    public static void createTable(PostgresFixture pg, String table, int rows) throws SQLException {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id bigserial PRIMARY KEY,"
                + " updated_at timestamptz NOT NULL DEFAULT now(), v text NOT NULL)");
            st.execute("CREATE INDEX ON " + table + " (updated_at)");
            st.execute("INSERT INTO " + table + " (v) SELECT 'initial-' || g FROM generate_series(1, " + rows
                + ") g");
        }
    }

    /** Starts {@code count} writer threads on the table; each draws its choices from a seed derived from this one. */
    public static ChangeWriters start(PostgresFixture pg, String table, int count, long seed) throws SQLException {
        return start(pg, table, count, seed, false);
    }

    /** As {@link #start(PostgresFixture, String, int, long)}; with {@code keepKeys}, some updates keep the key. */
    public static ChangeWriters start(PostgresFixture pg, String table, int count, long seed, boolean keepKeys)
        throws SQLException {
        ChangeWriters writers = new ChangeWriters(pg, table, keepKeys);
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM " + table)) {
            rs.next();
            writers.maxId.set(rs.getLong(1));
        }
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

    /** Transactions committed so far. */
    public int committed() {
        return committed.get();
    }

    /** Transactions committed so far that had stayed open a second or more. */
    public int lateCommits() {
        return lateCommits.get();
    }

    /** Update statements committed so far (some may have matched no row). */
    public int updates() {
        return updates.get();
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
                String tag = "w" + writer + "-" + sequence++;
                boolean updated = write(conn, rng, tag);
                boolean late = rng.nextInt(7) == 0;
                Thread.sleep(late ? 1_000 + rng.nextInt(1_000) : rng.nextInt(300));
                if (rng.nextInt(25) == 0) {
                    conn.rollback();
                } else {
                    conn.commit();
                    committed.incrementAndGet();
                    lateCommits.addAndGet(late ? 1 : 0);
                    updates.addAndGet(updated ? 1 : 0);
                }
                Thread.sleep(rng.nextInt(30));
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The statements of one transaction: an insert (now and then of many rows), an update, or both. */
    private boolean write(Connection conn, Random rng, String tag) throws SQLException {
        int action = rng.nextInt(10);
        if (action < 7) {
            int rows = rng.nextInt(10) == 0 ? 20 + rng.nextInt(60) : 1 + rng.nextInt(3);
            try (PreparedStatement st = conn.prepareStatement("INSERT INTO " + table + " (v) SELECT ? || '-' || g"
                + " FROM generate_series(1, ?) g RETURNING id")) {
                st.setString(1, tag);
                st.setInt(2, rows);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        maxId.accumulateAndGet(rs.getLong(1), Math::max);
                    }
                }
            }
        }
        if (action >= 5 && maxId.get() > 0) {
            boolean keep = keepKeys && rng.nextInt(3) == 0;
            try (PreparedStatement st = conn.prepareStatement("UPDATE " + table
                + (keep ? " SET v = ? WHERE id = ?" : " SET updated_at = now(), v = ? WHERE id = ?"))) {
                st.setString(1, tag + "-u");
                st.setLong(2, 1 + (long) rng.nextInt((int) Math.min(maxId.get(), Integer.MAX_VALUE)));
                st.executeUpdate();
            }
            return true;
        }
        return false;
    }

    /** Every row of the table now, by id. */
    public static Map<Long, Version> versions(PostgresFixture pg, String table) throws SQLException {
        Map<Long, Version> versions = new LinkedHashMap<>();
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, updated_at, v FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                long micros = at.toEpochSecond() * 1_000_000 + at.getNano() / 1_000;
                versions.put(rs.getLong(1), new Version(rs.getLong(1), micros, rs.getString(3)));
            }
        }
        return versions;
    }

    /**
     * Asserts that a stream of row versions, as a consumer keeps it, holds no row version twice and each row's latest
     * version last, and that rows were emitted again after updates.
     *
     * @param context what the failure messages start with (the seed, the table)
     * @param rows    the table's rows now, by id
     * @param stream  the row versions in the order they were emitted
     */
    public static void assertLatestOnce(String context, Map<Long, Version> rows, List<Version> stream) {
        Map<Version, Long> counts = stream.stream().collect(Collectors.groupingBy(Function.identity(),
            Collectors.counting()));
        List<Version> repeated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
            .sorted(Comparator.comparingLong(Version::id)).toList();
        assertThat(repeated).as(context + ": row versions emitted twice").isEmpty();

        Map<Long, Version> latest = new TreeMap<>();
        stream.forEach(v -> latest.put(v.id(), v));
        List<String> stale = rows.values().stream().filter(v -> !v.equals(latest.get(v.id())))
            .map(v -> v + " last emitted as " + latest.get(v.id())).toList();
        assertThat(stale).as(context + ": rows whose last record is not their latest version").isEmpty();
        assertThat(latest.keySet()).as(context + ": ids emitted").isEqualTo(rows.keySet());
        assertThat(stream.size()).as(context + ": records (updated rows are emitted again)")
            .isGreaterThan(rows.size());
    }

    /**
     * As {@link #assertLatestOnce}, for a key that updates may leave as it is (INCREMENTAL then sees no change): no
     * row version twice, every row emitted, and each row's last record has its current key (a version written after
     * it without moving the key need not be emitted).
     */
    public static void assertCurrentKeyOnce(String context, Map<Long, Version> rows, List<Version> stream) {
        Map<Version, Long> counts = stream.stream().collect(Collectors.groupingBy(Function.identity(),
            Collectors.counting()));
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
            .as(context + ": row versions emitted twice").isEmpty();
        Map<Long, Version> latest = new TreeMap<>();
        stream.forEach(v -> latest.put(v.id(), v));
        assertThat(latest.keySet()).as(context + ": ids emitted").isEqualTo(rows.keySet());
        List<String> stale = rows.values().stream()
            .filter(v -> v.updatedAtMicros() != latest.get(v.id()).updatedAtMicros())
            .map(v -> v + " last emitted as " + latest.get(v.id())).toList();
        assertThat(stale).as(context + ": rows whose last record does not have their current key").isEmpty();
    }

    /** The row version a record's value carries. */
    public static Version version(Struct value) {
        return new Version(value.getInt64("id"), value.getInt64("updated_at"), value.getString("v"));
    }
}
