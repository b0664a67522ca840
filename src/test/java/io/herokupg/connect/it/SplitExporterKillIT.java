/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.testing.ChangeWriters;
import io.herokupg.connect.testing.ChangeWriters.Version;
import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.ConnectRest;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;

/**
 * Issue 16: the snapshot exporter's connection is killed in the middle of a split load, then the tasks' connections
 * too, so that every range opens a new transaction whose snapshot import fails (the exporter is gone) and reads in a
 * snapshot of its own, while writers insert and update rows. Nothing is lost: FULL_TABLE still emits every row that
 * was there before the load exactly once, and completes; INCREMENTAL stays exact through its fence, so once the
 * writers stopped and later passes ran, the topic holds every row's latest version, last, and no version twice.
 */
class SplitExporterKillIT {
    private static final Logger LOG = LoggerFactory.getLogger(SplitExporterKillIT.class);
    /** {@code -Dsplit.seed=N} replays a run. */
    private static final long SEED = Long.getLong("split.seed", 20261216L);
    private static final int ROWS = 200_000;
    private static final String PREFIX = "it_split_kill";

    private final PostgresFixture pg = SharedServices.postgres();
    private final ConnectFixture connect = SharedServices.connect();
    private final Set<String> names = new HashSet<>();

    @AfterEach
    void deleteConnectors() {
        names.forEach(n -> connect.rest().delete(n));
    }

    @Test
    void aFullTableLoadWhoseExporterDiesEmitsEveryRowOnce() throws Exception {
        String table = "split_kill_full";
        String context = "FULL_TABLE, seed " + SEED + " (replay: -Dsplit.seed=" + SEED + ")";
        List<Long> ids;
        try (ChangeWriters writers = start(table);
             SplitLoadWatch loads = SplitLoadWatch.watch(connect, "split-kill-full", pg, table)) {
            killDuringLoad(context, "split-kill-full", table, Map.of("replication.method", "FULL_TABLE"));
            ids = SplitTopic.read(connect, PREFIX + ".public." + table, r -> r.keyStruct().getInt64("id"),
                r -> r.size() >= ROWS, Duration.ofSeconds(120), Duration.ofSeconds(3));
            LOG.info("{}: {} records for {} rows at the start; writers committed {} transactions", context,
                ids.size(), ROWS, writers.committed());
            loads.assertSplit(2);
            loads.awaitRangesComplete(Duration.ofSeconds(60));
            assertThat(loads.maxExporters()).as(context + ": exporter sessions at once").isLessThanOrEqualTo(1);
        }
        SplitAssertions.assertEachOnce(context, SplitAssertions.counts(ids), ROWS);
    }

    @Test
    void anIncrementalLoadWhoseExporterDiesStaysExact() throws Exception {
        String table = "split_kill_inc";
        String context = "INCREMENTAL, seed " + SEED + " (replay: -Dsplit.seed=" + SEED + ")";
        Map<Long, Version> rows;
        try (SplitLoadWatch loads = SplitLoadWatch.watch(connect, "split-kill-inc", pg, table)) {
            try (ChangeWriters writers = start(table)) {
                killDuringLoad(context, "split-kill-inc", table, Map.of("replication.method", "INCREMENTAL",
                    "replication.key", "updated_at", "poll.interval.ms", "1000"));
                // Writes after the kills, for the passes after the load.
                Thread.sleep(4_000);
                LOG.info("{}: writers committed {} transactions ({} late, {} updates)", context, writers.committed(),
                    writers.lateCommits(), writers.updates());
            }
            loads.assertSplit(2);
            assertThat(loads.maxExporters()).as(context + ": exporter sessions at once").isLessThanOrEqualTo(1);
            rows = ChangeWriters.versions(pg, table);
        }
        Set<Version> latest = Set.copyOf(rows.values());
        List<Version> stream = SplitTopic.read(connect, PREFIX + ".public." + table,
            r -> ChangeWriters.version(r.valueStruct()), r -> new HashSet<>(r).containsAll(latest),
            Duration.ofSeconds(120), Duration.ofSeconds(3));
        LOG.info("{}: {} records for {} rows", context, stream.size(), rows.size());
        ChangeWriters.assertLatestOnce(context + ", the load and the passes after it", rows, stream);
    }

    private ChangeWriters start(String table) throws Exception {
        ChangeWriters.createTable(pg, table, ROWS);
        pg.execute("ANALYZE " + table);
        SplitLoadWatch.slowDownConnectorReads(pg, table);
        return ChangeWriters.start(pg, table, 2, SEED);
    }

    /**
     * Starts the connector; once its exporter holds the snapshot and a tenth of the rows arrived, kills the exporter's
     * backend, then the tasks' backends (the ranges must open new transactions).
     */
    private void killDuringLoad(String context, String name, String table, Map<String, String> method)
        throws Exception {
        Map<String, String> config = SplitLoadWatch.config(connect, pg, name, PREFIX, table, 2);
        config.putAll(method);
        config.put("batch.max.rows", "200");
        names.add(name);
        connect.rest().putConnector(name, config);
        connect.rest().awaitStatus(name, s -> s.path("tasks").size() > 0 && ConnectRest.allTasksIn(s, "RUNNING"),
            Duration.ofSeconds(60));
        Map<Integer, String> exporter = SplitLoadWatch.awaitExporter(pg, Duration.ofSeconds(30));
        String topic = PREFIX + ".public." + table;
        SplitTopic.awaitCommitted(connect, topic, ROWS / 10, Duration.ofSeconds(60));
        long before = SplitTopic.committedEnd(connect, topic);
        List<Integer> exporterKilled = SplitLoadWatch.terminate(pg, exporter.keySet());
        Thread.sleep(500);
        Map<Integer, String> tasks = SplitLoadWatch.sessions(pg, false);
        List<Integer> tasksKilled = SplitLoadWatch.terminate(pg, tasks.keySet());
        LOG.info("{}: with {} of {} records in the topic, killed the exporter {} of {}, then the tasks' backends {}"
            + " of {}", context, before, ROWS, exporterKilled, exporter, tasksKilled, tasks);
        assertThat(exporterKilled).as(context + ": exporter backends killed").isNotEmpty();
        assertThat(tasksKilled).as(context + ": task backends killed").isNotEmpty();
        assertThat(before).as(context + ": records in the topic at the kill (it must fall in the middle of the"
            + " load)").isLessThan(ROWS);
    }
}
