/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** The scale-out scenario's section: rows/s per kind and task count, ours ÷ the synthetic ceiling, ÷ Debezium. */
final class ScaleOutReport {
    private static final double MB = 1 << 20;

    private final ScaleOutScenario.Settings settings;
    private final BenchTable.Stats stats;
    private final int batch;
    private final List<Map<String, String>> results;
    private final List<String> failures;

    ScaleOutReport(ScaleOutScenario.Settings settings, BenchTable.Stats stats, int batch,
                   List<Map<String, String>> results, List<String> failures) {
        this.settings = settings;
        this.stats = stats;
        this.batch = batch;
        this.results = results;
        this.failures = failures;
    }

    /** The median rows/s of a kind at a {@code tasks.max} over the rounds; empty when none ran. */
    static OptionalDouble median(List<Map<String, String>> results, String kind, int tasks) {
        double[] rates = results.stream().filter(r -> kind.equals(r.get("kind"))
            && tasks == Figures.number(r, "tasksMax")).mapToDouble(EndToEndReport::rate).toArray();
        return rates.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Distribution.of(rates).median());
    }

    /** a ÷ b, or "–" when either is missing. */
    static String ratio(OptionalDouble a, OptionalDouble b) {
        return a.isPresent() && b.isPresent() ? String.format(Locale.ROOT, "%.2f", a.getAsDouble() / b.getAsDouble())
            : "–";
    }

    private static String rows(OptionalDouble rate) {
        return rate.isPresent() ? String.format(Locale.ROOT, "%,.0f", rate.getAsDouble()) : "–";
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Table public.%s: %,d rows, %,.0f MB, PostgreSQL %s"
            + " (`wal_level=logical`). Each measurement is a fresh JVM with a Kafka broker (KRaft) and a Connect worker"
            + " from Kafka's test harness, one connector created over REST (JsonConverter with schemas for keys and"
            + " values, %s, a topic of %d partition(s)), timed from its creation"
            + " until a consumer read every row; %d round(s), medians. Ours: FULL_TABLE initial load,"
            + " `batch.max.rows=%d`. Synthetic: `SyntheticSourceConnector`, no database, the same key and value"
            + " schemas and values copied from %d of our records, the rows split across its tasks, %d per `poll()`."
            + " Debezium: `debezium-connector-postgres` 3.6.1.Final (from `plugin.path`), `snapshot.mode=initial`,"
            + " `plugin.name=pgoutput`, its defaults otherwise, 1 task (it has no more for one database).%n%n",
            ScaleOutScenario.TABLE, stats.rows(), stats.heapBytes() / MB, stats.serverVersion(),
            producer(), settings.partitions(), rounds(), batch, ScaleOutRound.SAMPLE_RECORDS, batch));
        out.append("| tasks.max | ours rows/s | synthetic rows/s | ours ÷ synthetic | our tasks running |\n"
            + "|---:|---:|---:|---:|---:|\n");
        for (int tasks : settings.tasks()) {
            OptionalDouble ours = median(results, ScaleOutConfigs.OURS, tasks);
            OptionalDouble synthetic = median(results, ScaleOutConfigs.SYNTHETIC, tasks);
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s |%n", tasks, rows(ours), rows(synthetic),
                ratio(ours, synthetic), running(tasks)));
        }
        OptionalDouble debezium = median(results, ScaleOutConfigs.DEBEZIUM, 1);
        OptionalDouble ours1 = median(results, ScaleOutConfigs.OURS, 1);
        out.append(String.format(Locale.ROOT, "| Debezium snapshot, 1 task | %s | | ours (1 task) ÷ Debezium: %s"
            + " | |%n%n", debezium.isPresent() ? rows(debezium)
            : failures.isEmpty() ? "not measured" : "failed (below)", ratio(ours1, debezium)));
        details(out);
        for (String failure : failures) {
            out.append("Debezium failed:\n\n```\n").append(failure).append("\n```\n\n");
        }
        return out.toString();
    }

    /** The producer settings: the worker's defaults, or those of -Dbench.scale.producer. */
    private static String producer() {
        return EndToEndReport.producer("bench.scale.producer");
    }

    private int rounds() {
        return (int) results.stream().mapToLong(r -> Figures.number(r, "round")).max().orElse(0);
    }

    /** Our connector's running tasks at a tasks.max (today one: a table is one task's work). */
    private String running(int tasks) {
        return results.stream().filter(r -> ScaleOutConfigs.OURS.equals(r.get("kind"))
            && tasks == Figures.number(r, "tasksMax")).map(r -> r.get("tasksRunning")).distinct()
            .reduce((a, b) -> a + ", " + b).orElse("–");
    }

    private void details(StringBuilder out) {
        out.append("| kind | tasks.max | tasks running | round | rows/s | first record | last record | records"
            + " | distinct rows |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, String> r : results) {
            long records = Figures.number(r, "records");
            long distinct = Figures.number(r, "distinct");
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %,.0f | %,.0f ms | %,.0f ms | %,d | %,d%s |%n",
                r.get("kind"), r.get("tasksMax"), r.get("tasksRunning"), r.get("round"), EndToEndReport.rate(r),
                Figures.millis(r, "firstNanos"), Figures.millis(r, "elapsedNanos"), records, distinct,
                records == distinct && distinct == stats.rows() ? "" : " (WARNING: not each row once)"));
        }
        out.append('\n');
    }
}
