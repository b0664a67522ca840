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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.offset.SourcePartitionKey;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * Which table, and which database history, a position belongs to:
 * <ul>
 * <li>a table dropped and created again under the same name while the task runs (at once, or after the task found
 * it gone) is another table: it is read afresh, though its keys are below the old table's re-read bound;</li>
 * <li>a pass stopped under one primary key and resumed under another (same width) starts again, rather than going
 * on after a value of the old key in the new key's order;</li>
 * <li>a fence (the last pass's snapshot) above the server's next transaction id, as after a failover that lost
 * commits, is dropped with a warning: the table's rows are emitted again (duplicates, not gaps).</li>
 * </ul>
 * The table recreated while the connector is stopped is {@link RecreatedTableIT}.
 */
class IdentityIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofMillis(600);
    private final PostgresFixture pg = SharedServices.postgres();

    @ParameterizedTest(name = "in one transaction: {0}")
    @ValueSource(booleans = {true, false})
    void aTableCreatedAgainUnderItsNameWhileTheTaskRunsIsReadAfresh(boolean atOnce) throws Exception {
        String table = "ident_live_" + (atOnce ? "at_once" : "after_a_gap");
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text)",
            "INSERT INTO " + table + " SELECT g, 'old' FROM generate_series(1, 100) g");
        TaskDriver driver = new TaskDriver(pg, "public." + table, Map.of("replication.method", "INCREMENTAL",
            "replication.key", "id", "poll.interval.ms", "50"));
        assertThat(driver.start().pollUntil(has(100), TIMEOUT)).hasSize(100);
        // Later passes then re-read from key 110 on.
        pg.execute("INSERT INTO " + table + " SELECT g, 'old' FROM generate_series(101, 110) g");
        assertThat(driver.pollUntil(has(10), TIMEOUT)).hasSize(10);
        assertThat(driver.pollFor(IDLE)).isEmpty();

        String create = "CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text)";
        String insert = "INSERT INTO " + table + " SELECT g, 'new' FROM generate_series(1, 40) g";
        try (LogCapture log = LogCapture.begin()) {
            if (atOnce) {
                try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
                    conn.setAutoCommit(false);
                    st.execute("DROP TABLE " + table);
                    st.execute(create);
                    st.execute(insert);
                    conn.commit();
                }
            } else {
                pg.execute("DROP TABLE " + table);
                assertThat(driver.pollFor(IDLE)).isEmpty();
                assertThat(log.text()).contains("table public." + table + " no longer exists");
                pg.execute(create, insert);
            }
            List<SourceRecord> fresh = driver.pollUntil(has(40), TIMEOUT);
            fresh.addAll(driver.pollFor(IDLE));
            driver.stop();

            assertThat(ids(fresh)).as("the new table's rows, once")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
            assertThat(values(fresh)).containsOnly("new");
            assertThat(log.text()).contains("Table public." + table + " was dropped and created again");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FULL_TABLE", "XMIN"})
    void aPassStoppedUnderOnePrimaryKeyStartsAgainUnderAnother(String method) throws Exception {
        String table = "ident_pk_" + method.toLowerCase(Locale.ROOT);
        // The new key's order is the reverse of the old one's.
        pg.execute("DROP TABLE IF EXISTS " + table,
            "CREATE TABLE " + table + " (id bigint PRIMARY KEY, code bigint NOT NULL, v text)",
            "INSERT INTO " + table + " SELECT g, 1001 - g, 'row' FROM generate_series(1, 1000) g");
        TaskDriver driver = new TaskDriver(pg, "public." + table, Map.of("replication.method", method,
            "batch.max.rows", "100", "poll.interval.ms", "3600000"));
        List<SourceRecord> first = driver.start().pollUntil(has(300), TIMEOUT).subList(0, 300);
        assertThat(ids(first)).isEqualTo(LongStream.rangeClosed(1, 300).boxed().toList());
        driver.commit(first);
        driver.stop();

        pg.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_pkey, ADD PRIMARY KEY (code)");
        try (LogCapture log = LogCapture.begin()) {
            List<SourceRecord> rest = driver.start().pollUntil(has(1_000), TIMEOUT);
            rest.addAll(driver.pollFor(IDLE));
            driver.stop();

            assertThat(ids(rest)).as("the pass again from its beginning, each row once")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1_000).boxed().toList());
            assertThat(log.text()).contains("Table public." + table + ": its primary key is now [code]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XMIN", "INCREMENTAL"})
    void aFenceAboveTheServersNextTransactionIdIsDroppedAndTheRowsEmittedAgain(String method) throws Exception {
        String table = "ident_future_" + method.toLowerCase(Locale.ROOT);
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigserial PRIMARY KEY,"
            + " updated_at timestamptz NOT NULL DEFAULT now(), v text)",
            "INSERT INTO " + table + " (v) SELECT 'row' FROM generate_series(1, 20)");
        Map<String, String> settings = new HashMap<>(Map.of("replication.method", method, "poll.interval.ms", "50"));
        // As stored before a failover to a replica that had not received the last commits: transaction ids the
        // fence counts as ended are not even assigned yet.
        Map<String, Object> offset = new HashMap<>(Map.of("method", method, "v", 1, "pass_started", 0L,
            "fence", "100000000:100000000:"));
        if (method.equals("INCREMENTAL")) {
            settings.put("replication.key", "updated_at");
            offset.put("key_column", "updated_at");
        }
        TaskDriver driver = new TaskDriver(pg, "public." + table, settings);
        Map<String, Object> partition = new SourcePartitionKey(pg.database(), new TableId("public", table)).toMap();
        driver.commit(List.of(new SourceRecord(partition, offset, "forged", null, null)));

        try (LogCapture log = LogCapture.begin()) {
            List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(20), TIMEOUT));
            emitted.addAll(driver.pollFor(IDLE));
            driver.stop();

            assertThat(ids(emitted)).as("every row again, once")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
            assertThat(log.text()).contains("Table public." + table + ": the snapshot of the last " + method
                + " pass (100000000:100000000:) cannot be trusted: it is above the database's next transaction id");
        }
    }
}
