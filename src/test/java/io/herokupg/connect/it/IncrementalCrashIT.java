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
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.testing.ChangeWriters;
import io.herokupg.connect.testing.ChangeWriters.Version;
import io.herokupg.connect.testing.FollowerFixture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.ReadOnlyRole;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * Restarts resume exactly: seeded trials of a task that polls while writers commit late, has a random prefix of
 * what it polled acknowledged (as the worker commits the offsets of the records the producer acknowledged), and
 * then ends abruptly: stopped, or its connections killed in the middle of a pass (it recovers, then stops), or
 * killed outright (its connections killed and the task dropped without stop(), as when its worker dies). The next
 * trial starts from the committed offsets. The records of the committed prefixes, followed by a final run, are the
 * stream a consumer keeps: it must hold every row, no row version twice, and each row's latest version last (for
 * INCREMENTAL, whose writers here also update rows without moving their key, the version with the row's current key).
 *
 * <p>Each method runs where Heroku users run it: on a primary with the default credential, on a follower (writers on
 * the primary, the connector reading a real hot standby with {@code database.primary.url}), and as a least-privilege
 * credential that cannot see the writers' sessions. {@code mvn verify} runs {@value #DEFAULT_SEEDS} seeds of each;
 * {@code -Dcrash.seeds=20} runs twenty, {@code -Dcrash.seed=N} starts from seed N (replays it), and
 * {@code -Dcrash.mode=follower} (primary, least_privilege) runs one mode.
 */
