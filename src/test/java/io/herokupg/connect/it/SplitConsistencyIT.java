/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.testing.EmbeddedConnectFixture;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;

/**
 * Issue 16's consistency test: a FULL_TABLE load of 200,000 rows split across two tasks on two workers, while
 * writers move amounts between random rows over the whole key space (the total never changes in any snapshot). The
 * loaded rows, each exactly once, add up to the total: every range read the one exported snapshot. Ranges read in
 * snapshots taken at different times would see some transfers on one side only, and another total.
 */
class SplitConsistencyIT {
    private static final Logger LOG = LoggerFactory.getLogger(SplitConsistencyIT.class);
    /** {@code -Dsplit.seed=N} replays a run. */
    private static final long SEED = Long.getLong("split.seed", 20261216L);
    private static final int ROWS = 200_000;
    private static final String NAME = "split-consistency";
    private static final String TABLE = "split_accounts";
    private static final String TOPIC = "it_split_cons.public." + TABLE;

    private final PostgresFixture pg = SharedServices.postgres();
    private EmbeddedConnectFixture connect;

    /** A record of the load: the row's id and amount, and when it was written to Kafka. */
    private record Loaded(long id, long amount, long timestamp) {
    }

    @AfterEach
    void stopCluster() {
        if (connect != null) {
            connect.close();
        }
    }

    @Test
    void aSplitLoadReadsOneSnapshotWhileTransfersRun() throws Exception {
        assumeFalse(Fixtures.useContainers(), "needs the in-JVM two-worker cluster");
        String context = "seed " + SEED + " (replay: -Dsplit.seed=" + SEED + ")";
        LOG.info("{}", context);
        long total = SplitTransfers.createTable(pg, TABLE, ROWS);
        connect = EmbeddedConnectFixture.start(2, Optional.empty());
        Map<String, String> config = SplitLoadWatch.config(connect, pg, NAME, "it_split_cons", TABLE, 2);
        config.put("replication.method", "FULL_TABLE");
        // Small batches: more polls, a longer load, more transfers in its middle.
        config.put("batch.max.rows", "200");

        List<Loaded> records;
        long during;
        try (SplitTransfers writers = SplitTransfers.start(pg, TABLE, ROWS, 2, 2, SEED);
             SplitLoadWatch loads = SplitLoadWatch.watch(connect, NAME, pg, TABLE)) {
            while (writers.committed() < 50) {
                Thread.sleep(20);
            }
            connect.rest().putConnector(NAME, config);
            records = SplitTopic.read(connect, TOPIC,
                r -> new Loaded(r.keyStruct().getInt64("id"), r.valueStruct().getInt64("amount"), r.timestamp()),
                r -> r.size() >= ROWS, Duration.ofSeconds(120), Duration.ofSeconds(3));
            long first = records.stream().mapToLong(Loaded::timestamp).min().orElse(0);
            long last = records.stream().mapToLong(Loaded::timestamp).max().orElse(0);
            during = writers.committedBetween(first, last);
            LOG.info("{}: {} records in {} ms; {} transfers committed meanwhile, {} in all ({} rolled back)", context,
                records.size(), last - first, during, writers.committed(), writers.aborted());

            loads.assertSplit(2);
            assertThat(loads.maxExporters()).as(context + ": snapshot exporter sessions at once (one per load)")
                .isEqualTo(1);
        }

        Map<Long, Long> counts = SplitAssertions.counts(records.stream().map(Loaded::id).toList());
        SplitAssertions.assertEachOnce(context, counts, ROWS);
        assertThat(during).as(context + ": transfers committed while the load ran (between its first and last"
            + " record): the writers must interleave with the ranges' reads").isGreaterThanOrEqualTo(50);
        long loaded = records.stream().mapToLong(Loaded::amount).sum();
        assertThat(loaded).as(context + ": the loaded rows' total (the table's total is constant, " + total
            + "; a difference of " + (loaded - total) + " means the ranges did not read one snapshot)")
            .isEqualTo(total);
    }
}
