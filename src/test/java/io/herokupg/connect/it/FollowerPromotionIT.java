/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static io.herokupg.connect.it.IncrementalIT.has;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.FollowerFixture;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.TaskDriver;

/**
 * A follower promoted while the connector reads it ({@code heroku pg:promote}): INCREMENTAL and XMIN tables of a real
 * hot standby, with its primary's snapshots, then the same server as a primary of its own, whose own snapshots the
 * connector takes from then on; the old primary goes on apart, and what it commits after the promotion is no part of
 * the promoted server's history. The last fence before the promotion was read by this very server, so it stays
 * trusted: every row of the promoted server's history is emitted once (a dropped fence would emit rows again), and
 * none is lost, including those of transactions held open across several passes before and after the promotion.
 */
class FollowerPromotionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Several passes at the 50 ms poll interval. */
    private static final Duration PASSES = Duration.ofMillis(800);
    private static final List<String> TABLES = List.of("promote_inc", "promote_xmin");

    @Test
    void aPromotedFollowerIsReadOnWithEveryRowOfItsHistoryOnce() throws Exception {
        // Promotion is one-way: a follower of its own.
        try (FollowerFixture follower = FollowerFixture.start(); LogCapture log = LogCapture.begin()) {
            for (String table : TABLES) {
                write(follower.primary(), "CREATE TABLE " + table + " (id bigserial PRIMARY KEY, updated_at timestamptz"
                    + " NOT NULL DEFAULT now(), v text)", "CREATE INDEX ON " + table + " (updated_at)",
                    "INSERT INTO " + table + " (v) SELECT 'initial' FROM generate_series(1, 20)");
            }
            follower.awaitReplay(TIMEOUT);
            TaskDriver driver = driver(follower);
            List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(40), TIMEOUT));

            // On the primary, while the connector reads the follower: a transaction held open across passes.
            emitted.addAll(lateCommit(follower.primary(), driver, "primary"));
            // One the primary commits only after the promotion: not in the promoted server's history.
            try (Connection orphan = follower.primary().connect()) {
                orphan.setAutoCommit(false);
                insert(orphan, "orphan");
                emitted.addAll(driver.pollFor(PASSES));
                follower.awaitReplay(TIMEOUT);
                follower.promote();
                orphan.commit();
            }
            // Writers go on on the promoted server: the database now.
            emitted.addAll(lateCommit(follower.standby(), driver, "promoted"));
            Map<String, List<Long>> history = new HashMap<>();
            for (String table : TABLES) {
                history.put(table, ids(follower.standby(), table));
            }
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (!TABLES.stream().allMatch(t -> ids(emitted, t).containsAll(history.get(t)))
                && Instant.now().isBefore(deadline)) {
                emitted.addAll(driver.poll());
            }
            emitted.addAll(driver.pollFor(PASSES));
            driver.stop();

            for (String table : TABLES) {
                assertThat(ids(emitted, table)).as("%s: every row of the promoted server's history, once", table)
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(history.get(table));
                assertThat(values(emitted, table)).as(table).containsOnlyOnce("late-primary", "late-promoted")
                    .doesNotContain("orphan");
            }
            assertThat(log.text()).as("the promotion was noticed").contains("is no longer a hot standby (promoted)")
                .as("the fence was kept").doesNotContain("cannot be trusted");
        }
    }

    /**
     * The old primary stopped (deprovisioned, as after an upgrade through a follower) right after the promotion,
     * before any pass noticed it: the promoted server no longer needs it, and its rows keep coming.
     */
    @Test
    void aPromotedFollowerIsReadOnWhenItsOldPrimaryIsGone() throws Exception {
        try (FollowerFixture follower = FollowerFixture.start()) {
            for (String table : TABLES) {
                write(follower.primary(), "CREATE TABLE " + table + " (id bigserial PRIMARY KEY, updated_at timestamptz"
                    + " NOT NULL DEFAULT now(), v text)", "INSERT INTO " + table + " (v) VALUES ('initial')");
            }
            follower.awaitReplay(TIMEOUT);
            TaskDriver driver = driver(follower);
            List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(2), TIMEOUT));
            follower.promote();
            follower.primary().stopServer();
            try (Connection conn = follower.standby().connect()) {
                insert(conn, "promoted");
            }
            emitted.addAll(driver.pollUntil(has(2), TIMEOUT));
            emitted.addAll(driver.pollFor(PASSES));
            driver.stop();
            for (String table : TABLES) {
                assertThat(values(emitted, table)).as(table).containsExactly("initial", "promoted");
            }
        }
    }

    /**
     * A transaction on this server that writes first and commits after several passes, while other rows commit
     * meanwhile; returns what the passes emitted.
     */
    private static List<SourceRecord> lateCommit(PostgresFixture server, TaskDriver driver, String name)
        throws Exception {
        List<SourceRecord> emitted = new ArrayList<>();
        try (Connection late = server.connect(); Connection writer = server.connect()) {
            late.setAutoCommit(false);
            insert(late, "late-" + name);
            for (int i = 1; i <= 3; i++) {
                insert(writer, name + "-" + i);
                emitted.addAll(driver.pollFor(PASSES));
            }
            late.commit();
        }
        return emitted;
    }

    /** One row in each table. */
    private static void insert(Connection conn, String value) throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (String table : TABLES) {
                st.execute("INSERT INTO " + table + " (v) VALUES ('" + value + "')");
            }
        }
    }

    private static TaskDriver driver(FollowerFixture follower) {
        Map<String, String> settings = new HashMap<>();
        settings.put("table.public.promote_inc.replication.method", "INCREMENTAL");
        settings.put("table.public.promote_inc.replication.key", "updated_at");
        settings.put("table.public.promote_xmin.replication.method", "XMIN");
        settings.put("poll.interval.ms", "50");
        // No allowance for application clocks: a key below the clock's horizon would be missed.
        settings.put("replication.key.clock.skew.ms", "0");
        settings.put("database.primary.url", follower.primary().databaseUrl());
        return new TaskDriver(follower.standby(), "public.promote_inc,public.promote_xmin", settings);
    }

    private static List<Long> ids(PostgresFixture server, String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection conn = server.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM " + table)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static List<Long> ids(List<SourceRecord> records, String table) {
        return records.stream().filter(r -> r.topic().endsWith("." + table))
            .map(r -> ((Struct) r.value()).getInt64("id")).toList();
    }

    private static List<String> values(List<SourceRecord> records, String table) {
        return records.stream().filter(r -> r.topic().endsWith("." + table))
            .map(r -> ((Struct) r.value()).getString("v")).toList();
    }

    private static void write(PostgresFixture server, String... statements) throws SQLException {
        try (Connection conn = server.connect(); Statement st = conn.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
