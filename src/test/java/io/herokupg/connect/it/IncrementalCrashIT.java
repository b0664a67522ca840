/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.testing.ChangeWriters;
import io.herokupg.connect.testing.ChangeWriters.Version;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * Restarts resume exactly: seeded trials of a task that polls while writers commit late, has a random prefix of
 * what it polled acknowledged (as the worker commits the offsets of the records the producer acknowledged), and
 * then ends abruptly, stopped or with its connection killed in the middle of a pass. The next trial starts from the
 * committed offsets. The records of the committed prefixes, followed by a final run, are the stream a consumer keeps:
 * it must hold every row's latest version and no row version twice. Records polled but never committed may repeat.
 */
class IncrementalCrashIT {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalCrashIT.class);
    /** The trials' seed; {@code -Dcrash.seed=N} replays another. */
    private static final long SEED = Long.getLong("crash.seed", 20261125L);
    private static final int INITIAL_ROWS = 300;
    private static final int WRITERS = 3;
    private static final String OFFSET_PASS_SNAPSHOT = "pass_snapshot";

    private final PostgresFixture pg = SharedServices.postgres();
    private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopKiller() {
        killer.shutdownNow();
    }

    @Test
    void incrementalRestartsResumeExactly() throws Exception {
        runTrials("crash_inc", SEED, Map.of("replication.method", "INCREMENTAL", "replication.key", "updated_at"), 20);
    }

    @Test
    void xminRestartsResumeExactly() throws Exception {
        runTrials("crash_xmin", SEED + 1, Map.of("replication.method", "XMIN"), 10);
    }

    /** What the trials produced: every record polled, and the committed prefixes (then the final run) in order. */
    private static final class Outcome {
        final List<SourceRecord> emitted = new ArrayList<>();
        final List<SourceRecord> committed = new ArrayList<>();
        int midPassCommits;
    }

    private void runTrials(String table, long seed, Map<String, String> method, int trials) throws Exception {
        String context = "seed " + seed + ", table " + table;
        ChangeWriters.createTable(pg, table, INITIAL_ROWS);
        Random rng = new Random(seed);
        Map<String, String> settings = new HashMap<>(method);
        settings.put("poll.interval.ms", "50");
        TaskDriver driver = new TaskDriver(pg, "public." + table, settings);
        Outcome outcome = new Outcome();
        int lateCommits;
        try (ChangeWriters writers = ChangeWriters.start(pg, table, WRITERS, seed)) {
            for (int trial = 1; trial <= trials; trial++) {
                trial(driver, rng, context + ", trial " + trial, trial % 2 == 0, outcome);
            }
            lateCommits = writers.lateCommits();
            LOG.info("{}: writers committed {} transactions ({} late, {} updates)", context, writers.committed(),
                lateCommits, writers.updates());
        }
        driver.set("batch.max.rows", "50").start();
        List<SourceRecord> last = driver.pollUntilQuiet(Duration.ofMillis(1_500), Duration.ofSeconds(60));
        driver.commit(last);
        driver.stop();
        outcome.emitted.addAll(last);
        outcome.committed.addAll(last);
        LOG.info("{}: {} records polled, {} in the committed stream, {} commits in the middle of a pass", context,
            outcome.emitted.size(), outcome.committed.size(), outcome.midPassCommits);

        check(context, ChangeWriters.versions(pg, table), outcome);
        assertThat(lateCommits).as(context + ": transactions that committed late").isGreaterThan(3);
        assertThat(outcome.midPassCommits).as(context + ": trials that committed an offset in the middle of a pass")
            .isGreaterThanOrEqualTo(trials / 5);
    }

    /**
     * One trial: start from the committed offsets, poll, commit a random prefix, and end abruptly: stop the task
     * after a random number of polls, or kill its connections at a random time while it polls, let it recover (or
     * not) and then stop it.
     */
    private void trial(TaskDriver driver, Random rng, String context, boolean kill, Outcome outcome)
        throws Exception {
        int batch = 7 + rng.nextInt(44);
        driver.set("batch.max.rows", Integer.toString(batch)).start();
        List<SourceRecord> polled = new ArrayList<>();
        String end;
        if (kill) {
            int killAfterMs = rng.nextInt(500);
            Future<?> killed = killer.schedule(() -> {
                terminateConnectorBackends();
                return null;
            }, killAfterMs, TimeUnit.MILLISECONDS);
            int pollMs = killAfterMs + 100 + rng.nextInt(1_500);
            polled.addAll(driver.pollFor(Duration.ofMillis(pollMs)));
            killed.get();
            end = "connections killed after " + killAfterMs + " ms, stopped after " + pollMs + " ms";
        } else {
            int polls = 1 + rng.nextInt(12);
            for (int i = 0; i < polls; i++) {
                polled.addAll(driver.poll());
            }
            end = "stopped after " + polls + " polls";
        }
        driver.stop();
        int prefix = rng.nextInt(polled.size() + 1);
        List<SourceRecord> acknowledged = polled.subList(0, prefix);
        driver.commit(acknowledged);
        boolean midPass = prefix > 0 && acknowledged.get(prefix - 1).sourceOffset().containsKey(OFFSET_PASS_SNAPSHOT);
        outcome.midPassCommits += midPass ? 1 : 0;
        outcome.emitted.addAll(polled);
        outcome.committed.addAll(acknowledged);
        LOG.info("{}: batch {}, {}; {} records polled, the first {} committed{}", context, batch, end, polled.size(),
            prefix, midPass ? " (in the middle of a pass)" : "");
    }

    /** Nothing was lost; the committed stream has every row's latest version last, and no row version twice. */
    private static void check(String context, Map<Long, Version> rows, Outcome outcome) {
        Set<Long> emittedIds = new HashSet<>();
        outcome.emitted.forEach(r -> emittedIds.add(((Struct) r.value()).getInt64("id")));
        Set<Long> neverEmitted = new TreeSet<>(rows.keySet());
        neverEmitted.removeAll(emittedIds);
        assertThat(neverEmitted).as(context + ": rows of the table never emitted").isEmpty();
        ChangeWriters.assertLatestOnce(context + ", committed stream", rows, outcome.committed.stream()
            .map(r -> ChangeWriters.version((Struct) r.value())).toList());
    }

    private void terminateConnectorBackends() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name LIKE 'kafka-connect-heroku-postgres%' AND pid <> pg_backend_pid()");
        }
    }
}
