/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.herokupg.connect.BenchTasks;
import io.herokupg.connect.HerokuPostgresSourceTask;
import io.herokupg.connect.testing.FakeSourceTaskContext;

/**
 * One round of the many-tables scenario, in a JVM of its own: a real task assigned every table of the scenario's
 * schema reads them all (the first passes), then, after one row was inserted in every table and the task's clock
 * moved forward by the poll interval (so that every table's next pass is due at once), reads until every table
 * returned its new row and ended its pass. Arguments: connection properties file, result file, round number.
 */
public final class ManyTablesRound {
    static final String CONNECTOR = "bench-many";
    private static final Duration TIMEOUT = Duration.ofMinutes(Long.getLong("bench.timeout.minutes", 60));
    private static final long PROGRESS_NANOS = 5_000_000_000L;
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private final ManyTablesScenario.Settings settings;
    private final Connection conn;
    private final Map<String, String> config;
    private final Figures figures;

    private ManyTablesRound(ManyTablesScenario.Settings settings, Connection conn, Map<String, String> config,
                            Figures figures) {
        this.settings = settings;
        this.conn = conn;
        this.config = config;
        this.figures = figures;
    }

    public static void main(String[] args) throws Exception {
        ManyTablesScenario.Settings settings = ManyTablesScenario.Settings.fromSystemProperties();
        Map<String, String> connection = BenchRound.readProperties(Path.of(args[0]));
        Figures figures = new Figures().put("round", args[2]);
        try (Connection conn = BenchRound.open(connection)) {
            // Rows a previous (interrupted) round inserted.
            SmallTables.deleteAbove(conn, ManyTablesScenario.SCHEMA, settings.tables(), settings.rows());
            new ManyTablesRound(settings, conn, taskConfig(connection, settings), figures).run();
            SmallTables.deleteAbove(conn, ManyTablesScenario.SCHEMA, settings.tables(), settings.rows());
        }
        figures.write(Path.of(args[1]));
        System.exit(0);
    }

    static Map<String, String> taskConfig(Map<String, String> connection, ManyTablesScenario.Settings settings) {
        Map<String, String> config = new HashMap<>(connection);
        config.put("name", CONNECTOR);
        config.put("topic.prefix", "bench");
        config.put("task.assignment", SmallTables.assignment(ManyTablesScenario.SCHEMA, settings.tables()));
        config.put("task.index", "0");
        config.put("poll.interval.ms", Long.toString(settings.intervalMs()));
        config.put("batch.max.rows", Long.toString(BenchOptions.number("bench.batch", 2000)));
        config.put("replication.method", settings.method());
        if ("INCREMENTAL".equals(settings.method())) {
            config.put("replication.key", "updated_at");
        }
        return config;
    }

    private void run() throws Exception {
        int tables = settings.tables();
        OffsetClock clock = new OffsetClock();
        HerokuPostgresSourceTask task = BenchTasks.withClock(clock);
        task.initialize(new FakeSourceTaskContext(config));
        TaskMetrics metrics = new TaskMetrics(CONNECTOR, 0);
        RecordTally tally = new RecordTally();
        long started = System.nanoTime();
        task.start(config);
        long expected = (long) tables * settings.rows();
        pollUntil(task, tally, metrics, started, "first passes",
            () -> tally.records() >= expected && metrics.passes() >= tables);
        figures.put("initialNanos", System.nanoTime() - started).put("initialRecords", tally.records())
            .put("initialPasses", metrics.passes());

        long passesBefore = metrics.passes();
        long recordsBefore = tally.records();
        SmallTables.insertOne(conn, ManyTablesScenario.SCHEMA, tables, settings.rows() + 1);
        clock.advance(Duration.ofMillis(settings.intervalMs()));
        long due = System.nanoTime();
        tally.watchAbove(settings.rows(), due);
        pollUntil(task, tally, metrics, due, "next passes",
            () -> tally.tablesAbove() >= tables && metrics.passes() - passesBefore >= tables);
        long next = System.nanoTime() - due;
        Distribution arrivals = Distribution.of(tally.arrivals());
        figures.put("nextNanos", next).put("nextRecords", tally.records() - recordsBefore)
            .put("nextPasses", metrics.passes() - passesBefore).put("newRows", tally.above())
            .put("tablesWithNewRow", tally.tablesAbove()).put("firstNewNanos", (long) arrivals.min())
            .put("medianNewNanos", (long) arrivals.median()).put("lastNewNanos", (long) arrivals.max());
        task.stop();
    }

    /** Polls until the condition holds, printing progress; fails after the timeout. */
    private void pollUntil(HerokuPostgresSourceTask task, RecordTally tally, TaskMetrics metrics, long since,
                           String what, BooleanSupplier done) throws InterruptedException {
        long nextProgress = since + PROGRESS_NANOS;
        while (!done.getAsBoolean()) {
            tally.add(task.poll());
            long now = System.nanoTime();
            if (now >= nextProgress) {
                nextProgress = now + PROGRESS_NANOS;
                OUT.printf("%s%s: %,d records, %,d passes, %,d of %d tables with their new row after %d s%n",
                    BenchFork.PROGRESS, what, tally.records(), metrics.passes(), tally.tablesAbove(),
                    settings.tables(), (now - since) / 1_000_000_000L);
            }
            if (now - since > TIMEOUT.toNanos()) {
                throw new IllegalStateException(what + " not done after " + TIMEOUT + ": " + tally.records()
                    + " records, " + metrics.passes() + " passes");
            }
        }
    }
}
