/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.herokupg.connect.testing.ChangeWriters;
import io.herokupg.connect.testing.ChangeWriters.Version;
import io.herokupg.connect.testing.EmbeddedConnectFixture;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.SlowTables;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * KIP-618 exactly-once with INCREMENTAL and late commits, through real workers: while writers insert and update rows
 * in transactions that commit late, the task's worker is stopped, the task restarted, its connections killed. Once
 * the writers stopped and everything arrived, a read_committed consumer has every row's latest version, last, and no
 * row version twice.
 */
class IncrementalExactlyOnceIT {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalExactlyOnceIT.class);
    private static final long SEED = 20261127L;
    private static final int TRIALS = 4;
    private static final String NAME = "eos-inc";
    private static final String TABLE = "eos_inc";
    private static final String TOPIC = "it_eos_inc.public." + TABLE;

    private final PostgresFixture pg = SharedServices.postgres();
    private EmbeddedConnectFixture connect;

    @AfterEach
    void stopCluster() throws Exception {
        if (connect != null) {
            connect.close();
        }
        SlowTables.reset(pg);
    }

    @Test
    void crashesWhileTransactionsCommitLateLeaveNoDuplicateAndNoGap() throws Exception {
        assumeFalse(Fixtures.useContainers(), "needs the in-JVM cluster to stop its workers");
        String context = "seed " + SEED;
        Random rng = new Random(SEED);
        ChangeWriters.createTable(pg, TABLE, 200);
        // About 2 ms a row read: passes last, so that the crashes below fall in the middle of one.
        SlowTables.slowDown(pg, TABLE);
        connect = EmbeddedConnectFixture.start(2, Optional.empty(), true);
        Map<String, String> config = connect.connectorConfig(pg, NAME, "it_eos_inc", "public\\." + TABLE);
        config.put("exactly.once.support", "required");
        config.put("replication.method", "INCREMENTAL");
        config.put("replication.key", "updated_at");
        config.put("batch.max.rows", "3");
        config.put("poll.interval.ms", "250");
        try (ChangeWriters writers = ChangeWriters.start(pg, TABLE, 3, SEED)) {
            connect.rest().putConnector(NAME, config);
            connect.rest().awaitRunning(NAME, 1);
            for (int trial = 1; trial <= TRIALS; trial++) {
                Thread.sleep(1_000 + rng.nextInt(2_000));
                LOG.info("{}, trial {}: {}", context, trial, crash(trial));
            }
            Thread.sleep(1_000 + rng.nextInt(2_000));
            LOG.info("{}: writers committed {} transactions ({} late, {} updates)", context, writers.committed(),
                writers.lateCommits(), writers.updates());
        }

        Map<Long, Version> rows = ChangeWriters.versions(pg, TABLE);
        Set<Version> latest = Set.copyOf(rows.values());
        List<Decoded> records = connect.topics().readUntil(TOPIC, r -> versions(r).containsAll(latest),
            Duration.ofSeconds(90), Duration.ofSeconds(3));
        LOG.info("{}: {} records for {} rows", context, records.size(), rows.size());
        ChangeWriters.assertLatestOnce(context + ", read_committed consumer", rows, records.stream()
            .map(r -> ChangeWriters.version(r.valueStruct())).toList());
    }

    /** A crash of the task: its worker stops (and a new one joins), it is restarted, or its connections die. */
    private String crash(int trial) throws Exception {
        JsonNode status = connect.rest().awaitRunning(NAME, 1);
        String worker = status.path("tasks").get(0).path("worker_id").asText();
        switch (trial % 3) {
            case 1 -> {
                connect.stopWorker(worker);
                connect.addWorker();
                connect.rest().awaitStatus(NAME, s -> "RUNNING".equals(s.path("tasks").path(0).path("state").asText())
                    && !worker.equals(s.path("tasks").path(0).path("worker_id").asText()), Duration.ofSeconds(60));
                return "stopped worker " + worker;
            }
            case 2 -> {
                connect.rest().restartTask(NAME, 0);
                connect.rest().awaitRunning(NAME, 1);
                return "restarted the task on " + worker;
            }
            default -> {
                try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
                    st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = current_database()"
                        + " AND application_name LIKE 'kafka-connect-heroku-postgres%' AND pid <> pg_backend_pid()");
                }
                return "killed the connector's connections";
            }
        }
    }

    private static Set<Version> versions(List<Decoded> records) {
        Set<Version> versions = new HashSet<>();
        records.forEach(r -> versions.add(ChangeWriters.version(r.valueStruct())));
        return versions;
    }
}
