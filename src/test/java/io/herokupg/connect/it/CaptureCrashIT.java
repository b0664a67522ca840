/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

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
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.capture.CaptureSql;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.testing.CaptureStream;
import io.herokupg.connect.testing.CaptureWriters;
import io.herokupg.connect.testing.CaptureWriters.Count;
import io.herokupg.connect.testing.CrashTrials;
import io.herokupg.connect.testing.CrashTrials.Mode;
import io.herokupg.connect.testing.CrashTrials.Outcome;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.ReadOnlyRole;
import io.herokupg.connect.testing.TaskDriver;

/**
 * CAPTURE through the seeded {@link CrashTrials} (stops, killed connections, killed tasks, prefixes committed while
 * the task runs, so that the log is pruned), with {@link CaptureWriters} that insert, update, delete, move keys,
 * resurrect deleted keys, use savepoints rolled back to, roll whole transactions back, commit late and now and then
 * TRUNCATE. The committed stream, followed by a final run, is what a consumer of the topic keeps:
 * {@link CaptureStream} checks that its compacted view equals the table, that each key's versions rise, and that
 * nothing comes twice but the first pass's rows its fence does not count as seen (counted and logged).
 *
 * <p>On the primary the task installs capture ({@code capture.setup=auto}) while the writers write; on a follower it
 * installs it on the primary, reads the standby and prunes on the primary ({@code database.primary.url}); as the
 * least-privilege role, the owner installs it ({@code capture.setup=manual}) granting the role what the README says.
 * Even seeds delete with tombstones, odd ones with {@code marker+tombstone}. {@code -Dcrash.seeds=20} runs twenty
 * seeds (see {@link CrashTrials} for the other properties).
 */
class CaptureCrashIT {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureCrashIT.class);
    private static final int INITIAL_ROWS = 300;
    private static final int WRITERS = 3;
    private static final CrashTrials TRIALS = new CrashTrials();

    static Stream<Mode> modes() {
        return CrashTrials.modes();
    }

    @AfterAll
    static void stopFollower() {
        TRIALS.close();
    }

    @ParameterizedTest(name = "CAPTURE {0}")
    @MethodSource("modes")
    void theConsumersStreamIsTheTableInCommitOrder(Mode mode) throws Exception {
        int reloaded = 0;
        for (long seed : CrashTrials.seeds()) {
            reloaded += runTrials(mode, seed);
        }
        LOG.info("CAPTURE {}: {} seeds, {} records repeated by the second pass (first-pass rows above its"
            + " watermark)", mode, CrashTrials.SEEDS, reloaded);
    }

    private int runTrials(Mode mode, long seed) throws Exception {
        String table = "crash_capture_" + mode.lowerCase();
        CaptureSql capture = new CaptureSql(table + "_log");
        String context = CrashTrials.context("CAPTURE", mode, seed);
        PostgresFixture writerDb = TRIALS.writerDb(mode);
        writerDb.execute(capture.uninstall());
        CaptureWriters.createTable(writerDb, table, INITIAL_ROWS);
        Map<String, String> settings = new HashMap<>(Map.of("replication.method", "CAPTURE", "poll.interval.ms", "50",
            "capture.schema", table + "_log", "capture.setup", mode == Mode.LEAST_PRIVILEGE ? "manual" : "auto",
            "capture.delete.handling", seed % 2 == 0 ? "tombstone" : "marker+tombstone"));
        if (mode == Mode.LEAST_PRIVILEGE) {
            ReadOnlyRole.create(writerDb);
            List<String> install = new ArrayList<>(capture.installLog(Optional.of(ReadOnlyRole.USER)));
            install.addAll(capture.installTable(new TableId("public", table), List.of("id")));
            writerDb.execute(install.toArray(String[]::new));
        }
        TRIALS.replayed(mode);
        TaskDriver driver = TRIALS.driver(mode, table, settings);
        Outcome outcome;
        String writes;
        int late;
        try (CaptureWriters writers = CaptureWriters.start(writerDb, table, WRITERS, seed)) {
            outcome = TRIALS.trials(driver, mode, new Random(seed), context);
            writes = writers.summary();
            late = writers.count(Count.LATE);
        }
        TRIALS.finish(driver, context, outcome);
        long left = prunedAfterTheLastCommit(driver, writerDb, capture, table, outcome);
        driver.stop();

        CaptureStream.Findings findings = CaptureStream.check(context, CaptureWriters.rows(writerDb, table),
            outcome.committed, outcome.emitted);
        LOG.info("{}: writers: {}; committed stream: {} records ({}), {} tombstones, {} repeated by the second pass",
            context, writes, findings.records(), findings.ops(), findings.tombstones(), findings.reloaded());
        assertThat(left).as(context + ": log entries of the table left once everything was committed").isZero();
        assertThat(late).as(context + ": transactions that committed late").isGreaterThan(2);
        assertThat(outcome.runningCommits).as(context + ": commits while a task ran (the log is pruned)")
            .isPositive();
        return findings.reloaded();
    }

    /**
     * Once the final run's records are committed, the task's next pass deletes every entry of the table from the log
     * (the writers have stopped, so its committed fence saw them all); returns how many are left after 30 s.
     */
    private static long prunedAfterTheLastCommit(TaskDriver driver, PostgresFixture writerDb, CaptureSql capture,
                                                 String table, Outcome outcome) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        long left;
        while ((left = logEntries(writerDb, capture, table)) > 0 && Instant.now().isBefore(deadline)) {
            List<SourceRecord> more = driver.pollFor(Duration.ofMillis(200));
            driver.commit(more);
            outcome.emitted.addAll(more);
            outcome.committed.addAll(more);
        }
        return left;
    }

    private static long logEntries(PostgresFixture db, CaptureSql capture, String table) throws SQLException {
        try (Connection conn = db.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + capture.log() + " WHERE relid = '"
                 + table + "'::regclass")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
