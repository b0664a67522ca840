/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.ConnectRest;
import io.herokupg.connect.testing.ConnectorIT;
import io.herokupg.connect.testing.EmbeddedConnectFixture;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.TopicReader;

/**
 * Through a real worker: a table dropped and created again under the same name (a restore, a rebuild) while the
 * connector is stopped is another table. The committed position (its OID in {@code relid}) is the old table's, whose
 * re-read bound is above every key of the new one; the connector discards it with a warning naming the table, and
 * the new table's rows all arrive.
 */
class RecreatedTableIT extends ConnectorIT {
    private static final String TABLE = "recreated";
    private static final String TOPIC = "it_recreated.public." + TABLE;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    RecreatedTableIT() {
        super("recreated-table");
    }

    @Test
    void aTableCreatedAgainWhileTheConnectorIsStoppedStartsAfresh() throws Exception {
        pg.execute("DROP TABLE IF EXISTS " + TABLE, "CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, v text)",
            "INSERT INTO " + TABLE + " SELECT g, 'old' FROM generate_series(1, 100) g");
        Map<String, String> config = connect.connectorConfig(pg, name, "it_recreated", "public\\." + TABLE);
        config.put("replication.method", "INCREMENTAL");
        config.put("replication.key", "id");
        config.put("poll.interval.ms", "200");
        connect.rest().putConnector(name, config);
        connect.rest().awaitRunning(name, 1);
        connect.topics().readAtLeast(TOPIC, 100, TIMEOUT, Duration.ZERO);
        pg.execute("INSERT INTO " + TABLE + " SELECT g, 'old' FROM generate_series(101, 110) g");
        connect.topics().readAtLeast(TOPIC, 110, TIMEOUT, Duration.ofSeconds(2));
        connect.rest().stop(name);
        connect.rest().awaitStatus(name, s -> "STOPPED".equals(s.path("connector").path("state").asText()),
            TIMEOUT);
        JsonNode offset = connect.rest().offsets(name).body().path("offsets").path(0).path("offset");
        assertThat(offset.path("low").asText()).as("the committed re-read bound: %s", offset).isEqualTo("100");

        pg.execute("DROP TABLE " + TABLE, "CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, v text)",
            "INSERT INTO " + TABLE + " SELECT g, 'new' FROM generate_series(1, 40) g");
        List<TopicReader.Decoded> records;
        try (LogCapture log = LogCapture.begin()) {
            ConnectRest.Response resumed = connect.rest().resume(name);
            assertThat(resumed.status()).as("resume: %s", resumed.body()).isLessThan(300);
            records = connect.topics().readAtLeast(TOPIC, 150, TIMEOUT, Duration.ofSeconds(2));
            if (connect instanceof EmbeddedConnectFixture) {
                assertThat(log.text()).contains("Table public." + TABLE + ": the stored position is of a table of"
                    + " the same name that was dropped since");
            }
        }
        List<TopicReader.Decoded> fresh = records.subList(110, records.size());
        assertThat(fresh).extracting(r -> r.valueStruct().getInt64("id")).as("the new table's rows, once")
            .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(fresh).extracting(r -> r.valueStruct().getString("v")).containsOnly("new");
    }
}
