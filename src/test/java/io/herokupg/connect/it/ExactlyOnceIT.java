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
 * KIP-618 exactly-once: workers in exactly-once mode accept the connector with exactly.once.support=required when
 * every table has a primary key, and a task whose worker stops mid-pass then yields, to a read_committed consumer,
 * every row exactly once. A table without a primary key makes the connector refuse "required".
 */
class ExactlyOnceIT {
    private static final int ROWS = 1_200;
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
    void aWorkerStoppedMidPassLeavesNoDuplicateAndNoGap() throws Exception {
        assumeFalse(Fixtures.useContainers(), "needs the in-JVM cluster to stop one of its workers");
        SlowTables.create(pg, "eos_rows", ROWS);
        connect = EmbeddedConnectFixture.start(2, Optional.empty(), true);
        Map<String, String> config = connect.connectorConfig(pg, "eos", "it_eos", "public\\.eos_rows");
        config.put("exactly.once.support", "required");
        config.put("batch.max.rows", "50");
        connect.rest().putConnector("eos", config);
        JsonNode status = connect.rest().awaitRunning("eos", 1);

        connect.topics().readAtLeast("it_eos.public.eos_rows", ROWS / 4, Duration.ofSeconds(60), Duration.ZERO);
        connect.stopWorker(status.path("tasks").get(0).path("worker_id").asText());

        List<Decoded> records = connect.topics().readAtLeast("it_eos.public.eos_rows", ROWS,
            Duration.ofSeconds(120), Duration.ofSeconds(3));
        assertThat(records).extracting(r -> r.keyStruct().getInt64("id")).doesNotHaveDuplicates().hasSize(ROWS);
    }

    @Test
    void requiredExactlyOnceIsRefusedForATableWithoutPrimaryKey() throws Exception {
        assumeFalse(Fixtures.useContainers(), "needs the in-JVM cluster in exactly-once mode");
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS eos_nokey");
            st.execute("CREATE TABLE eos_nokey (n int)");
        }
        connect = EmbeddedConnectFixture.start(1, Optional.empty(), true);
        Map<String, String> config = connect.connectorConfig(pg, "eos-nokey", "it_eos_nokey", "public\\.eos_nokey");
        config.put("exactly.once.support", "required");

        assertThat(connect.rest().validate(config)).containsKey("exactly.once.support");
    }
}
