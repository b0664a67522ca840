/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.herokupg.connect.testing.ChangeWriters;
import io.herokupg.connect.testing.ConnectRest;
import io.herokupg.connect.testing.EmbeddedConnectFixture;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;

/**
 * Issue 16: a split load of 200,000 rows on two exactly-once workers (KIP-618), one of which is stopped in the middle
 * of the load; its tasks move to the other worker and resume their ranges from their own offsets. A read_committed
 * consumer then has every id exactly once: FULL_TABLE's one pass, and INCREMENTAL's first pass and the passes after
 * it (no writes, so nothing more).
 */
class SplitWorkerStopIT {
    private static final Logger LOG = LoggerFactory.getLogger(SplitWorkerStopIT.class);
    private static final int ROWS = 200_000;
    private static final String PREFIX = "it_split_stop";

    private static EmbeddedConnectFixture connect;
    private final PostgresFixture pg = SharedServices.postgres();

    @BeforeAll
    static void startCluster() {
        assumeFalse(Fixtures.useContainers(), "needs the in-JVM cluster to stop one of its workers");
        connect = EmbeddedConnectFixture.start(2, Optional.empty(), true);
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.close();
        }
    }

    @Test
    void aFullTableLoadWhoseWorkerStopsHasEveryRowOnce() throws Exception {
        load("split-stop-full", "split_stop_full", Map.of("replication.method", "FULL_TABLE"));
    }

    @Test
    void anIncrementalLoadWhoseWorkerStopsHasEveryRowOnce() throws Exception {
        load("split-stop-inc", "split_stop_inc", Map.of("replication.method", "INCREMENTAL",
            "replication.key", "updated_at", "poll.interval.ms", "1000"));
    }

    private void load(String name, String table, Map<String, String> method) throws Exception {
        String topic = PREFIX + ".public." + table;
        ChangeWriters.createTable(pg, table, ROWS);
        pg.execute("ANALYZE " + table);
        Map<String, String> config = SplitLoadWatch.config(connect, pg, name, PREFIX, table, 2);
        config.putAll(method);
        config.put("exactly.once.support", "required");
        config.put("batch.max.rows", "200");
        String context = method.get("replication.method") + " on " + table;
        boolean stopped = false;
        try (SplitLoadWatch loads = SplitLoadWatch.watch(connect, name, pg, table)) {
            connect.rest().putConnector(name, config);
            JsonNode status = awaitTasksRunning(name, null);
            SplitTopic.awaitCommitted(connect, topic, ROWS / 4, Duration.ofSeconds(90));
            long before = SplitTopic.committedEnd(connect, topic);
            loads.assertSplit(1);
            String worker = status.path("tasks").get(0).path("worker_id").asText();
            connect.stopWorker(worker);
            stopped = true;
            LOG.info("{}: stopped worker {} (task 0's) with {} of {} records committed", context, worker, before, ROWS);
            assertThat(before).as(context + ": committed records when the worker stopped (the stop must fall in the"
                + " middle of the load)").isLessThan(ROWS);
            JsonNode moved = awaitTasksRunning(name, worker);
            LOG.info("{}: tasks after the rebalance: {}", context, moved.path("tasks"));

            List<Long> ids = SplitTopic.read(connect, topic, r -> r.keyStruct().getInt64("id"),
                r -> r.size() >= ROWS, Duration.ofSeconds(120), Duration.ofSeconds(5));
            LOG.info("{}: {} records for {} rows", context, ids.size(), ROWS);
            loads.assertSplit(2);
            SplitAssertions.assertEachOnce(context + ", read_committed consumer", SplitAssertions.counts(ids), ROWS);
            assertThat(ids).as(context + ": records in the topic").hasSize(ROWS);
        } finally {
            connect.rest().delete(name);
            if (stopped) {
                connect.addWorker();
            }
        }
    }

    /** Waits until the connector and all its tasks run, none on {@code gone} (a stopped worker; null: any). */
    private static JsonNode awaitTasksRunning(String name, String gone) {
        return connect.rest().awaitStatus(name, s -> "RUNNING".equals(s.path("connector").path("state").asText())
            && s.path("tasks").size() > 0 && ConnectRest.allTasksIn(s, "RUNNING")
            && (gone == null || !s.toString().contains("\"" + gone + "\"")), Duration.ofSeconds(60));
    }
}
