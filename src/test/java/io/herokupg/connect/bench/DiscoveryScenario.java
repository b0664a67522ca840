/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Discovery and assignment of many tables (target: 10,000 tables in at most 5 s): a real
 * {@code HerokuPostgresSourceConnector}'s {@code validate()} (with its live checks), {@code start()} and
 * {@code taskConfigs()}, timed apart, in a fresh JVM per round ({@link DiscoveryRound}), selecting the
 * {@code bench.discovery.tables} small tables of schema {@value #SCHEMA} ({@link SmallTables}, one row each).
 */
final class DiscoveryScenario implements Scenario {
    static final String NAME = "discovery";
    static final String SCHEMA = "bench_many";
    static final double TARGET_SECONDS = 5;

    /** The scenario's settings. */
    record Settings(int tables, int tasks, String method) {
        static Settings fromSystemProperties() {
            return new Settings((int) BenchOptions.number("bench.discovery.tables", 10_000),
                (int) BenchOptions.number("bench.discovery.tasks", 8),
                BenchOptions.string("bench.discovery.method", "FULL_TABLE").toUpperCase(Locale.ROOT));
        }
    }

    private final Settings settings = Settings.fromSystemProperties();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return String.format(Locale.ROOT, "Discovery and assignment of %,d tables (target: at most %.0f s for"
            + " 10,000)", settings.tables(), TARGET_SECONDS);
    }

    @Override
    public String run(BenchContext context) throws Exception {
        long relations;
        try (Connection conn = context.open()) {
            SmallTables.prepare(conn, SCHEMA, settings.tables(), 1, context.out());
            relations = SmallTables.count(conn, SCHEMA);
        }
        String loadBefore = Machine.loadAverage();
        List<Map<String, String>> rounds = BenchFork.rounds(context, "discovery", DiscoveryRound.class, r -> {
            context.out().printf("   validate %,6.0f ms  start %,6.0f ms  taskConfigs %,5.0f ms  total %,6.0f ms;"
                + " %,d tables in %d tasks%n", Figures.millis(r, "validateNanos"), Figures.millis(r, "startNanos"),
                Figures.millis(r, "taskConfigsNanos"), total(r), Figures.number(r, "assigned"),
                Figures.number(r, "tasks"));
        });
        return render(rounds, relations) + Machine.line(loadBefore, Machine.loadAverage());
    }

    private static double total(Map<String, String> r) {
        return Figures.millis(r, "validateNanos") + Figures.millis(r, "startNanos")
            + Figures.millis(r, "taskConfigsNanos");
    }

    private String render(List<Map<String, String>> rounds, long tables) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Schema %s: %,d tables (id bigint PRIMARY KEY, text, numeric,"
            + " jsonb, timestamptz indexed; 1 row each); `table.include.list=%s\\..*`, `replication.method=%s`,"
            + " `taskConfigs(%d)`; %d round(s), each in a fresh JVM (classes loaded and JIT cold, as on a worker's"
            + " first call).%n%n", SCHEMA, tables, SCHEMA, settings.method(), settings.tasks(), rounds.size()));
        out.append("| Step | median | min – max | rounds |\n|---|---:|---:|---|\n");
        row(out, "`validate()` (config checks and live checks)", rounds, r -> Figures.millis(r, "validateNanos"));
        row(out, "`start()` (live checks, discovery)", rounds, r -> Figures.millis(r, "startNanos"));
        row(out, "`taskConfigs(" + settings.tasks() + ")` (assignment)", rounds,
            r -> Figures.millis(r, "taskConfigsNanos"));
        row(out, "total", rounds, DiscoveryScenario::total);
        double median = Distribution.of(rounds.stream().mapToDouble(DiscoveryScenario::total).toArray()).median();
        out.append(String.format(Locale.ROOT, "%nTotal (median) %.2f s against the target of %.0f s for 10,000"
            + " tables: %s.%n", median / 1000, TARGET_SECONDS, median / 1000 <= TARGET_SECONDS
            ? "within it" : "NOT met"));
        for (Map<String, String> r : rounds) {
            long assigned = Figures.number(r, "assigned");
            out.append(String.format(Locale.ROOT, "Round %s: %,d of %,d tables assigned, to %d task(s)%s.%n",
                r.get("round"), assigned, tables, Figures.number(r, "tasks"),
                assigned == tables && Figures.number(r, "distinct") == tables ? "" : " — WARNING: not every table"
                    + " exactly once"));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String step, List<Map<String, String>> rounds,
                            ToDoubleFunction<Map<String, String>> millis) {
        Distribution d = Distribution.of(rounds.stream().mapToDouble(millis).toArray());
        StringBuilder each = new StringBuilder();
        rounds.forEach(r -> each.append(each.length() > 0 ? ", " : "")
            .append(String.format(Locale.ROOT, "%,.0f", millis.applyAsDouble(r))));
        out.append(String.format(Locale.ROOT, "| %s | %,.0f ms | %,.0f – %,.0f ms | %s |%n", step, d.median(),
            d.min(), d.max(), each));
    }
}
