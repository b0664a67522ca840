/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static io.herokupg.connect.it.IncrementalIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.PgServer;
import io.herokupg.connect.testing.FollowerFixture;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.TaskDriver;

/**
 * A follower cancels a query whose snapshot still needs row versions that the primary's cleanup removed, once
 * {@code max_standby_streaming_delay} has passed ("canceling statement due to conflict with recovery", SQLSTATE
 * 40001): a FULL_TABLE pass reading a real hot standby is cancelled that way mid-COPY, resumes from its position,
 * and emits every row once.
 */
class FollowerRecoveryIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Rows of 8 kB on the wire: a pass is far larger than what the task reads ahead and the sockets buffer. */
    private static final int ROWS = 6_000;
    private static FollowerFixture follower;

    @BeforeAll
    static void startFollower() {
        follower = FollowerFixture.start();
    }

    @AfterAll
    static void stopFollower() {
        follower.close();
    }

    @Test
    void aFullTablePassCancelledByARecoveryConflictResumesAndEmitsEveryRowOnce() throws Exception {
        follower.primary().execute("DROP TABLE IF EXISTS follower_conflict",
            "CREATE TABLE follower_conflict (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0, v text)",
            "INSERT INTO follower_conflict (id, v) SELECT g, repeat(md5(g::text), 256) FROM generate_series(1, "
                + ROWS + ") g");
        follower.awaitReplay(TIMEOUT);
        // The standby cancels a conflicting query at once, instead of delaying replay for 30 s first.
        standbyDelay("0");
        try (LogCapture log = LogCapture.begin()) {
            TaskDriver driver = new TaskDriver(follower.standby(), "public.follower_conflict", Map.of(
                "batch.max.rows", "100", "poll.interval.ms", "3600000"));
            List<SourceRecord> records = new ArrayList<>(driver.start().pollUntil(r -> !r.isEmpty(), TIMEOUT));

            // While the pass's COPY waits for the task to take more rows, the primary replaces every row and its
            // VACUUM removes the old versions, which the pass's snapshot still sees: replaying that cleanup on the
            // standby conflicts with the pass.
            follower.primary().execute("UPDATE follower_conflict SET n = n + 1", "VACUUM follower_conflict");
            awaitCleanupReceived();
            records.addAll(driver.pollUntil(r -> distinct(records, r) == ROWS, TIMEOUT));
            records.addAll(driver.pollFor(Duration.ofMillis(300)));
            driver.stop();

            assertThat(log.text()).as("the pass was cancelled by a recovery conflict, and went on")
                .contains("table public.follower_conflict is unreachable: ERROR: canceling statement due to conflict"
                    + " with recovery").contains("SQLSTATE 40001")
                .contains("table public.follower_conflict is reachable again");
            assertThat(ids(records)).as("every row once").doesNotHaveDuplicates().hasSize(ROWS);
            assertThat(records.stream().map(r -> ((Struct) r.value()).getInt32("n")).distinct())
                .as("rows read before the conflict (old versions) and after it, in a new snapshot")
                .containsExactlyInAnyOrder(0, 1);
        } finally {
            standbyDelay(null);
        }
    }

    /**
     * Waits until the standby has received the primary's WAL up to now, and has replayed it (its startup process
     * cancelled the pass's query) or, for up to two seconds, cannot (the query notices its cancellation when it can
     * send rows again).
     */
    private static void awaitCleanupReceived() throws Exception {
        long end;
        try (Connection conn = follower.primary().superuser(); Statement st = conn.createStatement()) {
            // A commit (flushed within 3 x wal_writer_delay) after the cleanup: the standby receives the cleanup.
            st.execute("SELECT txid_current()");
            end = PgServer.now(conn).lsn();
        }
        Instant deadline = Instant.now().plus(TIMEOUT);
        Instant replayDeadline = null;
        try (Connection conn = follower.standby().superuser(); Statement st = conn.createStatement()) {
            while (replayDeadline == null || Instant.now().isBefore(replayDeadline)) {
                if (replayDeadline == null) {
                    try (ResultSet rs = st.executeQuery("SELECT pg_last_wal_receive_lsn()::text")) {
                        rs.next();
                        if (PgServer.parseLsn(rs.getString(1)) >= end) {
                            replayDeadline = Instant.now().plusSeconds(2);
                        }
                    }
                    assertThat(Instant.now()).as("the standby receives the cleanup").isBefore(deadline);
                } else if (PgServer.now(conn).lsn() >= end) {
                    return;
                }
                Thread.sleep(20);
            }
        }
    }

    /** Sets (or, when null, resets) the standby's max_standby_streaming_delay, and waits until it applies. */
    private static void standbyDelay(String value) throws Exception {
        String expected = value == null ? "30000" : value;
        try (Connection conn = follower.standby().superuser(); Statement st = conn.createStatement()) {
            st.execute(value == null ? "ALTER SYSTEM RESET max_standby_streaming_delay"
                : "ALTER SYSTEM SET max_standby_streaming_delay = " + value);
            st.execute("SELECT pg_reload_conf()");
        }
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            // A new session starts from the postmaster, which has read the file once it got the reload signal.
            try (Connection conn = follower.standby().superuser(); Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT setting FROM pg_settings"
                     + " WHERE name = 'max_standby_streaming_delay'")) {
                rs.next();
                if (rs.getString(1).equals(expected)) {
                    return;
                }
            }
            assertThat(Instant.now()).as("max_standby_streaming_delay applies").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static long distinct(List<SourceRecord> before, List<SourceRecord> now) {
        return java.util.stream.Stream.concat(ids(before).stream(), ids(now).stream()).distinct().count();
    }
}
