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
 * A task with many small tables polls them all within one interval: a real task assigned the
 * {@code bench.many.tables} tables of schema {@value #SCHEMA} ({@link SmallTables}, {@code bench.many.rows} rows
 * each) reads them all once, then every table's next pass is made due at once and timed until every table returned
 * the row inserted since ({@link ManyTablesRound}, a fresh JVM per round).
 */
final class ManyTablesScenario implements Scenario {
    static final String NAME = "many-tables";
    static final String SCHEMA = "bench_small";

    /** The scenario's settings. */
    record Settings(int tables, int rows, long intervalMs, String method) {
        static Settings fromSystemProperties() {
            return new Settings((int) BenchOptions.number("bench.many.tables", 1000),
                (int) BenchOptions.number("bench.many.rows", 100),
                BenchOptions.number("bench.many.interval.ms", 60_000),
                BenchOptions.string("bench.many.method", "INCREMENTAL").toUpperCase(Locale.ROOT));
        }
    }

    private final Settings settings = Settings.fromSystemProperties();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return String.format(Locale.ROOT, "A task with %,d small tables polls them all within one interval",
            settings.tables());
    }

    @Override
    public String run(BenchContext context) throws Exception {
        try (Connection conn = context.open()) {
            SmallTables.prepare(conn, SCHEMA, settings.tables(), settings.rows(), context.out());
        }
        String loadBefore = Machine.loadAverage();
        List<Map<String, String>> rounds = BenchFork.rounds(context, "many-tables", ManyTablesRound.class, r -> {
            context.out().printf("   first passes %,8.0f ms (%,d records); next passes, all due at once: %,8.0f ms"
                + " (%.3f of the interval), %,d new rows from %,d tables%n", Figures.millis(r, "initialNanos"),
                Figures.number(r, "initialRecords"), Figures.millis(r, "nextNanos"), ratio(r),
                Figures.number(r, "newRows"), Figures.number(r, "tablesWithNewRow"));
        });
        return render(context, rounds) + Machine.line(loadBefore, Machine.loadAverage());
    }

    private double ratio(Map<String, String> r) {
        return Figures.millis(r, "nextNanos") / settings.intervalMs();
    }

    private String render(BenchContext context, List<Map<String, String>> rounds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Schema %s: %,d tables of %,d rows (id bigint PRIMARY KEY, text,"
            + " numeric, jsonb, timestamptz indexed). One real task assigned all of them (`task.connections.max`"
            + " 2, the default), `replication.method=%s`%s, `poll.interval.ms=%d`, `batch.max.rows=%d`; records"
            + " counted and dropped (no worker); %d round(s), each in a fresh JVM.%n%n", SCHEMA, settings.tables(),
            settings.rows(), settings.method(), "INCREMENTAL".equals(settings.method())
                ? " (`replication.key=updated_at`)" : "", settings.intervalMs(), context.options().batch(),
            rounds.size()));
        out.append("First passes: from `task.start()` until every table completed its first pass (the task's"
            + " `passes-total` metric) and every row arrived. Next passes: one row is then inserted in every table"
            + " and the task's clock moved forward by `poll.interval.ms` (a clock the benchmark controls, given to"
            + " the task's package-private constructor), so that every table's next pass is due at once; timed"
            + " from then until every table returned its new row and completed that pass.\n\n");
        out.append("| | median | min – max |\n|---|---:|---:|\n");
        row(out, "first passes (initial load of every table)", rounds, r -> Figures.millis(r, "initialNanos"));
        row(out, "next passes, all due at once: until every table's row arrived", rounds,
            r -> Figures.millis(r, "nextNanos"));
        row(out, "… first table's new row", rounds, r -> Figures.millis(r, "firstNewNanos"));
        row(out, "… half the tables' new rows", rounds, r -> Figures.millis(r, "medianNewNanos"));
        double ratio = Distribution.of(rounds.stream().mapToDouble(this::ratio).toArray()).median();
        out.append(String.format(Locale.ROOT, "%nNext passes of all %,d tables (median) took %.3f of the interval"
            + " (%,d ms): %s.%n", settings.tables(), ratio, settings.intervalMs(),
            ratio <= 1 ? "within one interval" : "NOT within one interval"));
        for (Map<String, String> r : rounds) {
            long newRows = Figures.number(r, "newRows");
            out.append(String.format(Locale.ROOT, "Round %s: first passes %,d records, %,d passes; next passes"
                + " %,d records, %,d passes, %,d new rows from %,d tables%s.%n", r.get("round"),
                Figures.number(r, "initialRecords"), Figures.number(r, "initialPasses"),
                Figures.number(r, "nextRecords"), Figures.number(r, "nextPasses"), newRows,
                Figures.number(r, "tablesWithNewRow"), newRows == settings.tables() ? ""
                    : " — WARNING: not one new row per table"));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String what, List<Map<String, String>> rounds,
                            ToDoubleFunction<Map<String, String>> millis) {
        Distribution d = Distribution.of(rounds.stream().mapToDouble(millis).toArray());
        out.append(String.format(Locale.ROOT, "| %s | %,.0f ms | %,.0f – %,.0f ms |%n", what, d.median(), d.min(),
            d.max()));
    }
}
