/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The capture scenario's section: the write part (transactions/s with and without the triggers, their ratio per round
 * and per adjacent pair of phases, WAL and log bytes) and the read part (a CAPTURE pass's rows/s next to an XMIN pass
 * over the same changed rows and to the first passes, the server's times of each pass's query, the plans).
 */
final class CaptureReport {
    private static final double MB = 1 << 20;

    private final CaptureScenario.Settings settings;
    private final List<Map<String, String>> rounds;

    CaptureReport(CaptureScenario.Settings settings, List<Map<String, String>> rounds) {
        this.settings = settings;
        this.rounds = rounds;
    }

    /** A side's transactions/s in a write round: the median of its phases. */
    static double tpsMedian(Map<String, String> r, String side) {
        return Distribution.of(Figures.numbers(r, side + "Tps")).median();
    }

    /** A side's transactions/s in a write round, as printed: the median (min – max of its phases). */
    static String tps(Map<String, String> r, String side) {
        Distribution d = Distribution.of(Figures.numbers(r, side + "Tps"));
        return String.format(Locale.ROOT, "%,.0f (%,.0f – %,.0f)", d.median(), d.min(), d.max());
    }

    /** With the triggers ÷ without, in a write round (medians of its phases). */
    static double writeRatio(Map<String, String> r) {
        return tpsMedian(r, "with") / tpsMedian(r, "without");
    }

