/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.herokupg.connect.testing.CommonTypesTable;
import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TopicReader.Decoded;

/** The full-table path on every PostgreSQL major the build tests ({@code pg.versions}), each an SSL-only server. */
class PostgresVersionsIT {
    private final ConnectFixture connect = SharedServices.connect();

    static Stream<String> versions() {
        return Arrays.stream(System.getProperty("pg.versions", "17.5.0").split(",")).map(String::trim);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void commonTypesReplicateExactly(String version) throws Exception {
        String major = version.startsWith("9.") ? "9" + version.split("\\.")[1] : version.split("\\.")[0];
        String name = "versions-" + major;
        int rows = 1_000;
        try (PostgresFixture pg = Fixtures.postgres(version)) {
            assertThat(pg.serverVersion()).startsWith(version.startsWith("9.") ? version.substring(0, 3) : major);
            Map<Long, Map<String, Object>> expected;
            try (Connection conn = pg.connect()) {
                CommonTypesTable.create(conn, "version_rows", rows);
                expected = CommonTypesTable.expected(conn, "version_rows");
            }
            connect.rest().putConnector(name, connect.connectorConfig(pg, name, "it_pg" + major,
                "public\\.version_rows"));
            try {
                connect.rest().awaitRunning(name, 1);
                List<Decoded> records = connect.topics().readAtLeast("it_pg" + major + ".public.version_rows", rows,
                    Duration.ofSeconds(60), Duration.ofSeconds(1));
                assertThat(records).hasSize(rows);
                for (Decoded record : records) {
                    long id = record.keyStruct().getInt64("id");
                    CommonTypesTable.assertValue(record.valueStruct(), expected.get(id));
                }
                assertThat(records).extracting(r -> r.keyStruct().getInt64("id")).doesNotHaveDuplicates();
            } finally {
                connect.rest().delete(name);
            }
        }
    }
}
