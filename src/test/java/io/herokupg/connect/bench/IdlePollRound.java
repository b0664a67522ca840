/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.herokupg.connect.HerokuPostgresSourceTask;
import io.herokupg.connect.testing.FakeSourceTaskContext;

/**
 * One round of the idle-poll scenario, in a JVM of its own: a real task replicating the scenario's table
 * INCREMENTAL on {@code updated_at} reads it whole (the initial load), then runs passes that find nothing; each
 * idle pass is timed as the task runs it (the {@code poll()} calls that ran it, told apart by the table's metrics),
 * and the exact query of the last one is explained ({@link Explain}) {@value #EXPLAINS} times. Arguments:
 * connection properties file, result file, round number.
 */
public final class IdlePollRound {
    static final String CONNECTOR = "bench-idle";
    static final int EXPLAINS = 5;
    /** Idle passes run before the measured ones: the first pass after the initial load re-reads from its mark. */
    static final int WARM_UP = 2;
    private static final long PROGRESS_NANOS = 10_000_000_000L;
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private final HerokuPostgresSourceTask task = new HerokuPostgresSourceTask();
    private final TaskMetrics metrics = new TaskMetrics(CONNECTOR, 0);
    private final String table = "public." + IdlePollScenario.TABLE;
    private final Figures figures;
    private long extraRows;
    private long multiPollPasses;

    private IdlePollRound(Figures figures) {
        this.figures = figures;
    }

    public static void main(String[] args) throws Exception {
        IdlePollScenario.Settings settings = IdlePollScenario.Settings.fromSystemProperties();
        Map<String, String> connection = BenchRound.readProperties(Path.of(args[0]));
        Figures figures = new Figures().put("round", args[2]);
        new IdlePollRound(figures).run(connection, settings);
        figures.write(Path.of(args[1]));
        System.exit(0);
    }

    private void run(Map<String, String> connection, IdlePollScenario.Settings settings) throws Exception {
        Map<String, String> config = new HashMap<>(connection);
        config.put("name", CONNECTOR);
        config.put("topic.prefix", "bench");
        config.put("task.assignment", table);
        config.put("task.index", "0");
        config.put("replication.method", "INCREMENTAL");
        config.put("replication.key", "updated_at");
        config.put("poll.interval.ms", Long.toString(settings.intervalMs()));
        config.put("batch.max.rows", Long.toString(BenchOptions.number("bench.batch", 2000)));
        task.initialize(new FakeSourceTaskContext(config));
        task.start(config);
        initialLoad(settings.rows());
        figures.put("warmUpNanos", join(idlePasses(WARM_UP)));
        figures.put("passNanos", join(idlePasses(settings.passes())));
        String sql;
        try (QueryCapture capture = QueryCapture.begin()) {
            idlePasses(1);
            sql = capture.last().orElseThrow(() -> new IllegalStateException("no query logged by "
                + QueryCapture.LOGGER));
        }
        figures.put("extraRows", extraRows).put("multiPollPasses", multiPollPasses);
        task.stop();
        explain(connection, sql);
    }

    /** Polls until the whole table was read and the first pass ended, printing progress. */
    private void initialLoad(long rows) throws InterruptedException {
        long started = System.nanoTime();
        long nextProgress = started + PROGRESS_NANOS;
        long count = 0;
        while (count < rows || metrics.passes(table) < 1) {
            List<?> batch = task.poll();
            count += batch == null ? 0 : batch.size();
            long now = System.nanoTime();
            if (now >= nextProgress) {
                nextProgress = now + PROGRESS_NANOS;
                OUT.printf("%sinitial load: %,d of %,d rows after %d s%n", BenchFork.PROGRESS, count, rows,
                    (now - started) / 1_000_000_000L);
            }
        }
        long elapsed = System.nanoTime() - started;
        OUT.printf("%sinitial load: %,d rows in %,d ms%n", BenchFork.PROGRESS, count, elapsed / 1_000_000);
        figures.put("initialNanos", elapsed).put("initialRecords", count);
    }

    /**
     * Runs {@code count} more passes; returns the time of each, as the sum of the {@code poll()} calls that ran it
     * (a poll that only waited for the next pass to be due is left out). A pass of more than one poll is counted
     * in {@code multiPollPasses}.
     */
    private List<Long> idlePasses(int count) throws InterruptedException {
        List<Long> times = new ArrayList<>(count);
        long done = metrics.passes(table);
        long passNanos = 0;
        int polls = 0;
        while (times.size() < count) {
            long started = System.nanoTime();
            List<?> batch = task.poll();
            long elapsed = System.nanoTime() - started;
            extraRows += batch == null ? 0 : batch.size();
            long passes = metrics.passes(table);
            if (passes > done) {
                times.add(passNanos + elapsed);
                multiPollPasses += polls > 0 ? 1 : 0;
                done = passes;
                passNanos = 0;
                polls = 0;
            } else if ("INCREMENTAL".equals(metrics.state(table))) {
                passNanos += elapsed;
                polls++;
            }
        }
        return times;
    }

    private void explain(Map<String, String> connection, String sql) throws Exception {
        List<Explain> runs = new ArrayList<>();
        try (Connection conn = BenchRound.open(connection)) {
            for (int i = 0; i < EXPLAINS; i++) {
                runs.add(Explain.of(conn, sql));
            }
        }
        figures.put("query", sql)
            .put("plan", String.join("\n", runs.get(runs.size() - 1).plan()))
            .put("explainPlanningMs", runs.stream().map(e -> Double.toString(e.planningMs()))
                .collect(Collectors.joining(",")))
            .put("explainExecutionMs", runs.stream().map(e -> Double.toString(e.executionMs()))
                .collect(Collectors.joining(",")));
    }

    private static String join(List<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
