/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.CommonTypesTable;
import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TopicReader.Decoded;

/** Full-table replication through a real worker, from an SSL-only PostgreSQL, with the common types. */
class FullTableIT {
    private final PostgresFixture pg = SharedServices.postgres();
    private final ConnectFixture connect = SharedServices.connect();
    private String connector;

    @AfterEach
    void deleteConnector() {
        if (connector != null) {
            connect.rest().delete(connector);
        }
    }

    @Test
    void tenThousandRowsArriveExactlyOnceWithKeysAndExactValues() throws Exception {
        int rows = 10_000;
        Map<Long, Map<String, Object>> expected;
        try (Connection conn = pg.connect()) {
            CommonTypesTable.create(conn, "full_common", rows);
            expected = CommonTypesTable.expected(conn, "full_common");
        }
        Map<String, String> config = connectorConfig("full-common", "public\\.full_common");
        config.put("batch.max.rows", "700");
        connector = "full-common";
        connect.rest().putConnector(connector, config);
        connect.rest().awaitRunning(connector, 1);

        List<Decoded> records = connect.topics().readAtLeast("it_full.public.full_common", rows,
            Duration.ofSeconds(90), Duration.ofSeconds(3));

        assertThat(records).hasSize(rows);
        Set<Long> ids = new HashSet<>();
        for (Decoded record : records) {
            long id = record.valueStruct().getInt64("id");
            assertThat(ids.add(id)).as("row %s arrives once", id).isTrue();
            assertThat(record.keyStruct().schema().fields()).extracting(f -> f.name()).containsExactly("id");
            assertThat(record.keyStruct().getInt64("id")).isEqualTo(id);
            CommonTypesTable.assertValue(record.valueStruct(), expected.get(id));
        }
        assertThat(ids).isEqualTo(expected.keySet());
        Schema value = records.get(0).value().schema();
        assertThat(value.field("int_n").schema().isOptional()).as("NOT NULL column is required").isFalse();
        assertThat(value.field("big_n").schema().isOptional()).isTrue();
        assertThat(connectionsUseSsl()).as("the connector's connections use TLS").containsOnly(true);
    }

    @Test
    void tableWithoutPrimaryKeyArrivesWithNullKeys() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS full_nokey");
            st.execute("CREATE TABLE full_nokey (n int, note text)");
            st.execute("INSERT INTO full_nokey SELECT g, 'n' || g FROM generate_series(1, 250) g");
        }
        connector = "full-nokey";
        connect.rest().putConnector(connector, connectorConfig(connector, "public\\.full_nokey"));
        connect.rest().awaitRunning(connector, 1);

        List<Decoded> records = connect.topics().readAtLeast("it_full.public.full_nokey", 250,
            Duration.ofSeconds(60), Duration.ofSeconds(2));

        assertThat(records).hasSize(250);
        assertThat(records).allSatisfy(r -> assertThat(r.key().value()).isNull());
        assertThat(records).extracting(r -> r.valueStruct().getInt32("n")).doesNotHaveDuplicates()
            .hasSize(250);
    }

    private Map<String, String> connectorConfig(String name, String include) {
        return connect.connectorConfig(pg, name, "it_full", include);
    }

    private Set<Boolean> connectionsUseSsl() throws Exception {
        Set<Boolean> ssl = new HashSet<>();
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)"
                 + " WHERE a.application_name LIKE 'kafka-connect-heroku-postgres%'")) {
            while (rs.next()) {
                ssl.add(rs.getBoolean(1));
            }
        }
        return ssl;
    }
}
