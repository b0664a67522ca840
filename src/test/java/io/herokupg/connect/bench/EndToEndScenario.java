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
 * End to end through a real worker, broker and JsonConverter (no target yet: the figures are published): rows/s of
 * an initial load of {@value #TABLE} ({@link BenchTable}, {@code bench.e2e.rows} rows) from the connector's creation
 * until a consumer read every row, and the latency from a row's COMMIT to its arrival at a consumer for rows written
 * at a steady rate and replicated INCREMENTAL at {@code poll.interval.ms=1000} ({@link EndToEndRound}, a fresh JVM
 * with its own broker and worker per round).
 */
final class EndToEndScenario implements Scenario {
    static final String NAME = "end-to-end";
    static final String TABLE = "bench_e2e";

    /** The scenario's settings. */
    record Settings(long rows, String method, long intervalMs, int rate, int seconds) {
        static Settings fromSystemProperties() {
            return new Settings(BenchOptions.number("bench.e2e.rows", 1_000_000),
                BenchOptions.string("bench.e2e.method", "FULL_TABLE").toUpperCase(Locale.ROOT),
                BenchOptions.number("bench.e2e.interval.ms", 1000),
                (int) BenchOptions.number("bench.e2e.rate", 50),
                (int) BenchOptions.number("bench.e2e.seconds", 60));
        }
    }

    private final Settings settings = Settings.fromSystemProperties();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "End to end through a real worker, broker and JsonConverter: rows/s and commit-to-Kafka latency"
            + " (no target yet)";
    }

    @Override
    public String run(BenchContext context) throws Exception {
        BenchTable.Stats stats;
        try (Connection conn = context.open()) {
            stats = BenchTable.prepare(conn, TABLE, settings.rows(), context.out());
        }
        String loadBefore = Machine.loadAverage();
        List<Map<String, String>> rounds = BenchFork.rounds(context, "end-to-end", EndToEndRound.class, r -> {
            Distribution latency = Distribution.of(Figures.numbers(r, "latencyMs"));
            context.out().printf("   %,.0f rows/s; latency p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms"
                + " (%,d of %,d rows)%n", EndToEndReport.rate(r), latency.median(), latency.percentile(99),
                latency.max(), Figures.number(r, "arrived"), Figures.number(r, "written"));
        });
        return new EndToEndReport(settings, stats, context.options().batch(), rounds).render()
            + Machine.line(loadBefore, Machine.loadAverage());
    }
}
