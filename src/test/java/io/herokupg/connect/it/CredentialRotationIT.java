/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.FakeHerokuApi;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * {@code heroku pg:credentials:rotate}, played on a real PostgreSQL: the role's password changes (ALTER ROLE), its
 * sessions are ended, and the app's DATABASE_URL changes in a local stand-in of the Platform API. A task with
 * heroku.app set fetches the new URL and goes on, mid-pass, without a restart and without losing a row; a task
 * without it fails with a message that says what to do. (Task level: a worker's {@code ${heroku:…}} reference is
 * resolved only when a task starts, so the task itself must fetch the rotated URL.)
 */
class CredentialRotationIT {
    private static final int ROWS = 3_000;
    private static final String TOKEN = "hrku-rotation-token";
    private final PostgresFixture pg = SharedServices.postgres();

    @Test
    void aTaskFetchesRotatedCredentialsFromThePlatformApiAndLosesNoRow() throws Exception {
        String role = "rotating_user";
        setUp(role, "rotation_rows", "first-Pa55");
        try (FakeHerokuApi api = FakeHerokuApi.start(TOKEN); LogCapture log = LogCapture.begin()) {
            api.setConfigVar("rotating-app", "DATABASE_URL", url(role, "first-Pa55"));
            TaskDriver driver = driver(role, "first-Pa55", "rotation_rows", Map.of("heroku.app", "rotating-app",
                "heroku.api.token", TOKEN, "heroku.api.url", api.url()));
            List<SourceRecord> records = new ArrayList<>(driver.pollUntil(r -> !r.isEmpty(), Duration.ofSeconds(60)));

            rotate(role, "second-Pa55");
            api.setConfigVar("rotating-app", "DATABASE_URL", url(role, "second-Pa55"));
            records.addAll(driver.pollUntil(r -> distinctIds(records, r) == ROWS, Duration.ofSeconds(60)));
            driver.stop();

            assertThat(distinctIds(records, List.of())).isEqualTo(ROWS);
            assertThat(api.requests()).as("the API is asked on the authentication failure only").isEqualTo(1);
            assertThat(log.text()).contains("reconnecting to").contains("Heroku app 'rotating-app'")
                .doesNotContain("second-Pa55").doesNotContain(TOKEN);
        }
    }

    @Test
    void withoutASourceOfFreshCredentialsTheTaskFailsWithAClearMessage() throws Exception {
        String role = "rotated_away_user";
        setUp(role, "rotation_fail_rows", "old-Pa55");
        TaskDriver driver = driver(role, "old-Pa55", "rotation_fail_rows", Map.of());
        driver.pollUntil(r -> !r.isEmpty(), Duration.ofSeconds(60));
        rotate(role, "new-Pa55");
        assertThatThrownBy(() -> driver.pollFor(Duration.ofSeconds(20)))
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("refused user 'rotated_away_user'")
            .hasMessageContaining("heroku.app")
            .hasMessageNotContaining("old-Pa55");
        driver.stop();
    }

    private TaskDriver driver(String role, String password, String table, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        config.put("database.user", role);
        config.put("database.password", password);
        config.put("batch.max.rows", "300");
        config.put("poll.interval.ms", "3600000");
        config.put("database.connect.timeout.ms", "2000");
        return new TaskDriver(pg, "public." + table, config).start();
    }

    private String url(String role, String password) {
        return "postgres://" + role + ":" + password + "@" + pg.host() + ":" + pg.port() + "/" + pg.database();
    }

    private void setUp(String role, String table, String password) throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text)");
            // Rows of 10 kB: the pass is far larger than what the task reads ahead (and the sockets buffer), so the
            // rotation happens while the server still has rows to send.
            st.execute("INSERT INTO " + table + " SELECT g, repeat(md5(g::text), 320) FROM generate_series(1, " + ROWS
                + ") g");
        }
        try (Connection admin = pg.superuser(); Statement st = admin.createStatement()) {
            st.execute("DO $$ BEGIN CREATE ROLE " + role + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            st.execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
            st.execute("GRANT CONNECT ON DATABASE " + pg.database() + " TO " + role);
            st.execute("GRANT USAGE ON SCHEMA public TO " + role);
            st.execute("GRANT SELECT ON " + table + " TO " + role);
        }
    }

    /** As pg:credentials:rotate --force: a new password, and the sessions of the old one ended. */
    private void rotate(String role, String password) throws Exception {
        try (Connection admin = pg.superuser(); Statement st = admin.createStatement()) {
            st.execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
        }
    }

    private static long distinctIds(List<SourceRecord> before, List<SourceRecord> now) {
        return java.util.stream.Stream.concat(before.stream(), now.stream())
            .map(r -> ((Struct) r.value()).getInt64("id")).distinct().count();
    }
}
