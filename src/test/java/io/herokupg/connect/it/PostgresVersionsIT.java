/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static io.herokupg.connect.it.IncrementalIT.has;
import static io.herokupg.connect.it.IncrementalIT.ids;
import static io.herokupg.connect.it.IncrementalIT.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.herokupg.connect.testing.CommonTypesTable;
import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * The full-table path, and INCREMENTAL and XMIN passes with a late commit, on every PostgreSQL major the build tests
 * ({@code pg.versions}), each an SSL-only server.
 */
class PostgresVersionsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
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

    /**
     * A transaction that writes a row, then one in a subtransaction, and commits after several passes: both rows and
     * the rows committed meanwhile (which wait for it, as younger than a transaction with subtransactions) are
     * emitted, each once, on every version.
     */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void incrementalAndXminEmitALateCommitOnce(String version) throws Exception {
        try (PostgresFixture pg = Fixtures.postgres(version)) {
            for (Map<String, String> method : List.of(Map.of("replication.method", "XMIN"),
                Map.of("replication.method", "INCREMENTAL", "replication.key", "updated_at"))) {
                lateCommit(pg, method);
            }
        }
    }

    private static void lateCommit(PostgresFixture pg, Map<String, String> method) throws Exception {
        execute(pg, "DROP TABLE IF EXISTS late_rows", "CREATE TABLE late_rows (id bigserial PRIMARY KEY,"
            + " updated_at timestamptz NOT NULL DEFAULT now(), v text)",
            "INSERT INTO late_rows (v) SELECT 'before' FROM generate_series(1, 5)");
        Map<String, String> settings = new HashMap<>(method);
        settings.put("poll.interval.ms", "50");
        TaskDriver driver = new TaskDriver(pg, "public.late_rows", settings);
        List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(5), TIMEOUT));
        try (Connection late = pg.connect()) {
            late.setAutoCommit(false);
            try (Statement st = late.createStatement()) {
                st.execute("INSERT INTO late_rows (v) VALUES ('late')");
                st.execute("SAVEPOINT nested");
                st.execute("INSERT INTO late_rows (v) VALUES ('late in a subtransaction')");
                st.execute("RELEASE SAVEPOINT nested");
            }
            for (int pass = 0; pass < 3; pass++) {
                execute(pg, "INSERT INTO late_rows (v) VALUES ('during'), ('during')");
                // Younger than a transaction with a subtransaction: they wait until it ends.
                emitted.addAll(driver.pollFor(Duration.ofMillis(300)));
            }
            assertThat(emitted).as("while it runs, %s", method).hasSize(5);
            late.commit();
        }
        emitted.addAll(driver.pollUntil(records -> emitted.size() + records.size() >= 5 + 6 + 2, TIMEOUT));
        emitted.addAll(driver.pollFor(Duration.ofMillis(500)));
        assertThat(driver.pollFor(Duration.ofMillis(300))).as("idle, %s", method).isEmpty();
        driver.stop();

        assertThat(values(emitted)).as("%s", method).containsOnlyOnce("late", "late in a subtransaction");
        assertThat(ids(emitted)).as("%s", method).doesNotHaveDuplicates().hasSize(5 + 6 + 2);
    }

    private static void execute(PostgresFixture pg, String... statements) throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
