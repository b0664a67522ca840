/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The read throughput of one table (the default scenario): the benchmark table ({@link BenchTable}) read whole by
 * PgJDBC's {@code COPY … (FORMAT binary)} and by the task's initial load of each method, every round of every
 * reader in a fresh JVM ({@link BenchRound}); medians, ranges, ratios to COPY, heap and time to first record
 * ({@link BenchReport}); with {@code -Dbench.jfr=true}, also the hot methods of the task rounds
 * ({@link JfrHotMethods}).
 */
final class ThroughputScenario implements Scenario {
    static final String NAME = "throughput";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Throughput: one table read whole, next to COPY (FORMAT binary)";
    }

    @Override
    public String run(BenchContext context) throws Exception {
        BenchOptions options = context.options();
        BenchTable.Stats stats;
        try (Connection conn = context.open()) {
            stats = BenchTable.prepare(conn, options.table(), options.rows(), context.out());
        }
        String loadBefore = Machine.loadAverage();
        List<BenchReport.Round> rounds = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            // Each round starts one reader later: a reader that follows COPY's sequential scan (whose small ring
            // of buffers leaves the server's cache to others) pays for loading the primary-key index, so a fixed
            // order would charge that to the same reader every round.
            List<String> kinds = new ArrayList<>(options.kinds());
            Collections.rotate(kinds, -(round - 1));
            for (String kind : kinds) {
                rounds.add(fork(context, kind, round));
            }
        }
        String report = BenchReport.render(options, stats, rounds) + Machine.line(loadBefore, Machine.loadAverage());
        if (options.jfr()) {
            String hot = JfrHotMethods.render(options.methods(), options.dir(), options.rounds());
            context.out().print(hot);
            Files.writeString(options.dir().resolve("hot-methods.txt"), hot);
        }
        return report;
    }

    /** Runs one round of one reader in a fresh JVM. */
    private static BenchReport.Round fork(BenchContext context, String kind, int round)
        throws IOException, InterruptedException {
        BenchOptions options = context.options();
        String name = kind.toLowerCase(Locale.ROOT) + "-r" + round;
        List<String> jvm = new ArrayList<>();
        if (!BenchOptions.COPY.equals(kind)) {
            options.xmx().ifPresent(xmx -> jvm.add("-Xmx" + xmx));
            if (options.jfr()) {
                jvm.add("-XX:StartFlightRecording=filename=" + JfrHotMethods.recording(options.dir(), kind, round)
                    + ",settings=profile,dumponexit=true");
            }
        }
        jvm.add("-Dbench.rows=" + options.rows());
        jvm.add("-Dbench.batch=" + options.batch());
        jvm.add("-Dbench.table=" + options.table());
        context.out().printf("-- round %d: %-11s ", round, kind);
        BenchReport.Round r = BenchReport.Round.from(BenchFork.run(context, name, jvm, BenchRound.class,
            List.of(kind, Integer.toString(round), context.connectionFile().toString(),
                BenchFork.result(context, name).toString())));
        context.out().printf("%,12.0f rows/s  first record %,6d ms  peak heap %,5d MB  after GC %,4d MB%n", r.rate(),
            r.firstMillis(), r.peakHeap() >> 20, r.retainedHeap() >> 20);
        return r;
    }
}
