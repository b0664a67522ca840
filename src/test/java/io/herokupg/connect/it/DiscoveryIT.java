/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.ConnectRest;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TcpProxy;

/**
 * Tables appear and disappear while the connector runs: a new table matching the selection is found by the
 * scheduled discovery and replicated; a dropped one stops cleanly, without failing the task or the other tables. A
 * discovery that keeps failing fails the connector.
 */
class DiscoveryIT {
    private final PostgresFixture pg = SharedServices.postgres();
    private final ConnectFixture connect = SharedServices.connect();
    private String connector;

    @AfterEach
    void deleteConnector() {
        connect.rest().delete(connector);
    }

    @Test
    void aNewTableIsFoundAndReplicatedAndADroppedOneLeavesThePlan() throws Exception {
        connector = "discovery";
        pg.execute("DROP TABLE IF EXISTS disc_a, disc_b", "CREATE TABLE disc_a (id int PRIMARY KEY)",
            "INSERT INTO disc_a SELECT generate_series(1, 10)");
        Map<String, String> config = connect.connectorConfig(pg, connector, "it_disc", "public\\.disc_.*");
        config.put("table.discovery.interval.ms", "1000");
        connect.rest().putConnector(connector, config);
        connect.rest().awaitRunning(connector, 1);
        read("it_disc.public.disc_a", 10);

        pg.execute("CREATE TABLE disc_b (id int PRIMARY KEY)", "INSERT INTO disc_b SELECT generate_series(1, 20)");
        assertThat(read("it_disc.public.disc_b", 20)).as("the new table is replicated").isEqualTo(20);

        pg.execute("DROP TABLE disc_a");
        awaitAssignment(connector, "public.disc_b");
        connect.rest().awaitRunning(connector, 1);
    }

    @Test
    void aTableDroppedBeforeItsNextPassStopsWithoutFailingTheTask() throws Exception {
        connector = "dropped-table";
        pg.execute("DROP TABLE IF EXISTS drop_x, drop_y", "CREATE TABLE drop_x (id int PRIMARY KEY)",
            "CREATE TABLE drop_y (id int PRIMARY KEY)", "INSERT INTO drop_x SELECT generate_series(1, 5)",
            "INSERT INTO drop_y SELECT generate_series(1, 5)");
        Map<String, String> config = connect.connectorConfig(pg, connector, "it_drop", "public\\.drop_.*");
        config.put("table.discovery.interval.ms", "0");
        config.put("poll.interval.ms", "1000");
        connect.rest().putConnector(connector, config);
        connect.rest().awaitRunning(connector, 1);
        read("it_drop.public.drop_y", 5);

        pg.execute("DROP TABLE drop_x", "INSERT INTO drop_y SELECT generate_series(6, 8)");
        // Passes go on every second: drop_y's later passes carry the new rows, and the task stays RUNNING.
        assertThat(read("it_drop.public.drop_y", 5 + 8)).isGreaterThanOrEqualTo(13);
        assertThat(ConnectRest.allTasksIn(connect.rest().status(connector).body(), "RUNNING")).isTrue();
    }

    /**
     * The database becomes unreachable for good (the proxy the connector reaches it through is closed): the scheduled
     * discovery fails at each interval and, after 3 failures in a row over a minute, fails the connector with the
     * reason in its status.
     */
    @Test
    void aDiscoveryThatKeepsFailingFailsTheConnector() throws Exception {
        connector = "discovery-failing";
        pg.execute("DROP TABLE IF EXISTS disc_fail", "CREATE TABLE disc_fail (id int PRIMARY KEY)");
        try (TcpProxy proxy = TcpProxy.start(pg.host(), pg.port())) {
            Map<String, String> config = connect.connectorConfig(pg, connector, "it_disc_fail", "public\\.disc_fail");
            config.put("database.hostname", connect.hostForWorker(pg.host(), proxy.port()));
            config.put("database.port", Integer.toString(proxy.port()));
            config.put("database.connect.timeout.ms", "2000");
            config.put("table.discovery.interval.ms", "1000");
            connect.rest().putConnector(connector, config);
            connect.rest().awaitRunning(connector, 1);

            proxy.close();
            Instant closed = Instant.now();
            JsonNode status = connect.rest().awaitStatus(connector,
                s -> "FAILED".equals(s.path("connector").path("state").asText()), Duration.ofSeconds(120));
            assertThat(status.path("connector").path("trace").asText())
                .contains("Table discovery failed").contains("times in a row");
            assertThat(Duration.between(closed, Instant.now())).as("not before a minute of failures")
                .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        }
    }

    private void awaitAssignment(String name, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        String assignment = "";
        while (Instant.now().isBefore(deadline)) {
            var tasks = connect.rest().tasks(name).body();
            assignment = tasks.size() == 1 ? tasks.get(0).path("config").path("task.assignment").asText() : "";
            if (assignment.equals(expected)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the tasks were not reconfigured to " + expected + "; assignment: " + assignment);
    }

    private int read(String topic, int atLeast) {
        return connect.topics().readAtLeast(topic, atLeast, Duration.ofSeconds(60), Duration.ZERO).size();
    }
}
