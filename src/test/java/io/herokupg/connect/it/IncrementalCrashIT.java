/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.testing.ChangeWriters;
import io.herokupg.connect.testing.ChangeWriters.Version;
import io.herokupg.connect.testing.CrashTrials;
import io.herokupg.connect.testing.CrashTrials.Mode;
import io.herokupg.connect.testing.CrashTrials.Outcome;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.TaskDriver;

/**
 * Restarts resume exactly: the seeded {@link CrashTrials} of INCREMENTAL and XMIN, with {@link ChangeWriters} that
 * insert and update rows and commit late. The records of the committed prefixes, followed by a final run, are the
 * stream a consumer keeps: it must hold every row, no row version twice, and each row's latest version last (for
 * INCREMENTAL, whose writers here also update rows without moving their key, the version with the row's current key).
 *
 * <p>Each method runs where Heroku users run it: on a primary with the default credential, on a follower (writers on
 * the primary, the connector reading a real hot standby with {@code database.primary.url}), and as a least-privilege
 * credential that cannot see the writers' sessions. {@code mvn verify} runs {@value CrashTrials#DEFAULT_SEEDS} seeds
 * of each; {@code -Dcrash.seeds=20} runs twenty, {@code -Dcrash.seed=N} starts from seed N (replays it), and
 * {@code -Dcrash.mode=follower} (primary, least_privilege) runs one mode.
 */
class IncrementalCrashIT {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalCrashIT.class);
    private static final int INITIAL_ROWS = 300;
    private static final int WRITERS = 3;
    private static final CrashTrials TRIALS = new CrashTrials();

    static Stream<Arguments> cases() {
        return CrashTrials.modes().flatMap(m -> Stream.of(Arguments.of("INCREMENTAL", m), Arguments.of("XMIN", m)));
    }

    @AfterAll
    static void stopFollower() {
        TRIALS.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void restartsResumeExactly(String method, Mode mode) throws Exception {
        for (long seed : CrashTrials.seeds()) {
            runTrials(method, mode, seed);
        }
    }

    private void runTrials(String method, Mode mode, long seed) throws Exception {
        String table = "crash_" + method.toLowerCase(Locale.ROOT) + "_" + mode.lowerCase();
        String context = CrashTrials.context(method, mode, seed);
        PostgresFixture writerDb = TRIALS.writerDb(mode);
        ChangeWriters.createTable(writerDb, table, INITIAL_ROWS);
        TRIALS.replayed(mode);
        Random rng = new Random(seed);
        TaskDriver driver = TRIALS.driver(mode, table, settings(method));
        Outcome outcome;
        boolean incremental = method.equals("INCREMENTAL");
        int lateCommits;
        try (ChangeWriters writers = ChangeWriters.start(writerDb, table, WRITERS, seed, incremental)) {
            outcome = TRIALS.trials(driver, mode, rng, context);
            lateCommits = writers.lateCommits();
            LOG.info("{}: writers committed {} transactions ({} late, {} updates)", context, writers.committed(),
                lateCommits, writers.updates());
        }
        TRIALS.finish(driver, context, outcome);
        driver.stop();

        check(context, ChangeWriters.versions(writerDb, table), outcome, incremental);
        assertThat(lateCommits).as(context + ": transactions that committed late").isGreaterThan(2);
        assertThat(outcome.midPassCommits).as(context + ": commits of an offset in the middle of a pass")
            .isGreaterThanOrEqualTo(CrashTrials.TRIALS / 6);
    }

    private static Map<String, String> settings(String method) {
        Map<String, String> settings = new HashMap<>(Map.of("replication.method", method, "poll.interval.ms", "50"));
        if (method.equals("INCREMENTAL")) {
            settings.put("replication.key", "updated_at");
            // No allowance for application clocks: the writers use now(), and a bound that lags would hide misses.
            settings.put("replication.key.clock.skew.ms", "0");
        }
        return settings;
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
}
