/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.jdbc;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs outages once: a WARN when a table first becomes unreachable, DEBUG for each retry, an INFO when it is read
 * again (with how long the outage lasted and how many retries it took). Not thread-safe: one per task.
 */
public final class OutageLog {
    private static final Logger LOG = LoggerFactory.getLogger(OutageLog.class);

    private final String task;
    private final Clock clock;
    /** The tables in an outage: when it began, and the retries so far. */
    private final Map<String, Outage> outages = new HashMap<>();

    private static final class Outage {
        private final long sinceMs;
        private int retries;

        private Outage(long sinceMs) {
            this.sinceMs = sinceMs;
        }
    }

    public OutageLog(String task, Clock clock) {
        this.task = task;
        this.clock = clock;
    }

    /** A retriable failure that affects these tables; the task retries in {@code wait}. */
    public void failed(Collection<String> tables, SQLException e, Duration wait) {
        for (String table : tables) {
            Outage outage = outages.get(table);
            if (outage == null) {
                outages.put(table, new Outage(clock.millis()));
                LOG.warn("{}: table {} is unreachable: {} (SQLSTATE {}); retrying with backoff, keeping its"
                    + " position", task, table, e.getMessage(), e.getSQLState());
            } else {
                outage.retries++;
            }
        }
        LOG.debug("{}: {} (SQLSTATE {}); next retry in {} ms", task, e.getMessage(), e.getSQLState(),
            wait.toMillis());
    }

    /** The table was read: ends its outage, if any. */
    public void succeeded(String table) {
        Outage outage = outages.remove(table);
        if (outage != null) {
            LOG.info("{}: table {} is reachable again after {} ms and {} retries; replication resumes from its"
                + " position", task, table, clock.millis() - outage.sinceMs, outage.retries + 1);
        }
    }

    /** Whether any table is in an outage. */
    public boolean active() {
        return !outages.isEmpty();
    }
}
