/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scale-out baseline (issue 16): one table of {@code bench.scale.rows} rows ({@link BenchTable}) through a real
 * broker and worker, read by the connector's FULL_TABLE initial load with {@code tasks.max} 1, 2 and 4
 * ({@code bench.scale.tasks}), next to the worker's ceiling ({@link SyntheticSourceConnector}, the same records
 * without a database, its rows split across its tasks) and Debezium's PostgreSQL connector's snapshot of the same
 * table. Each measurement is a fresh JVM with its own broker and worker ({@link ScaleOutRound}); rows/s from the
 * connector's creation until a consumer read every row. Needs {@code wal_level=logical} for Debezium: {@link Bench}
 * starts the embedded server so when this scenario is selected.
 */
final class ScaleOutScenario implements Scenario {
    static final String NAME = "scale-out";
    static final String TABLE = "bench_scale";

    /** The scenario's settings. */
    record Settings(long rows, List<Integer> tasks, List<String> kinds, int partitions, Path debeziumPluginPath) {
        static Settings fromSystemProperties() {
            return new Settings(BenchOptions.number("bench.scale.rows", 2_000_000),
                BenchOptions.list("bench.scale.tasks", "1,2,4").stream().map(Integer::valueOf).toList(),
                BenchOptions.list("bench.scale.kinds", "ours,synthetic,debezium").stream()
                    .map(s -> s.toLowerCase(Locale.ROOT)).toList(),
                (int) BenchOptions.number("bench.scale.partitions", 1),
                Path.of(BenchOptions.string("bench.scale.debezium.dir", "target/debezium-plugin")).toAbsolutePath());
        }
    }

    private final Settings settings = Settings.fromSystemProperties();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Scale-out baseline (issue 16): one table, tasks.max 1, 2, 4, next to the worker's ceiling and Debezium";
    }

    @Override
    public String run(BenchContext context) throws Exception {
        BenchTable.Stats stats;
        try (Connection conn = context.open()) {
            stats = BenchTable.prepare(conn, TABLE, settings.rows(), context.out());
        }
        Path sample = context.dir().resolve("scale-out-sample.jsonl");
        Files.deleteIfExists(sample);
        String loadBefore = Machine.loadAverage();
        List<Map<String, String>> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int round = 1; round <= context.options().rounds(); round++) {
            for (String kind : settings.kinds()) {
                for (int tasks : ScaleOutConfigs.DEBEZIUM.equals(kind) ? List.of(1) : settings.tasks()) {
                    String name = "scale-out-" + kind + "-t" + tasks + "-r" + round;
                    context.out().printf("-- round %d: %s, tasks.max=%d%n", round, kind, tasks);
                    try {
                        results.add(BenchFork.run(context, name, ScaleOutRound.class, List.of(
                            context.connectionFile().toString(), BenchFork.result(context, name).toString(), kind,
                            Integer.toString(tasks), Integer.toString(round), sample.toString())));
                    } catch (IllegalStateException e) {
                        if (!ScaleOutConfigs.DEBEZIUM.equals(kind)) {
                            throw e;
                        }
                        // Debezium's failure is a finding to report, not the end of the scenario.
                        failures.add(errors(context.dir().resolve(name + ".log")));
                    }
                }
            }
        }
        return new ScaleOutReport(settings, stats, context.options().batch(), results, failures).render()
            + Machine.line(loadBefore, Machine.loadAverage());
    }

    /** The error lines of a failed round's log (the first few), or its last line. */
    private static String errors(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<String> errors = lines.stream().filter(l -> l.contains("ERROR") || l.contains("Exception")
            || l.contains("Error:")).limit(6).toList();
        return String.join("\n", errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 3), lines.size())
            : errors) + "\n(" + log + ")";
    }
}
