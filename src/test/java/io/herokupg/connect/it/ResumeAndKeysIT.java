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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * INCREMENTAL keys that do not behave as the database's clock or a sequence would, and a resumed initial load:
 * <ul>
 * <li>an initial load interrupted and resumed in a new transaction also emits the new version of a row ahead of its
 * committed position that was updated meanwhile without its key moving (the next pass, reading from its re-read
 * bound, would never see it);</li>
 * <li>one wild time key ({@code 2205-01-01}, {@code infinity}) does not become the re-read bound: rows written
 * later with {@code now()}, one of them by a transaction held open across passes, all arrive once;</li>
 * <li>a key set by an application's clock a couple of seconds before its transaction began (Rails'
 * {@code updated_at} from a dyno's clock), in a transaction held open across passes, is within the default
 * {@code replication.key.clock.skew.ms} and arrives;</li>
 * <li>a {@code timestamp} (without time zone) key holding local times of a zone west of UTC is bounded in that zone
 * ({@code replication.key.timezone}): with no allowance for skew, a transaction held open across passes is still
 * emitted, and the others' rows are not taken for hours old.</li>
 * </ul>
 */
class ResumeAndKeysIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofMillis(600);
    private final PostgresFixture pg = SharedServices.postgres();

    /**
     * The keys are times long past (rows last written years ago); the update changes a column but not the key, as an
     * update that does not bump {@code updated_at} does.
     */
    @Test
    void aResumedInitialLoadEmitsARowUpdatedAheadOfItsPosition() throws Exception {
        String table = "resume_ahead";
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigint PRIMARY KEY, updated_at"
            + " timestamptz NOT NULL, v text)", "CREATE INDEX ON " + table + " (updated_at)",
            "INSERT INTO " + table + " SELECT g, timestamptz '2020-01-01 00:00:00+00' + g * interval '1 second',"
                + " 'first' FROM generate_series(1, 1000) g");
        TaskDriver driver = driver(table, Map.of("batch.max.rows", "100"));
        List<SourceRecord> first = driver.start().pollUntil(has(300), TIMEOUT).subList(0, 300);
        assertThat(first.get(299).sourceOffset().get("pass_order")).as("an initial load").isEqualTo("primary_key");
        driver.commit(first);
        driver.stop();

        // Ahead of the committed position (id 300); its key stays where it was.
        pg.execute("UPDATE " + table + " SET v = 'updated' WHERE id = 700");
        List<SourceRecord> rest = driver.start().pollUntil(has(700), TIMEOUT);
        rest.addAll(driver.pollFor(IDLE));
        driver.stop();

        assertThat(ids(rest)).as("the rest of the load, each row once")
            .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(301, 1000).boxed().toList());
        Map<Long, String> latest = new HashMap<>();
        rest.forEach(r -> latest.put(ids(List.of(r)).get(0), values(List.of(r)).get(0)));
        assertThat(latest).as("the row updated ahead of the position, in its new version")
            .containsEntry(700L, "updated").containsEntry(699L, "first");
    }

    @Test
    void oneWildTimeKeyDoesNotHideTheRowsWrittenAfterIt() throws Exception {
        String table = "wild_key";
        createTable(table);
        pg.execute("INSERT INTO " + table + " (v) SELECT 'before' FROM generate_series(1, 3)",
            "INSERT INTO " + table + " (updated_at, v) VALUES ('2205-01-01', 'typo'), ('infinity', 'infinity')");
        TaskDriver driver = driver(table, Map.of());
        List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(5), TIMEOUT));
        emitted.addAll(driver.pollFor(IDLE));
        assertThat(emitted).as("the initial load").hasSize(5);

        try (Connection late = pg.connect()) {
            late.setAutoCommit(false);
            try (Statement st = late.createStatement()) {
                st.execute("INSERT INTO " + table + " (v) VALUES ('late')");
            }
            for (int round = 1; round <= 3; round++) {
                pg.execute("INSERT INTO " + table + " (v) VALUES ('during-" + round + "')");
                emitted.addAll(driver.pollUntil(has(1), TIMEOUT));
                emitted.addAll(driver.pollFor(Duration.ofMillis(200)));
                assertThat(values(emitted)).as("round %d", round).contains("during-" + round);
            }
            late.commit();
        }
        pg.execute("INSERT INTO " + table + " (v) VALUES ('after')");
        emitted.addAll(driver.pollUntil(r -> values(r).containsAll(List.of("late", "after")), TIMEOUT));
        emitted.addAll(driver.pollFor(IDLE));
        driver.stop();

        assertThat(ids(emitted)).as("every row once").doesNotHaveDuplicates().hasSize(10);
    }

    /**
     * Rows are written with {@code now()} until the late transaction begins, so that passes have emitted keys up to
     * just before its start; the key it writes is two seconds earlier than that.
     */
    @Test
    void aKeyFromAnApplicationsClockEarlierThanItsTransactionIsEmitted() throws Exception {
        String table = "app_clock_key";
        createTable(table);
        pg.execute("INSERT INTO " + table + " (v) VALUES ('before')");
        TaskDriver driver = driver(table, Map.of());
        List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(1), TIMEOUT));
        for (int i = 0; i < 8; i++) {
            pg.execute("INSERT INTO " + table + " (v) VALUES ('ticking-" + i + "')");
            emitted.addAll(driver.pollUntil(has(1), TIMEOUT));
        }
        try (Connection late = pg.connect()) {
            late.setAutoCommit(false);
            try (Statement st = late.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT now() - max(updated_at) < interval '2 seconds' FROM "
                    + table)) {
                    assertThat(rs.next() && rs.getBoolean(1)).as("keys emitted less than 2 s before it began")
                        .isTrue();
                }
                st.execute("INSERT INTO " + table + " (updated_at, v) VALUES (now() - interval '2 seconds',"
                    + " 'app clock')");
            }
            for (int round = 1; round <= 3; round++) {
                pg.execute("INSERT INTO " + table + " (v) VALUES ('during-" + round + "')");
                emitted.addAll(driver.pollUntil(has(1), TIMEOUT));
            }
            late.commit();
        }
        emitted.addAll(driver.pollUntil(r -> values(r).contains("app clock"), TIMEOUT));
        emitted.addAll(driver.pollFor(IDLE));
        driver.stop();

        assertThat(values(emitted)).containsOnlyOnce("app clock");
        assertThat(ids(emitted)).as("every row once").doesNotHaveDuplicates().hasSize(1 + 8 + 1 + 3);
    }

    @Test
    void aLocalTimeKeyIsBoundedInItsTimeZone() throws Exception {
        String table = "local_time_key";
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigserial PRIMARY KEY, updated_at"
            + " timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'Pacific/Honolulu'), v text)",
            "CREATE INDEX ON " + table + " (updated_at)", "INSERT INTO " + table + " (v) VALUES ('before')");
        TaskDriver driver = driver(table, Map.of("replication.key.timezone", "Pacific/Honolulu",
            "replication.key.clock.skew.ms", "0"));
        List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(1), TIMEOUT));
        emitted.addAll(driver.pollFor(IDLE));
        try (Connection late = pg.connect()) {
            late.setAutoCommit(false);
            try (Statement st = late.createStatement()) {
                st.execute("INSERT INTO " + table + " (v) VALUES ('late')");
            }
            for (int round = 1; round <= 3; round++) {
                String row = "during-" + round;
                pg.execute("INSERT INTO " + table + " (v) VALUES ('" + row + "')");
                emitted.addAll(driver.pollUntil(r -> values(r).contains(row), TIMEOUT));
            }
            late.commit();
        }
        emitted.addAll(driver.pollUntil(r -> values(r).contains("late"), TIMEOUT));
        emitted.addAll(driver.pollFor(IDLE));
        driver.stop();

        assertThat(ids(emitted)).as("every row once").doesNotHaveDuplicates().hasSize(5);
    }

    private TaskDriver driver(String table, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(Map.of("replication.method", "INCREMENTAL",
            "replication.key", "updated_at", "poll.interval.ms", "50"));
        config.putAll(settings);
        return new TaskDriver(pg, "public." + table, config);
    }

    private void createTable(String table) throws Exception {
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigserial PRIMARY KEY,"
            + " updated_at timestamptz NOT NULL DEFAULT now(), v text)", "CREATE INDEX ON " + table + " (updated_at)");
    }
}
