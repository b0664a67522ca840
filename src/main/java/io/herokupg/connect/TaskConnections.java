/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariDataSource;

import io.herokupg.connect.config.ConnectionSettings;
import io.herokupg.connect.jdbc.ConnectionFactory;
import io.herokupg.connect.read.PassSnapshots;
import io.herokupg.connect.read.TableReader;

/**
 * A task's connections: a small pool (at most {@code task.connections.max}), and the connection each reader whose
 * pass is in progress holds (its snapshot lives in it) until the pass ends; and, when the database may be a follower
 * ({@code database.primary.url}), one connection to its primary, borrowed for a query at the start of a pass.
 */
final class TaskConnections implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskConnections.class);

    private final String poolName;
    private final int max;
    private final Map<TableReader, Connection> leases = new ConcurrentHashMap<>();
    private HikariDataSource pool;
    /** The follower's primary, opened when first needed. */
    private Optional<HikariDataSource> primary;
    /** Whether a connection is being opened: a failure then is reported as a connection problem. */
    private boolean connecting;

    TaskConnections(ConnectionSettings settings, Optional<ConnectionSettings> primarySettings, String poolName,
                    int max) {
        this.poolName = poolName;
        this.max = max;
        this.pool = ConnectionFactory.pool(settings, poolName, max, false);
        this.primary = primarySettings.map(p -> ConnectionFactory.pool(p, poolName + "-primary", 1, false));
    }

    /** The follower's primary, if configured: a connection to borrow (and close) for a pass's snapshot. */
    Optional<PassSnapshots.Primary> primary() {
        return primary.map(p -> () -> currentPrimary().getConnection());
    }

    private HikariDataSource currentPrimary() {
        return primary.orElseThrow();
    }

    /** Whether the reader has a connection, or can get one now. */
    boolean available(TableReader reader) {
        return leases.containsKey(reader) || leases.size() < max;
    }

    /** The reader's connection: the one its pass holds, else one from the pool, which it holds from now on. */
    Connection lease(TableReader reader) throws SQLException {
        Connection conn = leases.get(reader);
        if (conn == null) {
            conn = connect();
            leases.put(reader, conn);
        }
        return conn;
    }

    /** A connection from the pool, for the caller to close. */
    Connection connect() throws SQLException {
        connecting = true;
        Connection conn = pool.getConnection();
        connecting = false;
        return conn;
    }

    /** Whether the last attempt to open a connection failed (and nothing succeeded since); clears it. */
    boolean connectFailed() {
        boolean failed = connecting;
        connecting = false;
        return failed;
    }

    /** Returns a reader's connection to the pool. */
    void release(TableReader reader) {
        Connection conn = leases.remove(reader);
        if (conn == null) {
            return;
        }
        try {
            if (conn.isClosed()) {
                // Aborted (by stop(), or by a failed COPY): evicted quietly, where close() would roll back first,
                // fail, and have the pool log the failure with its stack trace.
                pool.evictConnection(conn);
            } else {
                conn.close();
            }
        } catch (SQLException e) {
            LOG.debug("Closing a connection failed: {}", e.getMessage());
        }
    }

    /** Returns every held connection to the pool. */
    void releaseAll() {
        List.copyOf(leases.keySet()).forEach(this::release);
    }

    /**
     * Closes the held connections' sockets without waiting for what runs on them (JDBC's abort), from any thread:
     * a read blocked on one fails at once.
     */
    void abortAll() {
        leases.values().forEach(TaskConnections::abort);
    }

    private static void abort(Connection conn) {
        try {
            conn.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Aborting a connection failed: {}", e.getMessage());
        }
    }

    /**
     * Replaces the pools by ones with new settings (fresh credentials, which a primary given without its own takes
     * too); held connections must have been released.
     */
    void reconnect(ConnectionSettings settings, Optional<ConnectionSettings> primarySettings) {
        HikariDataSource old = pool;
        pool = ConnectionFactory.pool(settings, poolName, max, false);
        old.close();
        Optional<HikariDataSource> oldPrimary = primary;
        primary = primarySettings.map(p -> ConnectionFactory.pool(p, poolName + "-primary", 1, false));
        oldPrimary.ifPresent(HikariDataSource::close);
    }

    @Override
    public void close() {
        pool.close();
        primary.ifPresent(HikariDataSource::close);
    }
}
