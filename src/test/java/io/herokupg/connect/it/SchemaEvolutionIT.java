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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.SlowTables;
import io.herokupg.connect.testing.TaskDriver;

/**
 * Tables change shape while they are replicated: ADD COLUMN, DROP COLUMN, int → bigint, varchar(10) → varchar(50)
 * and RENAME COLUMN, each between passes, and one issued while a pass is in progress (it waits for the pass's lock
 * and takes effect at the next pass). Rows written before, during and after each change all arrive, with the new
 * schema after it, and one INFO line says what changed. A dropped or renamed replication key stops the task with a
 * message naming the table and the fix.
 */
class SchemaEvolutionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final PostgresFixture pg = SharedServices.postgres();

    @AfterEach
    void reset() throws Exception {
        SlowTables.reset(pg);
    }

    @Test
    void everyChangeBetweenPassesKeepsEveryRowAndUsesTheNewSchema() throws Exception {
        pg.execute("DROP TABLE IF EXISTS evo",
            "CREATE TABLE evo (id bigserial PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now(),"
            + " n int, label varchar(10), gone text, old_name text)",
            "INSERT INTO evo (n, label, gone, old_name) VALUES (1, 'before', 'x', 'o')");
        TaskDriver driver = new TaskDriver(pg, "public.evo", Map.of("replication.method", "INCREMENTAL",
            "replication.key", "updated_at", "poll.interval.ms", "50"));
        List<SourceRecord> records = new ArrayList<>();
        try (LogCapture logs = LogCapture.begin()) {
            records.addAll(driver.start().pollUntil(r -> r.size() >= 1, TIMEOUT));

            change("ALTER TABLE evo ADD COLUMN added int DEFAULT 7", "INSERT INTO evo (n, label) VALUES (2, 'added')");
            records.addAll(driver.pollUntil(r -> r.size() >= 1, TIMEOUT));
            change("ALTER TABLE evo DROP COLUMN gone", "INSERT INTO evo (n, label) VALUES (3, 'dropped')");
            records.addAll(driver.pollUntil(r -> r.size() >= 1, TIMEOUT));
            change("ALTER TABLE evo ALTER COLUMN n TYPE bigint",
                "INSERT INTO evo (n, label) VALUES (3000000000, 'widened')");
            records.addAll(driver.pollUntil(r -> r.size() >= 1, TIMEOUT));
            change("ALTER TABLE evo ALTER COLUMN label TYPE varchar(50)",
                "INSERT INTO evo (n, label) VALUES (5, 'a label longer than ten')");
            records.addAll(driver.pollUntil(r -> r.size() >= 1, TIMEOUT));
            change("ALTER TABLE evo RENAME COLUMN old_name TO new_name",
                "INSERT INTO evo (n, label, new_name) VALUES (6, 'renamed', 'nn')");
            records.addAll(driver.pollUntil(r -> r.size() >= 1, TIMEOUT));
            records.addAll(driver.pollFor(Duration.ofMillis(500)));
            driver.stop();

            assertThat(logs.text()).contains("changed: added added integer")
                .contains("changed: dropped gone")
                .contains("changed: changed n from integer to bigint")
                .contains("changed: changed label from character varying(10) to character varying(50)")
                .contains("changed: renamed old_name to new_name");
        }
        // int → bigint rewrites the table, giving every row a new version: the rows in the re-read range (all of
        // them: written less than replication.key.clock.skew.ms ago) are emitted again with the new schema, as
        // documented. No row is missing.
        assertThat(records).extracting(r -> ((Struct) r.value()).getString("label")).containsExactly("before",
            "added", "dropped", "before", "added", "dropped", "widened", "a label longer than ten", "renamed");
        Struct added = value(records, 1);
        assertThat(added.getInt32("added")).isEqualTo(7);
        assertThat(added.schema().field("gone")).isNotNull();
        Struct dropped = value(records, 2);
        assertThat(dropped.schema().field("gone")).isNull();
        Struct widened = value(records, 6);
        assertThat(widened.schema().field("n").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(widened.getInt64("n")).isEqualTo(3_000_000_000L);
        Struct renamed = value(records, 8);
        assertThat(renamed.schema().field("old_name")).isNull();
        assertThat(renamed.getString("new_name")).isEqualTo("nn");
    }

    @Test
    void aChangeIssuedDuringAPassTakesEffectAtTheNextPassWithoutLosingRows() throws Exception {
        SlowTables.create(pg, "evo_slow", 600);
        TaskDriver driver = new TaskDriver(pg, "public.evo_slow", Map.of("batch.max.rows", "50",
            "poll.interval.ms", "200"));
        List<SourceRecord> records = new ArrayList<>(driver.start().pollUntil(r -> r.size() >= 100, TIMEOUT));
        // The pass holds its lock: the ALTER waits for the pass to end, between two of its batches.
        CompletableFuture<Void> alter = CompletableFuture.runAsync(() -> {
            try (Connection admin = pg.superuser(); Statement st = admin.createStatement()) {
                st.execute("ALTER TABLE evo_slow ADD COLUMN extra text DEFAULT 'e'");
                st.execute("INSERT INTO evo_slow VALUES (601, 'p', 'n')");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        records.addAll(driver.pollUntil(r -> records.size() + r.size() >= 600, TIMEOUT));
        alter.get();
        // The next pass: every row again, now with the new column.
        List<SourceRecord> next = driver.pollUntil(r -> r.size() >= 601, TIMEOUT);
        driver.stop();

        assertThat(records).hasSize(600).allSatisfy(r -> assertThat(((Struct) r.value()).schema().field("extra"))
            .isNull());
        assertThat(next).extracting(r -> ((Struct) r.value()).getString("extra")).containsOnly("e", "n");
        assertThat(next).extracting(r -> ((Struct) r.value()).getInt64("id")).doesNotHaveDuplicates().hasSize(601);
    }

    @Test
    void aRenamedReplicationKeyStopsTheTaskNamingTheTableAndTheFix() throws Exception {
        pg.execute("DROP TABLE IF EXISTS evo_key",
            "CREATE TABLE evo_key (id bigserial PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now())",
            "INSERT INTO evo_key DEFAULT VALUES");
        TaskDriver driver = new TaskDriver(pg, "public.evo_key", Map.of("replication.method", "INCREMENTAL",
            "replication.key", "updated_at", "poll.interval.ms", "50"));
        driver.start().pollUntil(r -> r.size() >= 1, TIMEOUT);
        pg.execute("ALTER TABLE evo_key RENAME COLUMN updated_at TO modified_at");

        assertThatThrownBy(() -> driver.pollFor(Duration.ofSeconds(2))).isInstanceOf(ConnectException.class)
            .hasMessageContaining("public.evo_key").hasMessageContaining("updated_at")
            .hasMessageContaining("replication.key");
        driver.stop();
    }

    private static Struct value(List<SourceRecord> records, int index) {
        return (Struct) records.get(index).value();
    }

    private void change(String ddl, String insert) {
        try {
            pg.execute(ddl, insert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