class IncrementalCrashIT {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalCrashIT.class);
    private static final int DEFAULT_SEEDS = 2;
    /** The first seed; {@code -Dcrash.seed=N} replays another. */
    private static final long SEED = Long.getLong("crash.seed", 20261125L);
    private static final int SEEDS = Integer.getInteger("crash.seeds", DEFAULT_SEEDS);
    private static final int TRIALS = Integer.getInteger("crash.trials", 12);
    private static final int INITIAL_ROWS = 300;
    private static final int WRITERS = 3;
    private static final String OFFSET_PASS_SNAPSHOT = "pass_snapshot";

    private static FollowerFixture follower;
    private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();

    /** Where the connector runs. */
    enum Mode {
        /** On the primary, as Heroku's default credential (which may read every session's activity). */
        PRIMARY,
        /** On a follower, the writers on its primary. */
        FOLLOWER,
        /** As a credential with SELECT only (README's read-only user), the writers another role. */
        LEAST_PRIVILEGE
    }

    /** How a trial ends. */
    enum End {
        STOPPED, CONNECTIONS_KILLED, TASK_KILLED
    }

    static Stream<Arguments> cases() {
        String only = System.getProperty("crash.mode", "");
        return Stream.of(Mode.values())
            .filter(m -> only.isBlank() || m.name().equalsIgnoreCase(only.trim()))
            .flatMap(m -> Stream.of(Arguments.of("INCREMENTAL", m), Arguments.of("XMIN", m)));
    }

    @AfterEach
    void stopKiller() {
        killer.shutdownNow();
    }

    @AfterAll
    static void stopFollower() {
        if (follower != null) {
            follower.close();
            follower = null;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void restartsResumeExactly(String method, Mode mode) throws Exception {
        for (long seed : LongStream.range(SEED, SEED + SEEDS).toArray()) {
            runTrials(method, mode, seed);
        }
    }

    /** What the trials produced: every record polled, and the committed prefixes (then the final run) in order. */
    private static final class Outcome {
        final List<SourceRecord> emitted = new ArrayList<>();
        final List<SourceRecord> committed = new ArrayList<>();
        int midPassCommits;
    }

    private void runTrials(String method, Mode mode, long seed) throws Exception {
        String table = "crash_" + method.toLowerCase(Locale.ROOT) + "_" + mode.name().toLowerCase(Locale.ROOT);
        String context = "seed " + seed + ", " + method + " " + mode + " (replay: -Dcrash.seed=" + seed
            + " -Dcrash.seeds=1 -Dcrash.mode=" + mode.name().toLowerCase(Locale.ROOT) + ")";
        PostgresFixture writerDb = mode == Mode.FOLLOWER ? follower().primary() : SharedServices.postgres();
        ChangeWriters.createTable(writerDb, table, INITIAL_ROWS);
        if (mode == Mode.FOLLOWER) {
            follower().awaitReplay(Duration.ofSeconds(60));
        }
        Random rng = new Random(seed);
        TaskDriver driver = driver(method, mode, table);
        Outcome outcome = new Outcome();
        boolean incremental = method.equals("INCREMENTAL");
        int lateCommits;
        try (ChangeWriters writers = ChangeWriters.start(writerDb, table, WRITERS, seed, incremental)) {
            for (int trial = 1; trial <= TRIALS; trial++) {
                trial(driver, mode, rng, context + ", trial " + trial, End.values()[trial % 3], outcome);
            }
            lateCommits = writers.lateCommits();
            LOG.info("{}: writers committed {} transactions ({} late, {} updates)", context, writers.committed(),
                lateCommits, writers.updates());
        }
        driver.set("batch.max.rows", "50").start();
        List<SourceRecord> last = driver.pollUntilQuiet(Duration.ofMillis(1_500), Duration.ofSeconds(90));
        driver.commit(last);
        driver.stop();
        outcome.emitted.addAll(last);
        outcome.committed.addAll(last);
        LOG.info("{}: {} records polled, {} in the committed stream, {} commits in the middle of a pass", context,
            outcome.emitted.size(), outcome.committed.size(), outcome.midPassCommits);

        check(context, ChangeWriters.versions(writerDb, table), outcome, incremental);
        assertThat(lateCommits).as(context + ": transactions that committed late").isGreaterThan(2);
        assertThat(outcome.midPassCommits).as(context + ": trials that committed an offset in the middle of a pass")
            .isGreaterThanOrEqualTo(TRIALS / 6);
    }

    private static TaskDriver driver(String method, Mode mode, String table) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("replication.method", method, "poll.interval.ms", "50"));
        if (method.equals("INCREMENTAL")) {
            settings.put("replication.key", "updated_at");
            // No allowance for application clocks: the writers use now(), and a bound that lags would hide misses.
            settings.put("replication.key.clock.skew.ms", "0");
        }
        return switch (mode) {
            case PRIMARY -> new TaskDriver(SharedServices.postgres(), "public." + table, settings);
            case FOLLOWER -> {
                settings.put("database.primary.url", follower().primary().databaseUrl());
                yield new TaskDriver(follower().standby(), "public." + table, settings);
            }
            case LEAST_PRIVILEGE -> {
                ReadOnlyRole.create(SharedServices.postgres());
                settings.putAll(ReadOnlyRole.settings());
                yield new TaskDriver(SharedServices.postgres(), "public." + table, settings);
            }
        };
    }

    private static synchronized FollowerFixture follower() {
        if (follower == null) {
            follower = FollowerFixture.start();
        }
        return follower;
    }

    /**
     * One trial: start from the committed offsets, poll, commit a random prefix, and end abruptly: stop the task
     * after a random number of polls; or kill its connections at a random time while it polls, let it recover (or
     * not) and then stop it; or kill its connections and drop it at once, never stopped.
     */
    private void trial(TaskDriver driver, Mode mode, Random rng, String context, End end, Outcome outcome)
        throws Exception {
        int batch = 7 + rng.nextInt(44);
        driver.set("batch.max.rows", Integer.toString(batch)).start();
        List<SourceRecord> polled = new ArrayList<>();
        String how;
        if (end == End.STOPPED) {
            int polls = 1 + rng.nextInt(12);
            for (int i = 0; i < polls; i++) {
                polled.addAll(driver.poll());
            }
            driver.stop();
            how = "stopped after " + polls + " polls";
        } else {
            int killAfterMs = rng.nextInt(500);
            Future<?> killed = killer.schedule(() -> {
                terminateConnectorBackends(mode);
                return null;
            }, killAfterMs, TimeUnit.MILLISECONDS);
            if (end == End.CONNECTIONS_KILLED) {
                int pollMs = killAfterMs + 100 + rng.nextInt(1_500);
                polled.addAll(driver.pollFor(Duration.ofMillis(pollMs)));
                killed.get();
                driver.stop();
                how = "connections killed after " + killAfterMs + " ms, stopped after " + pollMs + " ms";
            } else {
                polled.addAll(driver.pollFor(Duration.ofMillis(killAfterMs)));
                killed.get();
                driver.abandon();
                how = "task killed after " + killAfterMs + " ms";
            }
        }
        int prefix = rng.nextInt(polled.size() + 1);
        List<SourceRecord> acknowledged = polled.subList(0, prefix);
        driver.commit(acknowledged);
        boolean midPass = prefix > 0 && acknowledged.get(prefix - 1).sourceOffset().containsKey(OFFSET_PASS_SNAPSHOT);
        outcome.midPassCommits += midPass ? 1 : 0;
        outcome.emitted.addAll(polled);
        outcome.committed.addAll(acknowledged);
        LOG.info("{}: batch {}, {}; {} records polled, the first {} committed{}", context, batch, how, polled.size(),
            prefix, midPass ? " (in the middle of a pass)" : "");
    }

    /** Nothing was lost; the committed stream holds no row version twice, and each row's latest version last. */
    private static void check(String context, Map<Long, Version> rows, Outcome outcome, boolean keysMayStay) {
        Set<Long> emittedIds = new HashSet<>();
        outcome.emitted.forEach(r -> emittedIds.add(((Struct) r.value()).getInt64("id")));
        Set<Long> neverEmitted = new TreeSet<>(rows.keySet());
        neverEmitted.removeAll(emittedIds);
        assertThat(neverEmitted).as(context + ": rows of the table never emitted").isEmpty();
        List<Version> stream = outcome.committed.stream().map(r -> ChangeWriters.version((Struct) r.value()))
            .toList();
        if (keysMayStay) {
            ChangeWriters.assertCurrentKeyOnce(context + ", committed stream", rows, stream);
        } else {
            ChangeWriters.assertLatestOnce(context + ", committed stream", rows, stream);
        }
    }

    /** Kills every session of the connector, where it has some: the database read and, for a follower, its primary. */
    private static void terminateConnectorBackends(Mode mode) throws Exception {
        List<PostgresFixture> servers = mode == Mode.FOLLOWER
            ? List.of(follower().standby(), follower().primary()) : List.of(SharedServices.postgres());
        for (PostgresFixture server : servers) {
            try (Connection conn = server.superuser(); Statement st = conn.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name LIKE 'kafka-connect-heroku-postgres%' AND pid <> pg_backend_pid()");
            }
        }
    }
}
