/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.FollowerFixture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * A follower through a real Kafka Connect worker: a connector whose database.url is a real hot standby and whose
 * database.primary.url is its primary emits a transaction held open on the primary across several passes once, as
 * a consumer of the topic sees it; and the worker's validation asks for the follower's primary, and for that very
 * primary, for INCREMENTAL (FULL_TABLE alone needs none).
 */
class FollowerWorkerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String NAME = "follower-worker";
    private static final String TOPIC = "it_follower.public.follower_worker";
    private static FollowerFixture follower;

    private final ConnectFixture connect = SharedServices.connect();

    @BeforeAll
    static void startFollower() {
        follower = FollowerFixture.start();
    }

    @AfterAll
    static void stopFollower() {
        SharedServices.connect().rest().delete(NAME);
        follower.close();
    }

    @Test
    void aTransactionHeldOpenOnThePrimaryReachesTheTopicOnce() throws Exception {
        follower.primary().execute("DROP TABLE IF EXISTS follower_worker",
            "CREATE TABLE follower_worker (id bigserial PRIMARY KEY,"
            + " updated_at timestamptz NOT NULL DEFAULT now(), v text)", "CREATE INDEX ON follower_worker (updated_at)",
            "INSERT INTO follower_worker (v) SELECT 'initial' FROM generate_series(1, 20)");
        follower.awaitReplay(TIMEOUT);
        Map<String, String> config = followerConfig("public\\.follower_worker");
        config.put("database.primary.url", connect.workerUrl(follower.primary()));
        config.put("replication.method", "INCREMENTAL");
        config.put("replication.key", "updated_at");
        // No allowance for application clocks: a key below the clock's horizon would be missed.
        config.put("replication.key.clock.skew.ms", "0");
        config.put("poll.interval.ms", "200");
        connect.rest().putConnector(NAME, config);
        connect.rest().awaitRunning(NAME, 1);
        connect.topics().readAtLeast(TOPIC, 20, TIMEOUT, Duration.ZERO);

        try (Connection late = follower.primary().connect()) {
            late.setAutoCommit(false);
            try (Statement st = late.createStatement()) {
                st.execute("INSERT INTO follower_worker (v) VALUES ('late')");
            }
            // Rows committed meanwhile, with later keys, reach the topic while the late transaction is open.
            for (int i = 1; i <= 3; i++) {
                follower.primary().execute("INSERT INTO follower_worker (v) VALUES ('after-" + i + "')");
                Thread.sleep(500);
            }
            connect.topics().readUntil(TOPIC, r -> values(r).contains("after-3"), TIMEOUT, Duration.ZERO);
            late.commit();
        }

        List<Decoded> records = connect.topics().readUntil(TOPIC, r -> values(r).contains("late"), TIMEOUT,
            Duration.ofSeconds(2));
        assertThat(records.stream().map(r -> r.valueStruct().getInt64("id")).toList()).as("every row once")
            .doesNotHaveDuplicates().hasSize(24);
        assertThat(values(records)).containsOnlyOnce("late");
    }

    @Test
    void validationAsksForTheFollowersOwnPrimary() throws Exception {
        follower.primary().execute(
            "CREATE TABLE IF NOT EXISTS follower_validated (id bigint PRIMARY KEY, updated_at timestamptz)");
        follower.awaitReplay(TIMEOUT);
        Map<String, String> config = followerConfig("public\\.follower_validated");
        assertThat(connect.rest().validate(config)).as("FULL_TABLE on the follower, no primary").isEmpty();

        config.put("replication.method", "INCREMENTAL");
        config.put("replication.key", "updated_at");
        Map<String, List<String>> errors = connect.rest().validate(config);
        assertThat(errors).as("INCREMENTAL on the follower without its primary")
            .containsOnlyKeys("database.primary.url");
        assertThat(String.join("\n", errors.get("database.primary.url"))).contains("hot standby",
            "public.follower_validated");

        config.put("database.primary.url", connect.workerUrl(SharedServices.postgres()));
        errors = connect.rest().validate(config);
        assertThat(errors).as("a primary URL naming another server").containsOnlyKeys("database.primary.url");
        assertThat(String.join("\n", errors.get("database.primary.url"))).contains("system identifiers differ");

        config.put("database.primary.url", connect.workerUrl(follower.primary()));
        assertThat(connect.rest().validate(config)).as("the follower's primary").isEmpty();
    }

    /** The connector's config for these tables of the follower, as database.url (FULL_TABLE, no primary). */
    private Map<String, String> followerConfig(String tables) {
        Map<String, String> config = new HashMap<>(connect.connectorConfig(follower.standby(), NAME, "it_follower",
            tables));
        PostgresFixture.useUrl(config, connect.workerUrl(follower.standby()));
        return config;
    }


    private static List<String> values(List<Decoded> records) {
        return records.stream().map(r -> r.valueStruct().getString("v")).toList();
    }
}
