/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.HerokuPostgresSourceConnector;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;

/**
 * Validation checks INCREMENTAL's assumptions that the catalog can check, each a warning naming the table and the
 * fix, while the configuration stays valid: a key drawn from a sequence that caches values, a random UUID key, a key
 * that may be NULL, a timestamp key whose database sets another time zone than configured, and inheritance children
 * left out of the selection. A table that breaks none gets no warning.
 */
class AssumptionsIT {
    private static final PostgresFixture PG = SharedServices.postgres();

    @BeforeAll
    static void createTables() throws Exception {
        try (Connection conn = PG.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS assume_child, assume_parent, assume_cached, assume_uuid, assume_null,"
                + " assume_local, assume_good");
            st.execute("CREATE TABLE assume_cached (id bigserial PRIMARY KEY, v text)");
            st.execute("ALTER SEQUENCE assume_cached_id_seq CACHE 20");
            st.execute("CREATE TABLE assume_uuid (id uuid PRIMARY KEY, v text)");
            st.execute("CREATE TABLE assume_null (id int PRIMARY KEY, updated_at timestamptz)");
            st.execute("CREATE TABLE assume_local (id int PRIMARY KEY, updated_at timestamp NOT NULL)");
            st.execute("CREATE TABLE assume_good (id bigserial PRIMARY KEY, updated_at timestamptz NOT NULL"
                + " DEFAULT now())");
            st.execute("CREATE TABLE assume_parent (id int PRIMARY KEY, v text)");
            st.execute("CREATE TABLE assume_child () INHERITS (assume_parent)");
        }
    }

    private static Map<String, String> config(String... perTable) {
        Map<String, String> config = new HashMap<>(PG.connectorConfig());
        config.put("name", "assumptions");
        config.put("topic.prefix", "assume");
        config.put("table.include.list", "public\\.assume_(cached|uuid|null|local|good|parent)");
        config.put("replication.method", "INCREMENTAL");
        config.put("replication.key", "updated_at");
        config.put("table.public.assume_cached.replication.key", "id");
        config.put("table.public.assume_uuid.replication.key", "id");
        config.put("table.public.assume_parent.replication.method", "FULL_TABLE");
        for (int i = 0; i < perTable.length; i += 2) {
            config.put(perTable[i], perTable[i + 1]);
        }
        return config;
    }

    private static String validate(Map<String, String> config) {
        try (LogCapture logs = LogCapture.begin()) {
            var result = new HerokuPostgresSourceConnector().validate(config);
            assertThat(result.configValues()).flatExtracting(ConfigValue::errorMessages).as("validation errors")
                .isEmpty();
            return logs.text();
        }
    }

    @Test
    void eachBrokenAssumptionIsAWarningNamingTheTableAndTheFix() {
        String warnings = validate(config());
        assertThat(warnings).contains("public.assume_cached: its replication key 'id' draws from sequence"
            + " assume_cached_id_seq, which caches 20 values").contains("ALTER SEQUENCE assume_cached_id_seq CACHE 1");
        assertThat(warnings).contains("public.assume_uuid: its replication key 'id' is of type uuid");
        assertThat(warnings).contains("public.assume_null: its replication key 'updated_at' may be NULL")
            .contains("ALTER TABLE \"public\".\"assume_null\" ALTER COLUMN \"updated_at\" SET DEFAULT now()");
        assertThat(warnings).contains("public.assume_parent has inheritance children [public.assume_child]");
        assertThat(warnings).doesNotContain("public.assume_good:").doesNotContain("public.assume_local:");
    }

    @Test
    void aTimestampKeyWhoseDatabaseWritesAnotherZoneIsNamed() throws Exception {
        try (Connection admin = PG.superuser(); Statement st = admin.createStatement()) {
            st.execute("ALTER DATABASE " + PG.database() + " SET timezone TO 'America/New_York'");
        }
        try {
            String warnings = validate(config());
            assertThat(warnings).contains("public.assume_local: its replication key 'updated_at' is a timestamp"
                + " without time zone (local times), taken to be of zone UTC, but sessions of this database write"
                + " now() in America/New_York").contains("table.public.assume_local.replication.key.timezone");
            assertThat(validate(config("table.public.assume_local.replication.key.timezone", "America/New_York")))
                .doesNotContain("public.assume_local:");
        } finally {
            try (Connection admin = PG.superuser(); Statement st = admin.createStatement()) {
                st.execute("ALTER DATABASE " + PG.database() + " RESET timezone");
            }
        }
    }
}
