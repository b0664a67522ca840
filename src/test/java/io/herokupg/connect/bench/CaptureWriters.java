/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Application-like writers on a {@link BenchTable}: one connection per client, each running single-row transactions
 * (autocommit, prepared statements) back to back for a phase: half UPDATEs of a random row among the table's first
 * {@code baseRows} ids ({@code amount}, {@code updated_at}), a quarter INSERTs of a new row, a quarter DELETEs of the
 * oldest row the same client inserted (an INSERT when it has none left). Every transaction changes exactly one row,
 * and the rows of {@code 1..baseRows} are never deleted. The connections, and each client's inserted rows, last
 * across phases.
 */
final class CaptureWriters implements AutoCloseable {
    /** Transactions of each kind a phase committed, and how long it ran. */
    record Phase(long updates, long inserts, long deletes, long nanos) {
        long transactions() {
            return updates + inserts + deletes;
        }

        double tps() {
            return transactions() * 1e9 / nanos;
        }
    }

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s CPU times (USER_HZ: 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private final List<Client> clients = new ArrayList<>();
    private final List<Long> backends = new ArrayList<>();

    CaptureWriters(Map<String, String> connection, String table, long baseRows, int count, long seed)
        throws SQLException {
        for (int i = 0; i < count; i++) {
            Connection conn = BenchRound.open(connection);
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backends.add(rs.getLong(1));
            }
            clients.add(new Client(conn, table, baseRows, new Random(seed + i)));
        }
    }

    /**
     * The CPU time the clients' server processes used so far (user and system, from {@code /proc/<pid>/stat}), in
     * ns; -1 when the server is not on this machine (or not on Linux).
     */
    long serverCpuNanos() {
        long ticks = 0;
        for (long pid : backends) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // After the command name (in parentheses, which may hold spaces): fields 3 onwards; utime is 14.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** Runs every client for {@code nanos}, all starting together; returns what they committed. */
    Phase run(long nanos) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long[] deadline = new long[1];
        for (Client client : clients) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    client.runUntil(deadline[0]);
                } catch (InterruptedException | SQLException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-capture-writer");
            thread.start();
            threads.add(thread);
        }
        long started = System.nanoTime();
        deadline[0] = started + nanos;
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - started;
        if (failure.get() != null) {
            throw new IllegalStateException("a writer failed", failure.get());
        }
        long[] done = new long[3];
        for (Client client : clients) {
            done[0] += client.updates;
            done[1] += client.inserts;
            done[2] += client.deletes;
            client.updates = 0;
            client.inserts = 0;
            client.deletes = 0;
        }
        return new Phase(done[0], done[1], done[2], elapsed);
    }

    @Override
    public void close() throws SQLException {
        for (Client client : clients) {
            client.close();
        }
    }

    /** One connection and its statements. */
    private static final class Client {
        private final Connection conn;
        private final long baseRows;
        private final Random random;
        private final PreparedStatement update;
        private final PreparedStatement insert;
        private final PreparedStatement delete;
        private final ArrayDeque<Long> inserted = new ArrayDeque<>();
        private long updates;
        private long inserts;
        private long deletes;

        Client(Connection conn, String table, long baseRows, Random random) throws SQLException {
            this.conn = conn;
            this.baseRows = baseRows;
            this.random = random;
            String t = "public." + table;
            update = conn.prepareStatement("UPDATE " + t + " SET amount = amount + 1, updated_at = now()"
                + " WHERE id = ?");
            insert = conn.prepareStatement("INSERT INTO " + t + " (uuid, name, email, amount, note, created_at,"
                + " updated_at, attrs, active) VALUES (?, ?, ?, ?, ?, now(), now(), ?::jsonb, ?) RETURNING id");
            delete = conn.prepareStatement("DELETE FROM " + t + " WHERE id = ?");
        }

        /** Runs transactions until the deadline (the one running then completes, and counts). */
        void runUntil(long deadline) throws SQLException {
            while (System.nanoTime() < deadline) {
                int dice = random.nextInt(4);
                if (dice < 2) {
                    update.setLong(1, 1 + (long) (random.nextDouble() * baseRows));
                    update.executeUpdate();
                    updates++;
                } else if (dice == 3 && !inserted.isEmpty()) {
                    delete.setLong(1, inserted.removeFirst());
                    delete.executeUpdate();
                    deletes++;
                } else {
                    inserted.addLast(insertOne());
                    inserts++;
                }
            }
        }

        private long insertOne() throws SQLException {
            int n = random.nextInt(1_000_000);
            insert.setObject(1, new UUID(random.nextLong(), random.nextLong()));
            insert.setString(2, "Customer " + n);
            insert.setString(3, "customer" + n + "@example.com");
            insert.setBigDecimal(4, java.math.BigDecimal.valueOf(random.nextInt(10_000_000), 2));
            insert.setString(5, "Order note " + n + ": " + "x".repeat(20 + n % 40));
            insert.setString(6, "{\"sku\": \"SKU-" + n % 1000 + "\", \"qty\": " + n % 7
                + ", \"tags\": [\"a\", \"b\"]}");
            insert.setBoolean(7, n % 3 == 0);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        void close() throws SQLException {
            conn.close();
        }
    }
}
