/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The end-to-end scenario's section: throughput per round, latency percentiles per round and over all rounds. */
final class EndToEndReport {
    private static final double MB = 1 << 20;

    private final EndToEndScenario.Settings settings;
    private final BenchTable.Stats stats;
    private final int batch;
    private final List<Map<String, String>> rounds;

    EndToEndReport(EndToEndScenario.Settings settings, BenchTable.Stats stats, int batch,
                   List<Map<String, String>> rounds) {
        this.settings = settings;
        this.stats = stats;
        this.batch = batch;
        this.rounds = rounds;
    }

    /** A measurement's rows/s: its rows over the time until the consumer read the last. */
    static double rate(Map<String, String> r) {
        return Figures.number(r, "rows") * 1e9 / Figures.number(r, "elapsedNanos");
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Each round (a fresh JVM) starts a Kafka broker (KRaft) and a Connect"
            + " worker (distributed mode) from Kafka's test harness in one JVM, deploys the connector over REST"
            + " (`tasks.max=1`, `batch.max.rows=%d`, `org.apache.kafka.connect.json.JsonConverter` with schemas for"
            + " keys and values, a topic of one partition, %s) and reads its topic with a plain consumer; %d"
            + " round(s).%n%n", batch, producer(), rounds.size()));
        throughput(out);
        latency(out);
        return out.toString();
    }

    /** The connector's producer settings: the worker's defaults, or those of -Dbench.e2e.producer. */
    private static String producer() {
        return producer("bench.e2e.producer");
    }

    /**
     * Connectors' producer settings: the worker's defaults, or those of a system property
     * ({@link BenchOptions#throughWorker}).
     */
    static String producer(String key) {
        String settings = BenchOptions.string(key, "");
        return settings.isBlank() ? "the worker's default producer settings"
            : "producer settings `" + settings + "` (as `producer.override.*`)";
    }

    private void throughput(StringBuilder out) {
        out.append(String.format(Locale.ROOT, "**(a) Throughput**: table public.%s, %,d rows, %,.0f MB, PostgreSQL"
            + " %s, `replication.method=%s` (initial load); timed from the connector's creation (`PUT"
            + " /connectors/…/config`) until the consumer read the last row.%n%n", EndToEndScenario.TABLE,
            stats.rows(), stats.heapBytes() / MB, stats.serverVersion(), settings.method()));
        out.append("| Round | rows/s | first record | last record | records read | distinct rows |\n"
            + "|---|---:|---:|---:|---:|---:|\n");
        for (Map<String, String> r : rounds) {
            long records = Figures.number(r, "records");
            long distinct = Figures.number(r, "distinct");
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f ms | %,.0f ms | %,d | %,d%s |%n",
                r.get("round"), rate(r), Figures.millis(r, "firstNanos"), Figures.millis(r, "elapsedNanos"), records,
                distinct, records == distinct && distinct == stats.rows() ? "" : " (WARNING: not each row once)"));
        }
        Distribution rates = Distribution.of(rounds.stream().mapToDouble(EndToEndReport::rate).toArray());
        out.append(String.format(Locale.ROOT, "%nRows/s: median %,.0f (min – max %,.0f – %,.0f).%n%n",
            rates.median(), rates.min(), rates.max()));
    }

    private void latency(StringBuilder out) {
        out.append(String.format(Locale.ROOT, "**(b) Latency**: table public.%s (`id bigserial PRIMARY KEY,"
            + " updated_at timestamptz DEFAULT now()` indexed, a text), `replication.method=INCREMENTAL`,"
            + " `replication.key=updated_at`, `poll.interval.ms=%d`. After one warm-up row went through, a writer"
            + " commits %d single-row transactions per second for %d s; latency = the consumer's receipt of a row"
            + " minus the moment its COMMIT returned (same JVM, same clock).%n%n", LatencyWriter.TABLE,
            settings.intervalMs(), settings.rate(), settings.seconds()));
        out.append("| Round | rows written | arrived | duplicates | other rows | p50 | p90 | p99 | max |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, String> r : rounds) {
            latencyRow(out, "" + r.get("round"), List.of(r));
        }
        if (rounds.size() > 1) {
            latencyRow(out, "all", rounds);
        }
        boolean exact = rounds.stream().allMatch(r -> Figures.number(r, "arrived") == Figures.number(r, "written")
            && Figures.number(r, "latencyDuplicates") == 0 && Figures.number(r, "unexpected") == 0);
        out.append(exact ? "\nEvery row written arrived exactly once.\n"
            : "\nWARNING: not every row written arrived exactly once (see the table).\n");
    }

    private static void latencyRow(StringBuilder out, String label, List<Map<String, String>> of) {
        Distribution d = Distribution.of(of.stream().flatMap(r -> Figures.numbers(r, "latencyMs").stream())
            .toList());
        long written = of.stream().mapToLong(r -> Figures.number(r, "written")).sum();
        long arrived = of.stream().mapToLong(r -> Figures.number(r, "arrived")).sum();
        long duplicates = of.stream().mapToLong(r -> Figures.number(r, "latencyDuplicates")).sum();
        long unexpected = of.stream().mapToLong(r -> Figures.number(r, "unexpected")).sum();
        out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,.0f ms | %,.0f ms | %,.0f ms"
            + " | %,.0f ms |%n", label, written, arrived, duplicates, unexpected, d.median(), d.percentile(90),
            d.percentile(99), d.max()));
    }
}
