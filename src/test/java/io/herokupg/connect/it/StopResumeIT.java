/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.ConnectRest;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.SlowTables;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * Stops a connector in the middle of a full-table pass and resumes it: the pass goes on after the last committed
 * key, nothing is skipped, and at most the uncommitted tail is sent again.
 */
class StopResumeIT {
    private static final String NAME = "stop-resume";
    private static final String TOPIC = "it_resume.public.resume_rows";
    private static final int ROWS = 3_000;

    private final PostgresFixture pg = SharedServices.postgres();
    private final ConnectFixture connect = SharedServices.connect();

    @AfterEach
    void deleteConnector() throws Exception {
        connect.rest().delete(NAME);
        SlowTables.reset(pg);
    }

    @Test
    void stoppedMidPassResumesAfterTheLastCommittedKey() throws Exception {
        SlowTables.create(pg, "resume_rows", ROWS);
        Map<String, String> config = connect.connectorConfig(pg, NAME, "it_resume", "public\\.resume_rows");
        config.put("batch.max.rows", "50");
        connect.rest().putConnector(NAME, config);
        connect.rest().awaitRunning(NAME, 1);

        // Reading costs ~2 ms a row (SlowTables), so the pass takes ~6 s: stop it a fifth of the way in.
        List<Decoded> beforeStop = connect.topics().readAtLeast(TOPIC, ROWS / 5, Duration.ofSeconds(60),
            Duration.ZERO);
        connect.rest().stop(NAME);
        connect.rest().awaitStatus(NAME, s -> "STOPPED".equals(s.path("connector").path("state").asText()),
            Duration.ofSeconds(60));
        JsonNode offset = storedOffset();
        assertThat(offset.path("complete").isBoolean()).as("offset %s", offset).isTrue();
        assertThat(offset.path("complete").asBoolean()).as("stopped in the middle of the pass: %s", offset)
            .isFalse();
        long committedKey = Long.parseLong(offset.path("last_key").asText());
        int emittedBeforeStop = connect.topics().readAtLeast(TOPIC, beforeStop.size(), Duration.ofSeconds(30),
            Duration.ofSeconds(1)).size();
        assertThat(committedKey).isBetween((long) ROWS / 5, ROWS - 1L);

        connect.rest().resume(NAME);
        List<Decoded> all = connect.topics().readAtLeast(TOPIC, ROWS, Duration.ofSeconds(90), Duration.ofSeconds(3));

        Map<Long, Long> counts = all.stream().collect(Collectors.groupingBy(r -> r.keyStruct().getInt64("id"),
            Collectors.counting()));
        assertThat(counts.keySet()).as("no row skipped").hasSize(ROWS);
        counts.forEach((id, count) -> {
            if (id <= committedKey) {
                assertThat(count).as("row %s, committed before the stop, is sent once", id).isEqualTo(1L);
            }
        });
        long duplicates = all.size() - ROWS;
        assertThat(duplicates).as("only the uncommitted tail may repeat")
            .isLessThanOrEqualTo(emittedBeforeStop - committedKey);
        long firstAfterResume = all.get(emittedBeforeStop).keyStruct().getInt64("id");
        assertThat(firstAfterResume).as("the resumed pass starts after the committed key, not at the beginning")
            .isEqualTo(committedKey + 1);
    }

    private JsonNode storedOffset() {
        ConnectRest.Response response = connect.rest().offsets(NAME);
        assertThat(response.status()).as("GET offsets: %s", response.body()).isEqualTo(200);
        JsonNode offsets = response.body().path("offsets");
        Map<String, JsonNode> byTable = new HashMap<>();
        offsets.forEach(o -> byTable.put(o.path("partition").path("table").asText(), o.path("offset")));
        String partition = pg.database() + ".public.resume_rows";
        assertThat(byTable).as("stored offsets: %s", response.body()).containsKey(partition);
        return byTable.get(partition);
    }
}
