/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.herokupg.connect.testing.EmbeddedConnectFixture;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.SlowTables;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * A distributed cluster of two workers; the worker running one task is stopped in the middle of its pass. The task
 * moves to the other worker and resumes from the committed key: no row is lost, and only a contiguous tail right
 * after the committed key may repeat.
 */
class RebalanceIT {
    private static final String NAME = "rebalance";
    private static final int ROWS = 1_500;

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
    void aTaskWhoseWorkerStopsMidPassMovesAndLosesNothing() throws Exception {
        assumeFalse(Fixtures.useContainers(), "needs the in-JVM cluster to stop one of its workers");
        SlowTables.create(pg, "rebalance_a", ROWS);
        SlowTables.create(pg, "rebalance_b", ROWS);
        connect = EmbeddedConnectFixture.start(2, Optional.empty());
        Map<String, String> config = connect.connectorConfig(pg, NAME, "it_rebalance", "public\\.rebalance_.*");
        config.put("tasks.max", "2");
        config.put("batch.max.rows", "50");
        connect.rest().putConnector(NAME, config);
        JsonNode status = connect.rest().awaitRunning(NAME, 2);

        connect.topics().readAtLeast("it_rebalance.public.rebalance_a", ROWS / 5, Duration.ofSeconds(60),
            Duration.ZERO);
        String worker = status.path("tasks").get(0).path("worker_id").asText();
        connect.stopWorker(worker);
        connect.rest().awaitRunning(NAME, 2);

        for (String table : List.of("rebalance_a", "rebalance_b")) {
            List<Decoded> records = connect.topics().readAtLeast("it_rebalance.public." + table, ROWS,
                Duration.ofSeconds(120), Duration.ofSeconds(3));
            Map<Long, Long> counts = records.stream().collect(Collectors.groupingBy(
                r -> r.keyStruct().getInt64("id"), Collectors.counting()));
            assertThat(counts).as("every row of %s", table).hasSize(ROWS);
            List<Long> repeated = new ArrayList<>(counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).sorted().toList());
            if (!repeated.isEmpty()) {
                assertThat(repeated.get(repeated.size() - 1) - repeated.get(0) + 1)
                    .as("repeats of %s form one run after the committed key: %s", table, repeated)
                    .isEqualTo(repeated.size());
            }
        }
    }
}
