/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The idle-poll scenario's section: pass times over all rounds, the server's times, the query and its plan. */
final class IdlePollReport {
    private static final double MB = 1 << 20;

    private final IdlePollScenario.Settings settings;
    private final BenchTable.Stats stats;
    private final List<Map<String, String>> rounds;

    IdlePollReport(IdlePollScenario.Settings settings, BenchTable.Stats stats, List<Map<String, String>> rounds) {
        this.settings = settings;
        this.stats = stats;
        this.rounds = rounds;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        Distribution initial = all(r -> List.of(Figures.millis(r, "initialNanos")));
        out.append(String.format(Locale.ROOT, "Table public.%s: %,d rows, %,.0f MB (%,.0f MB with indexes),"
            + " PostgreSQL %s; a real task, `replication.method=INCREMENTAL`, `replication.key=updated_at` (indexed),"
            + " `poll.interval.ms=%d`. Each round (a fresh JVM) reads the table whole (initial load: median %,.1f s,"
            + " %,.0f rows/s), runs %d idle passes not counted, then %d measured ones; %d round(s).%n%n",
            IdlePollScenario.TABLE, stats.rows(), stats.heapBytes() / MB, stats.totalBytes() / MB,
            stats.serverVersion(), settings.intervalMs(), initial.median() / 1000,
            stats.rows() / (initial.median() / 1000), IdlePollRound.WARM_UP, settings.passes(), rounds.size()));
        out.append("| Idle pass | median | p90 | p99 | min – max | samples |\n|---|---:|---:|---:|---:|---:|\n");
        row(out, "wall time as the task ran it (its `poll()`, all its statements)",
            all(r -> Figures.numbers(r, "passNanos").stream().map(n -> n / 1e6).toList()));
        Distribution execution = all(r -> Figures.numbers(r, "explainExecutionMs"));
        Distribution planning = all(r -> Figures.numbers(r, "explainPlanningMs"));
        row(out, "database: execution time of the pass's query (`EXPLAIN ANALYZE`)", execution);
        row(out, "database: planning time of the pass's query (planned anew by every pass)", planning);
        double database = execution.median() + planning.median();
        out.append(String.format(Locale.ROOT, "%nDatabase time of the pass's query (median execution + planning):"
            + " %.3f ms against the target of %.0f ms: %s. The wall time adds the pass's other statements"
            + " (transaction, snapshot, running transactions, shape check) and their round trips.%n",
            database, IdlePollScenario.TARGET_MS, database <= IdlePollScenario.TARGET_MS ? "within it" : "NOT met"));
        for (Map<String, String> r : rounds) {
            out.append(String.format(Locale.ROOT, "Round %s: warm-up passes %s ms; %,d row(s) returned by the idle"
                + " passes; %d pass(es) took more than one poll().%n", r.get("round"),
                Figures.numbers(r, "warmUpNanos").stream().map(n -> String.format(Locale.ROOT, "%.2f", n / 1e6))
                    .toList(), Figures.number(r, "extraRows"), Figures.number(r, "multiPollPasses")));
        }
        Map<String, String> last = rounds.get(rounds.size() - 1);
        out.append("\nThe idle pass's query, as the task ran it (last round; inside `COPY (…) TO STDOUT (FORMAT"
            + " binary)`):\n\n```sql\n").append(last.get("query")).append("\n```\n\n");
        out.append("Its plan (`EXPLAIN (ANALYZE, BUFFERS)`, the last of ").append(IdlePollRound.EXPLAINS)
            .append(" runs):\n\n```\n").append(last.get("plan")).append("\n```\n");
        return out.toString();
    }

    private Distribution all(Function<Map<String, String>, List<Double>> values) {
        return Distribution.of(rounds.stream().flatMap(r -> values.apply(r).stream()).toList());
    }

    private static void row(StringBuilder out, String what, Distribution d) {
        out.append(String.format(Locale.ROOT, "| %s | %.3f ms | %.3f ms | %.3f ms | %.3f – %.3f ms | %d |%n", what,
            d.median(), d.percentile(90), d.percentile(99), d.min(), d.max(), d.count()));
    }
}
