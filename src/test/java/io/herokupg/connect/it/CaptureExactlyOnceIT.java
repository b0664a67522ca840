/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.CaptureScenario;
import io.herokupg.connect.testing.ConcurrentCaptureWriters;
import io.herokupg.connect.testing.EmbeddedConnectFixture;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * KIP-618 exactly-once with CAPTURE, through workers in exactly-once mode: the connector is accepted with
 * exactly.once.support=required (every table has a primary key), and CaptureWorkerIT's scenario (concurrent writers,
 * late commits, rollbacks, savepoints, key moves, a TRUNCATE in the middle) runs with two crashes, each in the middle
 * of a pass: before the TRUNCATE the task's worker is stopped (the other worker takes the task over), after it the
 * task's connections are killed and the task restarted. A read_committed consumer then receives no change twice (the
 * aborted transactions' records are invisible, and the resumed pass goes on after the committed position), and the
 * topic's compacted view equals the table.
 */
class CaptureExactlyOnceIT {
    private static final long SEED = 20261208L;
    private static final String NAME = "eos-capture";
    /** Rows inserted at once before each crash: a pass that takes a few seconds, so that the crash falls in it. */
    private static final int BULK = 800;

    private final PostgresFixture pg = SharedServices.postgres();
    private EmbeddedConnectFixture connect;
    private CaptureScenario scenario;
    /** What the interrupted pass had had committed of its rows when each crash began. */
    private final long[] emittedAtCrash = new long[2];

    @AfterEach
    void stopCluster() throws Exception {
        if (connect != null) {
            connect.close();
        }
        if (scenario != null) {
            scenario.dropAll();
        }
    }

    @Test
    void crashesDuringConcurrentWritesAndATruncateLeaveNoDuplicateAndTheTableInTheCompactedTopic() throws Exception {
        assumeFalse(Fixtures.useContainers(), "needs the in-JVM cluster to stop its workers");
        connect = EmbeddedConnectFixture.start(2, Optional.empty(), true);
        scenario = new CaptureScenario(pg, connect, "eos_capture", "it_eos_capture", "eos_capture_it");
        Map<String, String> config = scenario.settings(NAME);
        config.put("exactly.once.support", "required");
        // A worker's transaction per poll: small batches, so that a crash falls between many of them.
        config.put("batch.max.rows", "5");
        CaptureScenario.Writes writes = scenario.run(NAME, config, SEED, 3, this::crash);
        assertThat(emittedAtCrash[0]).as("rows of the bulk insert committed when the worker stopped")
            .isLessThan(BULK);
        assertThat(emittedAtCrash[1]).as("tombstones of the TRUNCATE committed when the connections died")
            .isLessThan(writes.truncated());

        scenario.assertTopic("exactly once, seed " + SEED, writes, false);
        assertThat(connect.rest().validate(config)).as("the connector's answer to exactly.once.support=required"
            + " (exactlyOnceSupport: SUPPORTED for a CAPTURE table with a primary key)").isEmpty();
    }

    /**
     * A crash in the middle of a pass. Before the TRUNCATE, one transaction inserts {@value #BULK} rows, and once the
     * pass that emits them has had some of them committed, the task's worker stops (the other takes the task over).
     * Right after the TRUNCATE, once some of its tombstones are committed, the task's connections die and the task is
     * restarted.
     */
    private String crash(int step) throws Exception {
        if (step == 0) {
            return "the connector starts";
        }
        if (step == 1) {
            ConcurrentCaptureWriters.insertMany(pg, scenario.table(), "bulk", BULK);
        }
        Predicate<Decoded> ofPass = step == 1
            ? r -> r.value().value() != null && String.valueOf(r.valueStruct().getString("v")).startsWith("bulk-")
            : r -> "t".equals(r.header("op"));
        List<Decoded> seen = connect.topics().readUntil(scenario.topic(), r -> r.stream().anyMatch(ofPass),
            Duration.ofSeconds(60), Duration.ZERO);
        emittedAtCrash[step - 1] = seen.stream().filter(ofPass).count();
        String worker = connect.rest().awaitRunning(NAME, 1).path("tasks").get(0).path("worker_id").asText();
        if (step == 1) {
            connect.stopWorker(worker);
            connect.rest().awaitStatus(NAME, s -> "RUNNING".equals(s.path("tasks").path(0).path("state").asText())
                && !worker.equals(s.path("tasks").path(0).path("worker_id").asText()), Duration.ofSeconds(60));
            return "stopped worker " + worker + " when " + emittedAtCrash[0] + " of the " + BULK
                + " inserted rows were committed; the task runs on the other";
        }
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name LIKE 'kafka-connect-heroku-postgres%' AND pid <> pg_backend_pid()");
        }
        connect.rest().restartTask(NAME, 0);
        connect.rest().awaitRunning(NAME, 1);
        return "killed the task's connections and restarted the task on " + worker + " when "
            + emittedAtCrash[1] + " of the TRUNCATE's tombstones were committed";
    }
}
