/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.CaptureScenario;
import io.herokupg.connect.testing.ConnectorIT;

/**
 * CAPTURE end to end, through a real Kafka Connect worker and broker: while three writers insert, update, delete and
 * move keys in transactions that commit late, roll back, and roll back to savepoints, and a TRUNCATE empties the table
 * in the middle, the connector (which installs capture itself, under the writes) replicates the table to a compacted
 * topic. The broker accepts its tombstones (a compacted topic refuses records without a key), the topic's compacted
 * view equals the table in every column, the op headers say what happened ({@code d} and {@code t} only on
 * tombstones), no change arrives twice, each key the TRUNCATE removed has its tombstone, and the capture log is
 * pruned empty once the worker has committed the offsets.
 */
class CaptureWorkerIT extends ConnectorIT {
    private static final long SEED = 20261206L;
    private final CaptureScenario scenario = new CaptureScenario(pg, connect, "capture_worker", "it_capture",
        "capture_worker_it");

    CaptureWorkerIT() {
        super("capture-worker");
    }

    @AfterEach
    void dropAll() throws SQLException {
        connect.rest().delete(name);
        scenario.dropAll();
    }

    @Test
    void concurrentWritesAndATruncateEndWithTheCompactedTopicEqualToTheTable() throws Exception {
        Map<String, String> config = scenario.settings(name);
        CaptureScenario.Writes writes = scenario.run(name, config, SEED, 3, step -> "no interruption");

        scenario.assertTopic("seed " + SEED, writes, false);
        assertThat(connect.rest().status(name).body().path("tasks").path(0).path("state").asText())
            .as("the task, having written tombstones to a compacted topic").isEqualTo("RUNNING");
    }
}
