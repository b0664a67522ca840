/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.CaptureScenario;
import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.FollowerFixture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;

/**
 * CaptureWorkerIT's scenario read from a follower: the writers, the capture log (installed by the task through
 * database.primary.url) and its pruning are on the primary; the connector's database.url is a real hot standby
 * streaming from it, so each pass takes its snapshot on the primary, waits for the standby to replay up to it, and
 * reads the log and the rows on the standby. With capture.delete.handling=marker+tombstone: each removed key's
 * tombstone comes after a delete marker. The topic's compacted view equals the primary's table.
 */
class CaptureFollowerWorkerIT {
    private static final long SEED = 20261207L;
    private static final String NAME = "capture-follower";
    private static FollowerFixture follower;

    private final ConnectFixture connect = SharedServices.connect();
    private CaptureScenario scenario;

    @BeforeAll
    static void startFollower() {
        follower = FollowerFixture.start();
    }

    @AfterAll
    static void stopFollower() {
        follower.close();
    }

    @AfterEach
    void dropAll() throws SQLException {
        connect.rest().delete(NAME);
        scenario.dropAll();
    }

    @Test
    void concurrentWritesOnThePrimaryAndATruncateEndWithTheCompactedTopicEqualToTheTable() throws Exception {
        scenario = new CaptureScenario(follower.primary(), connect, "capture_follower", "it_capture_follower",
            "capture_follower_it");
        Map<String, String> config = scenario.settings(NAME);
        PostgresFixture.useUrl(config, connect.workerUrl(follower.standby()));
        config.put("database.primary.url", connect.workerUrl(follower.primary()));
        config.put("capture.delete.handling", "marker+tombstone");
        CaptureScenario.Writes writes = scenario.run(NAME, config, SEED, 3, this::awaitTable);

        scenario.assertTopic("follower, seed " + SEED, writes, true);
        assertThat(connect.rest().status(NAME).body().path("tasks").path(0).path("state").asText())
            .isEqualTo("RUNNING");
    }

    /** Before the connector starts, the standby has the new table (validation reads it there). */
    private String awaitTable(int step) throws SQLException {
        if (step == 0) {
            follower.awaitReplay(Duration.ofSeconds(60));
            return "the standby replayed the table's creation";
        }
        return "no interruption";
    }

}
