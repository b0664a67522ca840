/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded crash trials of one task (IncrementalCrashIT, CaptureCrashIT): the task polls while writers commit late, has
 * prefixes of what it polled acknowledged along the way (as the worker commits the offsets of the records the producer
 * acknowledged, and then calls {@code SourceTask.commit()}), and then ends abruptly: stopped, or its connections
 * killed in the middle of a pass (it recovers, then stops), or killed outright (its connections killed and the task
 * dropped without stop(), as when its worker dies). The next trial starts from the committed offsets. The records of
 * the committed prefixes, followed by a final run, are the stream a consumer keeps; each test checks it.
 *
 * <p>Each method runs where Heroku users run it ({@link Mode}). {@code mvn verify} runs {@value #DEFAULT_SEEDS}
 * seeds of each; {@code -Dcrash.seeds=20} runs twenty, {@code -Dcrash.seed=N} starts from seed N (replays it),
 * {@code -Dcrash.mode=follower} (primary, least_privilege) runs one mode and {@code -Dcrash.trials=N} sets the
 * trials per seed.
 */
public final class CrashTrials implements AutoCloseable {
    public static final int DEFAULT_SEEDS = 2;
    /** The first seed; {@code -Dcrash.seed=N} replays another. */
    public static final long FIRST_SEED = Long.getLong("crash.seed", 20261125L);
    public static final int SEEDS = Integer.getInteger("crash.seeds", DEFAULT_SEEDS);
    public static final int TRIALS = Integer.getInteger("crash.trials", 12);
    private static final Logger LOG = LoggerFactory.getLogger(CrashTrials.class);
    private static final String OFFSET_PASS_SNAPSHOT = "pass_snapshot";

    private FollowerFixture follower;

    /** Where the connector runs. */
    public enum Mode {
        /** On the primary, as Heroku's default credential (which may read every session's activity). */
        PRIMARY,
        /** On a follower, the writers on its primary. */
        FOLLOWER,
        /** As a credential with SELECT only (README's read-only user), the writers another role. */
        LEAST_PRIVILEGE;

        public String lowerCase() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a trial ends. */
    public enum End {
        STOPPED, CONNECTIONS_KILLED, TASK_KILLED
    }

    /** What the trials produced: every record polled, and the committed prefixes (then the final run) in order. */
    public static final class Outcome {
        public final List<SourceRecord> emitted = new ArrayList<>();
        public final List<SourceRecord> committed = new ArrayList<>();
        /** Commits of an offset in the middle of a pass: a trial's last one, or one made while its task ran. */
        public int midPassCommits;
        /** Commits made while a task ran (before the one that ends its trial). */
        public int runningCommits;
    }

    /** The modes to run ({@code -Dcrash.mode} picks one). */
    public static Stream<Mode> modes() {
        String only = System.getProperty("crash.mode", "");
        return Stream.of(Mode.values()).filter(m -> only.isBlank() || m.name().equalsIgnoreCase(only.trim()));
    }

    /** The seeds to run. */
    public static long[] seeds() {
        return LongStream.range(FIRST_SEED, FIRST_SEED + SEEDS).toArray();
    }

    /** What failure messages start with: the seed, the method and mode, and how to replay them. */
    public static String context(String method, Mode mode, long seed) {
        return "seed " + seed + ", " + method + " " + mode + " (replay: -Dcrash.seed=" + seed
            + " -Dcrash.seeds=1 -Dcrash.mode=" + mode.lowerCase() + ")";
    }

    /** Where the writers write: the follower's primary, or the shared server. */
    public PostgresFixture writerDb(Mode mode) {
        return mode == Mode.FOLLOWER ? follower().primary() : SharedServices.postgres();
    }

    /** Waits until the follower has replayed what the writers committed so far (nothing to wait for elsewhere). */
    public void replayed(Mode mode) throws SQLException {
        if (mode == Mode.FOLLOWER) {
            follower().awaitReplay(Duration.ofSeconds(60));
        }
    }

    /**
     * A task driver for the table in {@code public}, with these settings, where the mode says: on the shared server;
     * on the follower with {@code database.primary.url}; as the least-privilege role (created here).
     */
    public TaskDriver driver(Mode mode, String table, Map<String, String> settings) throws SQLException {
        Map<String, String> all = new HashMap<>(settings);
        return switch (mode) {
            case PRIMARY -> new TaskDriver(SharedServices.postgres(), "public." + table, all);
            case FOLLOWER -> {
                all.put("database.primary.url", follower().primary().databaseUrl());
                yield new TaskDriver(follower().standby(), "public." + table, all);
            }
            case LEAST_PRIVILEGE -> {
                ReadOnlyRole.create(SharedServices.postgres());
                all.putAll(ReadOnlyRole.settings());
                yield new TaskDriver(SharedServices.postgres(), "public." + table, all);
            }
        };
    }

    private synchronized FollowerFixture follower() {
        if (follower == null) {
            follower = FollowerFixture.start();
        }
        return follower;
    }

    /** Runs {@link #TRIALS} trials, each ending as the trial's number says, while the caller's writers write. */
    public Outcome trials(TaskDriver driver, Mode mode, Random rng, String context) throws Exception {
        Outcome outcome = new Outcome();
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int trial = 1; trial <= TRIALS; trial++) {
                trial(driver, mode, rng, context + ", trial " + trial, End.values()[trial % 3], outcome, killer);
            }
        } finally {
            killer.shutdownNow();
        }
        return outcome;
    }

    /** The final run, once the writers stopped: polls until quiet, commits everything, stops. */
    public void finish(TaskDriver driver, String context, Outcome outcome) throws InterruptedException {
        driver.set("batch.max.rows", "50").start();
        List<SourceRecord> last = driver.pollUntilQuiet(Duration.ofMillis(1_500), Duration.ofSeconds(90));
        driver.commit(last);
        outcome.emitted.addAll(last);
        outcome.committed.addAll(last);
        LOG.info("{}: {} records polled, {} in the committed stream, {} commits in the middle of a pass, {} while a"
            + " task ran", context, outcome.emitted.size(), outcome.committed.size(), outcome.midPassCommits,
            outcome.runningCommits);
    }

    /**
     * One trial: start from the committed offsets, poll (committing a growing prefix of what was polled now and
     * then), commit a last prefix, and end abruptly: stop the task after a random number of polls; or kill its
     * connections at a random time while it polls, let it recover (or not) and then stop it; or kill its connections
     * and drop it at once, never stopped.
     */
    private void trial(TaskDriver driver, Mode mode, Random rng, String context, End end, Outcome outcome,
                       ScheduledExecutorService killer) throws Exception {
        int batch = 7 + rng.nextInt(44);
        driver.set("batch.max.rows", Integer.toString(batch)).start();
        Polling polling = new Polling(driver, new Random(rng.nextLong()));
        String how;
        if (end == End.STOPPED) {
            int polls = 1 + rng.nextInt(12);
            for (int i = 0; i < polls; i++) {
                polling.poll();
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
                polling.pollFor(Duration.ofMillis(pollMs));
                killed.get();
                driver.stop();
                how = "connections killed after " + killAfterMs + " ms, stopped after " + pollMs + " ms";
            } else {
                polling.pollFor(Duration.ofMillis(killAfterMs));
                killed.get();
                driver.abandon();
                how = "task killed after " + killAfterMs + " ms";
            }
        }
        List<SourceRecord> polled = polling.polled;
        int prefix = polling.committed + rng.nextInt(polled.size() - polling.committed + 1);
        List<SourceRecord> acknowledged = polled.subList(0, prefix);
        driver.commit(acknowledged);
        boolean midPass = prefix > 0 && acknowledged.get(prefix - 1).sourceOffset().containsKey(OFFSET_PASS_SNAPSHOT);
        outcome.midPassCommits += (midPass ? 1 : 0) + polling.midPass;
        outcome.runningCommits += polling.commits;
        outcome.emitted.addAll(polled);
        outcome.committed.addAll(acknowledged);
        LOG.info("{}: batch {}, {}; {} records polled, the first {} committed ({} commits while it ran){}", context,
            batch, how, polled.size(), prefix, polling.commits, midPass ? " (in the middle of a pass)" : "");
    }

    /**
     * A running task's polls, after one in three of which (when it returned records) a longer prefix of what it polled
     * is committed: half the time all of it.
     */
    private static final class Polling {
        private final TaskDriver driver;
        private final Random rng;
        private final List<SourceRecord> polled = new ArrayList<>();
        private int committed;
        private int commits;
        /** Of those commits, the ones in the middle of a pass. */
        private int midPass;

        Polling(TaskDriver driver, Random rng) {
            this.driver = driver;
            this.rng = rng;
        }

        void poll() throws InterruptedException {
            List<SourceRecord> batch = driver.poll();
            polled.addAll(batch);
            if (!batch.isEmpty() && rng.nextInt(3) == 0) {
                // As a worker's periodic commit: often of everything sent, else of what the producer acknowledged.
                committed += rng.nextBoolean() ? polled.size() - committed : rng.nextInt(polled.size() - committed + 1);
                driver.commit(polled.subList(0, committed));
                commits++;
                midPass += committed > 0 && polled.get(committed - 1).sourceOffset()
                    .containsKey(OFFSET_PASS_SNAPSHOT) ? 1 : 0;
            }
        }

        void pollFor(Duration duration) throws InterruptedException {
            Instant end = Instant.now().plus(duration);
            while (Instant.now().isBefore(end)) {
                poll();
            }
        }
    }

    /** Kills every session of the connector, where it has some: the database read and, for a follower, its primary. */
    private void terminateConnectorBackends(Mode mode) throws SQLException {
        List<PostgresFixture> servers = mode == Mode.FOLLOWER
            ? List.of(follower().standby(), follower().primary()) : List.of(SharedServices.postgres());
        for (PostgresFixture server : servers) {
            try (Connection conn = server.superuser(); Statement st = conn.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name LIKE 'kafka-connect-heroku-postgres%' AND pid <> pg_backend_pid()");
            }
        }
    }

    @Override
    public synchronized void close() {
        if (follower != null) {
            follower.close();
            follower = null;
        }
    }
}
