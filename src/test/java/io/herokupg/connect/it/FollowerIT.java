/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static io.herokupg.connect.it.IncrementalIT.has;
import static io.herokupg.connect.it.IncrementalIT.ids;
import static io.herokupg.connect.it.IncrementalIT.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.herokupg.connect.metrics.MetricNames;
import io.herokupg.connect.testing.FollowerFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * Reading a follower (a real hot standby streaming from a real primary) exactly: the writers commit on the primary,
 * the connector reads the standby and takes its passes' snapshots on the primary (database.primary.url). A
 * transaction held open on the primary across several passes is emitted once it commits, whatever draws its key:
 * now() at its start, a sequence, now() taken by a first read long before its write, or a write in a savepoint.
 * Without the primary's snapshot, the standby's snapshot would claim to have seen that transaction (its running ids
 * are not in the text {@code txid_current_snapshot()} prints there), and the row would be lost.
 */
class FollowerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Several passes at the 50 ms poll interval. */
    private static final Duration PASSES = Duration.ofMillis(800);
    private static FollowerFixture follower;

    @BeforeAll
    static void startFollower() {
        follower = FollowerFixture.start();
    }

    @AfterAll
    static void stopFollower() {
        follower.close();
    }

    /** How the late transaction writes its row. */
    enum Late {
        /** An insert whose updated_at is now(): the transaction's start. */
        NOW_KEY,
        /** An insert whose id comes from the sequence when it writes, before the rows committed meanwhile. */
        SEQUENCE_KEY,
        /** A read first (now() is fixed then), the insert long after: no transaction id until it writes. */
        READ_THEN_WRITE,
        /** The insert inside a savepoint (a subtransaction, whose id the primary's snapshot text does not list). */
        SUBTRANSACTION
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Late.class)
    void aTransactionHeldOpenOnThePrimaryIsEmittedOnceFromTheFollower(Late late) throws Exception {
        String table = "follower_" + late.name().toLowerCase(Locale.ROOT);
        String key = late == Late.SEQUENCE_KEY ? "id" : "updated_at";
        assertLateCommitEmittedOnce(table, Map.of("replication.method", "INCREMENTAL", "replication.key", key), late);
    }

    @Test
    void xminEmitsATransactionHeldOpenOnThePrimaryOnce() throws Exception {
        assertLateCommitEmittedOnce("follower_xmin", Map.of("replication.method", "XMIN"), Late.SUBTRANSACTION);
    }

    private void assertLateCommitEmittedOnce(String table, Map<String, String> method, Late late) throws Exception {
        follower.primary().execute("DROP TABLE IF EXISTS " + table,
            "CREATE TABLE " + table + " (id bigserial PRIMARY KEY,"
            + " updated_at timestamptz NOT NULL DEFAULT now(), v text)", "CREATE INDEX ON " + table + " (updated_at)",
            "INSERT INTO " + table + " (v) SELECT 'initial' FROM generate_series(1, 20)");
        follower.awaitReplay(TIMEOUT);
        TaskDriver driver = driver(table, method);
        List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(20), TIMEOUT));
        try (Connection writer = follower.primary().connect()) {
            writer.setAutoCommit(false);
            try (Statement st = writer.createStatement()) {
                switch (late) {
                    case READ_THEN_WRITE -> st.execute("SELECT count(*) FROM " + table);
                    case SUBTRANSACTION -> {
                        st.execute("SAVEPOINT s");
                        st.execute("INSERT INTO " + table + " (v) VALUES ('late')");
                        st.execute("RELEASE SAVEPOINT s");
                    }
                    default -> st.execute("INSERT INTO " + table + " (v) VALUES ('late')");
                }
                if (late == Late.SEQUENCE_KEY) {
                    // Its id is drawn now; the rows committed meanwhile get higher ones.
                    st.execute("SELECT 1");
                }
                // Passes go on, emitting rows committed after the late transaction began (those of a transaction
                // younger than one with a subtransaction wait for it to end).
                for (int i = 1; i <= 3; i++) {
                    follower.primary().execute("INSERT INTO " + table + " (v) VALUES ('after-" + i + "')");
                    emitted.addAll(driver.pollFor(PASSES));
                }
                if (late == Late.READ_THEN_WRITE) {
                    st.execute("INSERT INTO " + table + " (v) VALUES ('late')");
                }
            }
            writer.commit();
        }
        emitted.addAll(driver.pollUntil(has(24 - emitted.size()), TIMEOUT));
        emitted.addAll(driver.pollFor(PASSES));
        driver.stop();

        assertThat(ids(emitted)).as("every row once").doesNotHaveDuplicates().hasSize(24);
        assertThat(values(emitted)).containsOnlyOnce("late");
    }

    @Test
    void withoutThePrimaryAFollowerFailsTheTaskNamingTheSetting() throws Exception {
        follower.primary().execute("DROP TABLE IF EXISTS follower_alone",
            "CREATE TABLE follower_alone (id bigserial PRIMARY KEY,"
            + " updated_at timestamptz NOT NULL DEFAULT now(), v text)", "INSERT INTO follower_alone (v) VALUES ('a')");
        follower.awaitReplay(TIMEOUT);
        Map<String, String> settings = new HashMap<>(Map.of("replication.method", "XMIN"));
        TaskDriver driver = new TaskDriver(follower.standby(), "public.follower_alone", settings);
        driver.start();
        assertThatThrownBy(() -> driver.pollFor(Duration.ofSeconds(2))).isInstanceOf(ConnectException.class)
            .hasMessageContaining("hot standby").hasMessageContaining("database.primary.url");
        driver.stop();
    }

    /** A primary URL naming another server (not the follower's leader) fails the task before any row is read. */
    @Test
    void aPrimaryThatIsNotTheFollowersLeaderFailsTheTaskNamingTheSetting() throws Exception {
        follower.primary().execute("DROP TABLE IF EXISTS follower_stranger",
            "CREATE TABLE follower_stranger (id bigint PRIMARY KEY, v text)",
            "INSERT INTO follower_stranger VALUES (1, 'a')");
        follower.awaitReplay(TIMEOUT);
        Map<String, String> settings = new HashMap<>(Map.of("replication.method", "XMIN"));
        settings.put("database.primary.url", SharedServices.postgres().databaseUrl());
        TaskDriver driver = new TaskDriver(follower.standby(), "public.follower_stranger", settings);
        driver.start();
        assertThatThrownBy(() -> driver.pollFor(Duration.ofSeconds(2))).isInstanceOf(ConnectException.class)
            .hasMessageContaining("database.primary.url").hasMessageContaining("system identifiers differ");
        driver.stop();
    }

    @Test
    void fullTableNeedsNoPrimary() throws Exception {
        follower.primary().execute("DROP TABLE IF EXISTS follower_full",
            "CREATE TABLE follower_full (id bigint PRIMARY KEY, v text)",
            "INSERT INTO follower_full SELECT g, 'row' FROM generate_series(1, 100) g");
        follower.awaitReplay(TIMEOUT);
        TaskDriver driver = new TaskDriver(follower.standby(), "public.follower_full", Map.of("poll.interval.ms",
            "100000"));
        List<SourceRecord> rows = driver.start().pollUntil(has(100), TIMEOUT);
        rows.addAll(driver.pollFor(Duration.ofMillis(300)));
        driver.stop();
        assertThat(ids(rows)).doesNotHaveDuplicates().hasSize(100);
    }

    /**
     * The follower's replay lag (follower-replay-lag-ms, here in the task's own MBean: the driver's context has no
     * plugin metrics): how long the last pass waited for the standby to replay up to its primary's snapshot, a number
     * on the follower; NaN when the same table is read on the primary, which has nothing to wait for.
     */
    @Test
    void theReplayLagIsMeasuredOnTheFollowerAndNaNOnThePrimary() throws Exception {
        follower.primary().execute("DROP TABLE IF EXISTS follower_lag",
            "CREATE TABLE follower_lag (id bigserial PRIMARY KEY,"
            + " updated_at timestamptz NOT NULL DEFAULT now(), v text)",
            "INSERT INTO follower_lag (v) SELECT 'row' FROM generate_series(1, 5)");
        follower.awaitReplay(TIMEOUT);
        ObjectName bean = new ObjectName(MetricNames.JMX_DOMAIN + ":type=" + MetricNames.GROUP
            + ",connector=task-driver,task=0,table=public.follower_lag");

        TaskDriver onFollower = driver("follower_lag", Map.of("replication.method", "XMIN"));
        onFollower.start().pollUntil(has(5), TIMEOUT);
        follower.primary().execute("INSERT INTO follower_lag (v) VALUES ('more')");
        onFollower.pollUntil(has(1), TIMEOUT);
        double followerLag = replayLag(bean);
        onFollower.stop();
        assertThat(followerLag).as("on the follower").isNotNaN().isGreaterThanOrEqualTo(0.0);

        Map<String, String> settings = new HashMap<>(Map.of("replication.method", "XMIN", "poll.interval.ms", "50"));
        TaskDriver onPrimary = new TaskDriver(follower.primary(), "public.follower_lag", settings);
        onPrimary.start().pollUntil(has(6), TIMEOUT);
        double primaryLag = replayLag(bean);
        onPrimary.stop();
        assertThat(primaryLag).as("on the primary").isNaN();
    }

    private static double replayLag(ObjectName bean) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        assertThat(jmx.isRegistered(bean)).as("the task's MBean %s", bean).isTrue();
        return ((Number) jmx.getAttribute(bean, MetricNames.REPLAY_LAG)).doubleValue();
    }

    private static TaskDriver driver(String table, Map<String, String> method) {
        Map<String, String> settings = new HashMap<>(method);
        settings.put("poll.interval.ms", "50");
        // No allowance for application clocks: a key below the clock's horizon would be missed.
        settings.put("replication.key.clock.skew.ms", "0");
        settings.put("database.primary.url", follower.primary().databaseUrl());
        return new TaskDriver(follower.standby(), "public." + table, settings);
    }
}
