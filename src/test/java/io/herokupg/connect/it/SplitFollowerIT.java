/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.FollowerFixture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * Split loads read from a real hot standby (a Heroku follower) through a real worker: FULL_TABLE's ranges import the
 * snapshot the connector exports on the standby itself; INCREMENTAL's load is a pass whose snapshot is the primary's,
 * which the ranges cannot import on the standby, so each reads there in its own snapshot what the primary's saw, and
 * the task that takes the table after the load goes on from it: every row once, then the changes once.
 */
class SplitFollowerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String NAME = "split-follower";
    private static final int ROWS = 20_000;
    private static FollowerFixture follower;

    private final ConnectFixture connect = SharedServices.connect();

    @BeforeAll
    static void startFollower() {
        follower = FollowerFixture.start();
    }

    @AfterAll
    static void stopFollower() {
        SharedServices.connect().rest().delete(NAME);
        follower.close();
    }

    @Test
    void splitLoadsOnAFollowerEmitEveryRowOnceAndTheChangesAfter() throws Exception {
        for (String table : List.of("sf_full", "sf_incr")) {
            follower.primary().execute("DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text, updated_at timestamptz NOT NULL DEFAULT"
                    + " clock_timestamp())", "CREATE INDEX ON " + table + " (updated_at)",
                "INSERT INTO " + table + " (id, v) SELECT g, 'initial' FROM generate_series(1, " + ROWS + ") g",
                "ANALYZE " + table);
        }
        follower.awaitReplay(TIMEOUT);
        Map<String, String> config = new HashMap<>(connect.connectorConfig(follower.standby(), NAME, "it_sf",
            "public\\.sf_.*"));
        PostgresFixture.useUrl(config, connect.workerUrl(follower.standby()));
        config.put("database.primary.url", connect.workerUrl(follower.primary()));
        config.put("tasks.max", "2");
        config.put("split.min.rows", "1000");
        config.put("batch.max.rows", "500");
        config.put("replication.method", "FULL_TABLE");
        config.put("poll.interval.ms", "3600000");
        config.put("table.public.sf_incr.replication.method", "INCREMENTAL");
        config.put("table.public.sf_incr.replication.key", "updated_at");
        config.put("table.public.sf_incr.replication.key.clock.skew.ms", "0");
        config.put("table.public.sf_incr.poll.interval.ms", "500");
        AtomicInteger exportersOnStandby = new AtomicInteger();
        connect.rest().putConnector(NAME, config);
        Thread watcher = new Thread(() -> watchExporters(exportersOnStandby));
        watcher.setDaemon(true);
        watcher.start();

        for (String table : List.of("sf_full", "sf_incr")) {
            List<Decoded> records = connect.topics().readAtLeast("it_sf.public." + table, ROWS, TIMEOUT,
                Duration.ofSeconds(2));
            assertThat(records).extracting(r -> r.keyStruct().getInt64("id")).as("rows of %s", table)
                .doesNotHaveDuplicates().hasSize(ROWS);
        }
        watcher.interrupt();
        String offsets = connect.rest().offsets(NAME).body().toString();
        assertThat(offsets).as("both loads were split").contains("sf_full/1").contains("sf_incr/1");
        assertThat(exportersOnStandby.get()).as("FULL_TABLE's snapshot exported on the standby, held while its"
            + " ranges ran").isPositive();

        follower.primary().execute("INSERT INTO sf_incr (id, v) VALUES (" + (ROWS + 1) + ", 'late')",
            "UPDATE sf_incr SET v = 'changed', updated_at = clock_timestamp() WHERE id = 11");
        List<Decoded> after = connect.topics().readAtLeast("it_sf.public.sf_incr", ROWS + 2, TIMEOUT,
            Duration.ofSeconds(3));
        assertThat(after.subList(ROWS, after.size())).extracting(r -> r.keyStruct().getInt64("id") + " "
            + r.valueStruct().getString("v")).as("after the load, the changes once")
            .containsExactlyInAnyOrder((ROWS + 1) + " late", "11 changed");
    }

    /** Counts the looks at the standby that found the connector's exporting transaction there. */
    private static void watchExporters(AtomicInteger seen) {
        while (!Thread.currentThread().isInterrupted()) {
            try (Connection conn = follower.standby().connect(); Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE"
                     + " 'kafka-connect-heroku-postgres snapshot exporter%' AND state = 'idle in transaction'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    seen.incrementAndGet();
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // The next look will do.
            }
        }
    }

}
