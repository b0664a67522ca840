/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The benchmark's summary: per reader, the median and range of its rounds, as a Markdown table. */
final class BenchReport {
    private static final double MB = 1 << 20;

    private BenchReport() {
    }

    /** The figures of one round, as {@link BenchRound} wrote them. */
    record Round(String kind, int round, long rows, long elapsedNanos, long firstNanos, long peakHeap,
                 long retainedHeap, long baselineHeap, long maxHeap, long gcCount, long gcMillis, long extraRows) {
        static Round from(Map<String, String> p) {
            return new Round(p.get("kind"), Integer.parseInt(p.get("round")), num(p, "rows"), num(p, "elapsedNanos"),
                num(p, "firstNanos"), num(p, "peakHeap"), num(p, "retainedHeap"), num(p, "baselineHeap"),
                num(p, "maxHeap"), num(p, "gcCount"), num(p, "gcMillis"), num(p, "extraRows"));
        }

        private static long num(Map<String, String> p, String key) {
            return Long.parseLong(p.getOrDefault(key, "0"));
        }

        double rate() {
            return rows * 1e9 / elapsedNanos;
        }

        long firstMillis() {
            return firstNanos / 1_000_000;
        }
    }

    static String render(BenchOptions options, BenchTable.Stats stats, List<Round> rounds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Table public.%s: %,d rows, %,.0f MB (%,.0f MB with indexes),"
            + " PostgreSQL %s; batch.max.rows=%d; %d round(s), each in a fresh JVM; task heap: %s.%n%n",
            options.table(), stats.rows(), stats.heapBytes() / MB, stats.totalBytes() / MB, stats.serverVersion(),
            options.batch(), options.rounds(), options.xmx().map(x -> "-Xmx" + x).orElse("JVM default")));
        out.append("| Reader | rows/s (median) | min – max | vs COPY | first record (median) | peak heap (max)"
            + " | heap after GC (max) | GC (median) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        double copyMedian = median(of(rounds, BenchOptions.COPY), Round::rate);
        for (String kind : options.kinds()) {
            List<Round> mine = of(rounds, kind);
            double median = median(mine, Round::rate);
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f – %,.0f | %.2f | %,.0f ms | %,.0f MB"
                + " | %,.1f MB | %,.0f ms in %,.0f |%n",
                BenchOptions.COPY.equals(kind) ? "COPY (FORMAT binary), PgJDBC" : kind, median,
                min(mine, Round::rate), max(mine, Round::rate), median / copyMedian,
                median(mine, r -> r.firstNanos / 1e6),
                max(mine, r -> r.peakHeap) / MB, max(mine, r -> r.retainedHeap) / MB,
                median(mine, r -> r.gcMillis), median(mine, r -> r.gcCount)));
        }
        out.append(String.format(Locale.ROOT, "%nRounds (rows/s):%n"));
        for (String kind : options.kinds()) {
            out.append(String.format(Locale.ROOT, "  %-11s", kind));
            of(rounds, kind).forEach(r -> out.append(String.format(Locale.ROOT, " %,12.0f", r.rate())));
            out.append('\n');
        }
        Round any = rounds.stream().filter(r -> !BenchOptions.COPY.equals(r.kind)).findFirst().orElse(rounds.get(0));
        out.append(String.format(Locale.ROOT, "%nMax heap of a task round: %,.0f MB; heap after GC before the task"
            + " started: %,.1f MB. Peak heap is the most heap in use (garbage included) just before any collection;"
            + " heap after GC is measured after System.gc() at 1/4, 1/2 and 3/4 of the pass and at its end.%n",
            any.maxHeap() / MB, any.baselineHeap() / MB));
        long extra = rounds.stream().mapToLong(Round::extraRows).sum();
        if (extra > 0) {
            out.append("WARNING: the tasks returned ").append(extra).append(" rows more than the table has\n");
        }
        return out.toString();
    }

    private static List<Round> of(List<Round> rounds, String kind) {
        return rounds.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    static double median(List<Round> rounds, ToDoubleFunction<Round> value) {
        double[] sorted = rounds.stream().mapToDouble(value).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double min(List<Round> rounds, ToDoubleFunction<Round> value) {
        return rounds.stream().mapToDouble(value).min().orElse(Double.NaN);
    }

    private static double max(List<Round> rounds, ToDoubleFunction<Round> value) {
        return rounds.stream().map(r -> value.applyAsDouble(r)).max(Comparator.naturalOrder()).orElse(Double.NaN);
    }
}
