/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.ConnectorIT;
import io.herokupg.connect.testing.TaskDriver;

/**
 * resync.token: changing a table's token re-syncs that table (its stored position is discarded, it loads again) while
 * the connector keeps running, once; the other tables keep their positions. Through a task, then through a worker
 * whose connector is never stopped or paused.
 */
class ResyncIT extends ConnectorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration IDLE = Duration.ofMillis(800);

    ResyncIT() {
        super("resync");
    }

    @Test
    void changingATablesTokenReloadsThatTableOnce() throws Exception {
        createTables("rs_a", "rs_b");
        TaskDriver driver = new TaskDriver(pg, "public.rs_a,public.rs_b", Map.of("replication.method",
            "INCREMENTAL", "replication.key", "id", "poll.interval.ms", "3600000"));
        List<SourceRecord> first = new ArrayList<>(driver.start().pollUntil(r -> r.size() >= 60, TIMEOUT));
        first.addAll(driver.pollFor(IDLE));
        assertThat(first).hasSize(60);
        driver.commit(first);
        driver.stop();

        driver.set("table.public.rs_a.resync.token", "2026-12-06");
        List<SourceRecord> resynced = new ArrayList<>(driver.start().pollUntil(r -> r.size() >= 30, TIMEOUT));
        resynced.addAll(driver.pollFor(IDLE));
        assertThat(resynced).as("rs_a again, rs_b not").hasSize(30).allMatch(r -> r.topic().endsWith(".rs_a"));
        driver.commit(resynced);
        driver.stop();

        assertThat(driver.start().pollFor(IDLE)).as("the same token: nothing again").isEmpty();
        driver.stop();

        driver.set("resync.token", "all");
        List<SourceRecord> all = new ArrayList<>(driver.start().pollUntil(r -> r.size() >= 30, TIMEOUT));
        all.addAll(driver.pollFor(IDLE));
        driver.stop();
        assertThat(all).as("a connector-wide token re-syncs the tables without their own: rs_b")
            .hasSize(30).allMatch(r -> r.topic().endsWith(".rs_b"));
    }

    @Test
    void aWorkerReSyncsATableWithoutStoppingTheConnector() throws Exception {
        createTables("rsw_a", "rsw_b");
        Map<String, String> config = new HashMap<>(connect.connectorConfig(pg, name, "it_resync", "public\\.rsw_.*"));
        config.put("poll.interval.ms", "3600000");
        connect.rest().putConnector(name, config);
        connect.rest().awaitRunning(name, 1);
        read("rsw_a", 30);
        read("rsw_b", 30);

        config.put("table.public.rsw_a.resync.token", "1");
        connect.rest().putConnector(name, config);
        assertThat(read("rsw_a", 60)).as("rsw_a loaded again").hasSize(60);
        assertThat(connect.rest().status(name).body().path("connector").path("state").asText())
            .isEqualTo("RUNNING");
        assertThat(read("rsw_b", 30)).as("rsw_b untouched").hasSize(30);
    }

    private List<?> read(String table, int count) {
        return connect.topics().readAtLeast("it_resync.public." + table, count, TIMEOUT, Duration.ofSeconds(2));
    }

    private void createTables(String... tables) throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            for (String table : tables) {
                st.execute("DROP TABLE IF EXISTS " + table);
                st.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text)");
                st.execute("INSERT INTO " + table + " SELECT g, 'v' || g FROM generate_series(1, 30) g");
            }
        }
    }
}