    /** Each adjacent pair of phases' ratio (the i-th phase with the triggers and the i-th without alternate). */
    static List<Double> pairRatios(Map<String, String> r) {
        List<Double> with = Figures.numbers(r, "withTps");
        List<Double> without = Figures.numbers(r, "withoutTps");
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(with.size(), without.size()); i++) {
            ratios.add(with.get(i) / without.get(i));
        }
        return ratios;
    }

    /**
     * Rows/s of a read round's passes of one kind ({@code capturePass}, {@code xminPass}, {@code captureLoad}, …):
     * their records over their time, both summed over the round's passes of that kind.
     */
    static double rate(Map<String, String> r, String pass) {
        return total(Figures.numbers(r, pass + "Records")) * 1e9 / total(Figures.numbers(r, pass + "Nanos"));
    }

    /** The mean time of a read round's passes of one kind, in ms. */
    static double millis(Map<String, String> r, String pass) {
        List<Double> nanos = Figures.numbers(r, pass + "Nanos");
        return total(nanos) / nanos.size() / 1e6;
    }

    private static double total(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** A CAPTURE pass's rows/s ÷ an XMIN pass's over the same changed rows, in a read round. */
    static double readRatio(Map<String, String> r) {
        return rate(r, "capturePass") / rate(r, "xminPass");
    }

    String writes(BenchTable.Stats stats) {
        StringBuilder out = new StringBuilder();
        Map<String, String> first = rounds.get(0);
        out.append(String.format(Locale.ROOT, "**Write overhead.** Table public.%s: %,d rows, %,.0f MB (%,.0f MB"
            + " with indexes), PostgreSQL %s (%s). %d client connections (the connector's TLS settings), each"
            + " running single-row transactions back to back (autocommit, prepared): half UPDATEs of a random row"
            + " (`amount`, `updated_at`, indexed), a quarter INSERTs, a quarter DELETEs of a row the client"
            + " inserted. Phases of %d s, alternately with the capture triggers (row and TRUNCATE triggers installed"
            + " by `CaptureSql`) and without them (dropped), %d of each per round after an untimed warm-up phase of"
            + " each; the log is emptied before each phase; %d round(s), each in a fresh JVM, odd rounds starting"
            + " with the triggers.%n%n", CaptureScenario.WRITE_TABLE, stats.rows(), stats.heapBytes() / MB,
            stats.totalBytes() / MB, stats.serverVersion(), first.get("server"), settings.clients(),
            settings.seconds(), settings.phases(), rounds.size()));
        out.append("| Round | with triggers: tps, median (min – max) | without: tps, median (min – max) | ratio"
            + " | ratios of adjacent phases | server CPU µs/transaction with / without | client JVM CPU µs/transaction"
            + " with / without | WAL bytes/transaction with / without |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, String> r : rounds) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %s | %.1f / %.1f | %.1f / %.1f"
                + " | %,.0f / %,.0f |%n", r.get("round"), tps(r, "with"), tps(r, "without"), writeRatio(r),
                pairRatios(r).stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList(),
                median(r, "withServerCpuPerTx") / 1e3, median(r, "withoutServerCpuPerTx") / 1e3,
                median(r, "withClientCpuPerTx") / 1e3, median(r, "withoutClientCpuPerTx") / 1e3,
                median(r, "withWalPerTx"), median(r, "withoutWalPerTx")));
        }
        Distribution ratios = Distribution.of(rounds.stream().mapToDouble(CaptureReport::writeRatio).toArray());
        Distribution pairs = Distribution.of(rounds.stream().flatMap(r -> pairRatios(r).stream()).toList());
        double entries = sum(r -> Figures.numbers(r, "logEntries").stream().mapToDouble(Double::doubleValue).sum());
        double transactions = sum(r -> Figures.numbers(r, "withTransactions").stream().mapToDouble(v -> v).sum());
        double logBytes = sum(r -> Figures.numbers(r, "logBytes").stream().mapToDouble(v -> v).sum());
        double heapBytes = sum(r -> Figures.numbers(r, "logHeapBytes").stream().mapToDouble(v -> v).sum());
        out.append(String.format(Locale.ROOT, "%nWith triggers ÷ without: **%.3f** (median of the rounds; rounds"
            + " %.3f – %.3f; adjacent pairs of phases %.3f – %.3f, median %.3f, %d pairs). The log: %.3f entries per"
            + " transaction, %,.0f bytes per entry with its index (%,.0f in its heap), sizes at the end of each"
            + " phase. Transactions: %,d updates, %,d inserts, %,d deletes over the measured phases.%n",
            ratios.median(), ratios.min(), ratios.max(), pairs.min(), pairs.max(), pairs.median(), pairs.count(),
            entries / transactions, logBytes / entries, heapBytes / entries, (long) sum(r -> Figures.number(r,
                "updates")), (long) sum(r -> Figures.number(r, "inserts")), (long) sum(r -> Figures.number(r,
                "deletes"))));
        out.append(String.format(Locale.ROOT, "%nServer CPU per transaction (the clients' backends, user + system"
            + " from `/proc/<pid>/stat`; medians over all phases): %.1f µs with the triggers, %.1f µs without: the"
            + " triggers add %.1f µs (×%.2f).%n", pooled("withServerCpuPerTx") / 1e3,
            pooled("withoutServerCpuPerTx") / 1e3, (pooled("withServerCpuPerTx") - pooled("withoutServerCpuPerTx"))
                / 1e3, pooled("withServerCpuPerTx") / pooled("withoutServerCpuPerTx")));
        return out.toString();
    }

    String reads(BenchTable.Stats stats) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "**Capture read.** Table public.%s: %,d rows, %,.0f MB (%,.0f MB with"
            + " indexes), PostgreSQL %s. Each round (a fresh JVM): capture installed (log emptied); two real CAPTURE"
            + " tasks and two real XMIN tasks (`batch.max.rows=%s`, records counted and dropped, no worker) load the"
            + " table (their first passes, timed from `start()`); %,d rows (ids 1 to %,d) are then updated in"
            + " transactions of %,d rows, with the triggers, and the table and the log vacuumed and analyzed; then"
            + " each task's next pass is made due (its clock moved forward) and timed from its first `poll()` to"
            + " its end, in the order CAPTURE, XMIN, XMIN, CAPTURE (odd rounds) or XMIN, CAPTURE, CAPTURE, XMIN"
            + " (even rounds), the loads too. A method's rows/s in a round: its two passes' rows over their time."
            + " %d round(s).%n%n", CaptureScenario.READ_TABLE, stats.rows(),
            stats.heapBytes() / MB, stats.totalBytes() / MB, stats.serverVersion(),
            BenchOptions.string("bench.batch", "2000"), settings.changed(), settings.changed(),
            CaptureReadRound.CHUNK, rounds.size()));
        out.append("| Round | order | CAPTURE pass rows/s | XMIN pass rows/s | ratio | CAPTURE first pass rows/s"
            + " | XMIN first pass rows/s | CAPTURE pass ÷ its first pass | update with / without triggers |\n"
            + "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, String> r : rounds) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %.3f | %,.0f | %,.0f | %.3f | %,.1f s"
                + " / %,.1f s |%n", r.get("round"), r.get("order"), rate(r, "capturePass"), rate(r, "xminPass"),
                readRatio(r), rate(r, "captureLoad"), rate(r, "xminLoad"),
                rate(r, "capturePass") / rate(r, "captureLoad"), Figures.millis(r, "updateNanos") / 1000,
                Figures.millis(r, "updateWithoutNanos") / 1000));
        }
        summary(out);
        plans(out);
        return out.toString();
    }

    private void summary(StringBuilder out) {
        Distribution capture = all(r -> rate(r, "capturePass"));
        Distribution xmin = all(r -> rate(r, "xminPass"));
        Distribution ratio = all(CaptureReport::readRatio);
        Distribution toLoad = all(r -> rate(r, "capturePass") / rate(r, "captureLoad"));
        out.append(String.format(Locale.ROOT, "%nCAPTURE pass: **%,.0f rows/s** (median; %,.0f – %,.0f); XMIN pass"
            + " over the same rows %,.0f (%,.0f – %,.0f); CAPTURE ÷ XMIN **%.3f** (%.3f – %.3f); CAPTURE's pass ÷"
            + " its own first pass %.3f (%.3f – %.3f).%n", capture.median(), capture.min(), capture.max(),
            xmin.median(), xmin.min(), xmin.max(), ratio.median(), ratio.min(), ratio.max(), toLoad.median(),
            toLoad.min(), toLoad.max()));
        out.append(String.format(Locale.ROOT, "%nThe server's share (`EXPLAIN (ANALYZE, BUFFERS)` of each pass's"
            + " query after the passes, %d runs a round, medians): CAPTURE's query %,.0f ms execution + %.1f ms"
            + " planning, against a pass of %,.0f ms; XMIN's %,.0f ms + %.1f ms, against %,.0f ms; the log's state"
            + " (read before each CAPTURE pass) %,.1f ms. The log held %,.0f entries, %,.0f MB (%,.0f bytes per"
            + " entry with its index).%n", CaptureReadRound.EXPLAINS, pooled("captureExecutionMs"),
            pooled("capturePlanningMs"), all(r -> millis(r, "capturePass")).median(),
            pooled("xminExecutionMs"), pooled("xminPlanningMs"),
            all(r -> millis(r, "xminPass")).median(), pooled("logStateExecutionMs"),
            all(r -> Figures.number(r, "logEntries")).median(), all(r -> Figures.number(r, "logBytes")).median() / MB,
            all(r -> (double) Figures.number(r, "logBytes") / Figures.number(r, "logEntries")).median()));
        Distribution update = all(r -> (double) Figures.number(r, "updateWithoutNanos") / Figures.number(r,
            "updateNanos"));
        out.append(String.format(Locale.ROOT, "%nThe bulk update (%,d rows, %,d a transaction): without the"
            + " triggers ÷ with them, in time, %.3f (%.3f – %.3f): the triggers' rows/s are that fraction of the"
            + " plain update's.%n", settings.changed(), CaptureReadRound.CHUNK, update.median(), update.min(),
            update.max()));
        rounds.stream().flatMap(r -> r.entrySet().stream()).filter(e -> e.getKey().endsWith("Warning"))
            .forEach(e -> out.append("\nWARNING: ").append(e.getValue()).append('\n'));
    }

    private void plans(StringBuilder out) {
        Map<String, String> last = rounds.get(rounds.size() - 1);
        for (String prefix : List.of("capture", "xmin")) {
            out.append(String.format(Locale.ROOT, "%nThe %s pass's query (last round), as the task ran it inside"
                + " `COPY (…) TO STDOUT (FORMAT binary)`, and its plan:%n%n```sql%n%s%n```%n%n```%n%s%n```%n",
                prefix.toUpperCase(Locale.ROOT), last.get(prefix + "Query"), last.get(prefix + "Plan")));
        }
    }

    private static double median(Map<String, String> r, String key) {
        return Distribution.of(Figures.numbers(r, key)).median();
    }

    /** The median of a figure's values over every round (every phase, every explained run). */
    private double pooled(String key) {
        return Distribution.of(rounds.stream().flatMap(r -> Figures.numbers(r, key).stream()).toList()).median();
    }

    private Distribution all(ToDoubleFunction<Map<String, String>> value) {
        return Distribution.of(rounds.stream().mapToDouble(value).toArray());
    }

    private double sum(ToDoubleFunction<Map<String, String>> value) {
        return rounds.stream().mapToDouble(value).sum();
    }
}
