/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.capture.CaptureSql;
import io.herokupg.connect.testing.ConcurrentCaptureWriters.Row;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * The end-to-end scenario of change capture through a real worker and broker: writers ({@link
 * ConcurrentCaptureWriters}) insert, update, delete and move keys in transactions that commit late, roll back, or roll
 * back to a savepoint, while a CAPTURE connector (capture.setup=auto) replicates the table to a compacted topic; once
 * the first pass has ended, the table is truncated in the middle of the writes, and the writes go on. Then the topic's
 * compacted view must equal the table, every column; the headers must make sense; no change may arrive twice (but as
 * the design explains); the TRUNCATE must give each key it removed a tombstone of its own; and the capture log must be
 * pruned empty once everything has been committed.
 *
 * @param writersDb   where the application writes (a follower's primary)
 * @param connect     the Kafka Connect cluster
 * @param table       the table, in schema {@code public}
 * @param topicPrefix the connector's topic.prefix
 * @param schema      the capture schema (capture.schema)
 */
public record CaptureScenario(PostgresFixture writersDb, ConnectFixture connect, String table, String topicPrefix,
                              String schema) {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureScenario.class);
    /** Rows before the writers start. */
    public static final int INITIAL_ROWS = 200;
    /** How long the writers write before, and again after, the TRUNCATE. */
    private static final Duration PHASE = Duration.ofMillis(2_500);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /**
     * Something done while the writers write, described for the log: at step 0 before the connector starts (a
     * follower's replay of the new table), at steps 1 and 2 to the connector (a crash).
     */
    @FunctionalInterface
    public interface Interruption {
        String act(int step) throws Exception;
    }

    /** What the writers did and what the TRUNCATE removed. */
    public record Writes(ConcurrentCaptureWriters.Counts counts, long truncated) {
    }

    /** The topic of the table. */
    public String topic() {
        return topicPrefix + ".public." + table;
    }

    /**
     * The connector's config: the database's settings, CAPTURE with capture.setup=auto in {@link #schema}, passes
     * every 200 ms, and topics created compacted (KIP-158).
     */
    public Map<String, String> settings(String name) {
        Map<String, String> config = new HashMap<>(connect.connectorConfig(writersDb, name, topicPrefix,
            "public\\." + table));
        config.put("replication.method", "CAPTURE");
        config.put("capture.setup", "auto");
        config.put("capture.schema", schema);
        config.put("poll.interval.ms", "200");
        config.put("batch.max.rows", "50");
        config.put("topic.creation.default.cleanup.policy", "compact");
        return config;
    }

    /**
     * Creates the table, starts the writers, then the connector (which installs capture and loads the table while
     * they write), and truncates the table halfway through the writes (once the first pass has ended); calls
     * {@code interruption} with step 0 before the connector starts, step 1 before the TRUNCATE and step 2 right
     * after it.
     */
    public Writes run(String name, Map<String, String> config, long seed, int writers, Interruption interruption)
        throws Exception {
        ConcurrentCaptureWriters.createTable(writersDb, table, INITIAL_ROWS);
        long truncated;
        ConcurrentCaptureWriters.Counts counts;
        try (ConcurrentCaptureWriters running = ConcurrentCaptureWriters.start(writersDb, table, writers, seed)) {
            LOG.info("seed {}: {}", seed, interruption.act(0));
            connect.rest().putConnector(name, config);
            connect.rest().awaitRunning(name, 1);
            // The first pass (the load) has ended once a later pass has emitted a change.
            connect.topics().readUntil(topic(), r -> r.stream().anyMatch(d -> !"r".equals(d.header("op"))), TIMEOUT,
                Duration.ZERO);
            Thread.sleep(PHASE.toMillis() / 2);
            LOG.info("seed {}: {}", seed, interruption.act(1));
            Thread.sleep(PHASE.toMillis() / 2);
            truncated = running.truncate();
            LOG.info("seed {}: truncated {} rows", seed, truncated);
            LOG.info("seed {}: {}", seed, interruption.act(2));
            Thread.sleep(PHASE.toMillis());
            counts = running.counts();
        }
        LOG.info("seed {}: writers did {}", seed, counts);
        assertThat(counts.lateCommits()).as("late commits").isPositive();
        assertThat(counts.rollbacks()).as("rolled back transactions").isPositive();
        assertThat(counts.savepointRollbacks()).as("transactions rolled back to a savepoint").isPositive();
        assertThat(counts.releasedSavepoints()).as("transactions that released a savepoint").isPositive();
        assertThat(counts.deletes()).as("rows deleted").isPositive();
        assertThat(counts.keyMoves()).as("keys moved").isPositive();
        assertThat(truncated).as("rows the TRUNCATE removed").isPositive();
        return new Writes(counts, truncated);
    }

    /**
     * Waits until the topic's compacted view equals the table (now that the writers stopped), then asserts it and
     * everything else the scenario proves; returns the records.
     */
    public List<Decoded> assertTopic(String context, Writes writes, boolean markers) throws SQLException {
        Map<Long, Row> rows = ConcurrentCaptureWriters.rows(writersDb, table);
        List<Decoded> records = connect.topics().readUntil(topic(),
            r -> TopicCaptureStream.compacted(r).equals(rows), TIMEOUT, Duration.ofSeconds(2));
        LOG.info("{}: {} records for {} rows, by operation {} ({} loaded rows emitted again by the second pass)",
            context, records.size(), rows.size(), TopicCaptureStream.operations(records),
            TopicCaptureStream.reloaded(records));
        TopicCaptureStream.assertCompactedEquals(context, rows, records);
        TopicCaptureStream.assertOperations(context, records, markers);
        assertThat(TopicCaptureStream.duplicates(records)).as("%s: changes received twice", context).isEmpty();
        Set<Long> truncated = TopicCaptureStream.truncated(context, records);
        assertThat(truncated).as("%s: keys with a TRUNCATE's tombstone", context).hasSize((int) writes.truncated());
        assertThat(connect.topics().topicConfig(topic(), "cleanup.policy")).as("the topic's cleanup.policy")
            .isEqualTo("compact");
        awaitPruned(context);
        return records;
    }

    /** Waits until the capture log holds no entry of the table: Connect committed the fence that saw them all. */
    private void awaitPruned(String context) throws SQLException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long entries = logEntries();
        while (entries > 0 && Instant.now().isBefore(deadline)) {
            ConnectRest.sleep(250);
            entries = logEntries();
        }
        assertThat(entries).as("%s: capture log entries of the table left once everything was committed", context)
            .isZero();
    }

    private long logEntries() throws SQLException {
        try (Connection conn = writersDb.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + new CaptureSql(schema).log()
                 + " WHERE relid = 'public." + table + "'::regclass")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Drops the table and the capture schema (the connector is deleted first: it would install capture again). */
    public void dropAll() throws SQLException {
        writersDb.execute("DROP TABLE IF EXISTS " + table, new CaptureSql(schema).uninstall());
    }
}
