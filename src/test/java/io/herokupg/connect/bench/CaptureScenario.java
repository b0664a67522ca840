/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.nio.file.Files;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Change capture (issue 14), its two costs, each next to a baseline measured in the same round:
 * <ul>
 *   <li><b>write</b>: transactions/s of a mix of single-row INSERT, UPDATE and DELETE transactions from
 *       {@code bench.capture.clients} connections on {@value #WRITE_TABLE} ({@link BenchTable},
 *       {@code bench.capture.write.rows} rows), with the capture triggers and without them, in alternating phases of
 *       {@code bench.capture.seconds} s ({@link CaptureWriteRound}); and the log's and WAL's bytes per change;</li>
 *   <li><b>read</b>: rows/s of a CAPTURE pass over {@code bench.capture.changed} updated rows of {@value #READ_TABLE}
 *       ({@code bench.capture.rows} rows), next to an XMIN pass over the same changed rows and to both methods' first
 *       pass (the load of the whole table), with both passes' queries explained ({@link CaptureReadRound}).</li>
 * </ul>
 * A fresh JVM per round of each part.
 */
final class CaptureScenario implements Scenario {
    static final String NAME = "capture";
    static final String WRITE_TABLE = "bench_capture_writes";
    static final String READ_TABLE = "bench_capture";
    /** The log's schema: the default of {@code capture.schema}. */
    static final String SCHEMA = "herokupg_capture";

    /** The scenario's settings. */
    record Settings(List<String> parts, long rows, long changed, long writeRows, int clients, int seconds,
                    int phases) {
        static Settings fromSystemProperties() {
            long rows = BenchOptions.number("bench.capture.rows", 1_000_000);
            return new Settings(BenchOptions.list("bench.capture.parts", "write,read").stream()
                    .map(s -> s.toLowerCase(Locale.ROOT)).toList(),
                rows, Math.min(rows, BenchOptions.number("bench.capture.changed", rows)),
                BenchOptions.number("bench.capture.write.rows", 100_000),
                (int) BenchOptions.number("bench.capture.clients", 4),
                (int) BenchOptions.number("bench.capture.seconds", 10),
                (int) BenchOptions.number("bench.capture.phases", 3));
        }

        boolean writes() {
            return parts.contains("write");
        }

        boolean reads() {
            return parts.contains("read");
        }
    }

    private final Settings settings = Settings.fromSystemProperties();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Change capture (issue 14): write overhead of the triggers, and a CAPTURE pass's read rate";
    }

    @Override
    public String run(BenchContext context) throws Exception {
        StringBuilder out = new StringBuilder();
        if (settings.writes()) {
            out.append(writes(context));
        }
        if (settings.reads()) {
            out.append(out.length() > 0 ? "\n" : "").append(reads(context));
        }
        return out.toString();
    }

    private String writes(BenchContext context) throws Exception {
        BenchTable.Stats stats;
        try (Connection conn = context.open()) {
            // Rows an earlier (interrupted) round inserted, so that the table keeps its size and is not refilled.
            CaptureWriteRound.reset(conn, settings.writeRows());
            stats = BenchTable.prepare(conn, WRITE_TABLE, settings.writeRows(), context.out());
        }
        String loadBefore = Machine.loadAverage();
        List<Map<String, String>> rounds = BenchFork.rounds(context, "capture-write", CaptureWriteRound.class, r ->
            context.out().printf("   with triggers %s tps, without %s tps: ratio %.3f%n",
                CaptureReport.tps(r, "with"), CaptureReport.tps(r, "without"), CaptureReport.writeRatio(r)));
        return new CaptureReport(settings, rounds).writes(stats) + Machine.line(loadBefore, Machine.loadAverage());
    }

    private String reads(BenchContext context) throws Exception {
        BenchTable.Stats stats;
        try (Connection conn = context.open()) {
            stats = BenchTable.prepare(conn, READ_TABLE, settings.rows(), context.out());
        }
        String loadBefore = Machine.loadAverage();
        List<Map<String, String>> rounds = BenchFork.rounds(context, "capture-read", CaptureReadRound.class, r ->
            context.out().printf("   CAPTURE pass %,.0f rows/s, XMIN pass %,.0f rows/s (ratio %.3f); first passes:"
                + " CAPTURE %,.0f rows/s, XMIN %,.0f rows/s%n", CaptureReport.rate(r, "capturePass"),
                CaptureReport.rate(r, "xminPass"), CaptureReport.readRatio(r), CaptureReport.rate(r, "captureLoad"),
                CaptureReport.rate(r, "xminLoad")));
        String report = new CaptureReport(settings, rounds).reads(stats) + Machine.line(loadBefore,
            Machine.loadAverage());
        if (context.options().jfr()) {
            String hot = CaptureReadRound.hotMethods(context, rounds);
            context.out().print(hot);
            Files.writeString(context.dir().resolve("capture-hot-methods.txt"), hot);
        }
        return report;
    }
}
