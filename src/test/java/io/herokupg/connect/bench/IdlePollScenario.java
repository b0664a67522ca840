/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An idle INCREMENTAL pass costs at most 2 ms of database time on a 10M-row table: the {@code bench.idle.rows}
 * rows of {@value #TABLE} ({@link BenchTable}, {@code updated_at} indexed) read whole by a real task, then
 * {@code bench.idle.passes} passes that find nothing, each timed as the task ran it, and the exact query of an idle
 * pass explained with {@code EXPLAIN (ANALYZE, BUFFERS)} ({@link IdlePollRound}, a fresh JVM per round).
 */
final class IdlePollScenario implements Scenario {
    static final String NAME = "idle-poll";
    static final String TABLE = "bench_idle";
    static final double TARGET_MS = 2;

    /** The scenario's settings. */
    record Settings(long rows, int passes, long intervalMs) {
        static Settings fromSystemProperties() {
            return new Settings(BenchOptions.number("bench.idle.rows", 10_000_000),
                (int) BenchOptions.number("bench.idle.passes", 50),
                BenchOptions.number("bench.idle.interval.ms", 100));
        }
    }

    private final Settings settings = Settings.fromSystemProperties();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return String.format(Locale.ROOT, "Idle incremental poll on a %,d-row table: at most %.0f ms of database"
            + " time per table", settings.rows(), TARGET_MS);
    }

    @Override
    public String run(BenchContext context) throws Exception {
        BenchTable.Stats stats;
        try (Connection conn = context.open()) {
            stats = BenchTable.prepare(conn, TABLE, settings.rows(), context.out());
        }
        String loadBefore = Machine.loadAverage();
        List<Map<String, String>> rounds = BenchFork.rounds(context, "idle-poll", IdlePollRound.class, r -> {
            Distribution passes = Distribution.of(Figures.numbers(r, "passNanos"));
            Distribution execution = Distribution.of(Figures.numbers(r, "explainExecutionMs"));
            context.out().printf("   idle pass (task) median %.2f ms, p99 %.2f ms; EXPLAIN ANALYZE execution"
                + " median %.3f ms, planning %.3f ms%n", passes.median() / 1e6, passes.percentile(99) / 1e6,
                execution.median(), Distribution.of(Figures.numbers(r, "explainPlanningMs")).median());
        });
        return new IdlePollReport(settings, stats, rounds).render() + Machine.line(loadBefore, Machine.loadAverage());
    }
}
