/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.herokupg.connect.HerokuPostgresSourceConnector;
import io.herokupg.connect.testing.ConnectRest;
import io.herokupg.connect.testing.EmbeddedConnectFixture;

/**
 * One round of the end-to-end scenario, in a JVM of its own: a Kafka broker and a Connect worker from Kafka's test
 * harness ({@link EmbeddedConnectFixture}), the connector deployed over REST with JsonConverter (schemas enabled)
 * for keys and values, and a consumer ({@link TopicWatcher}). (a) Throughput: from the connector's creation until
 * the consumer read every row of the scenario's table. (b) Latency: rows committed one per transaction at a steady
 * rate ({@link LatencyWriter}) into a table replicated INCREMENTAL, each timed from its COMMIT to its arrival at the
 * consumer. Arguments: connection properties file, result file, round number.
 */
public final class EndToEndRound {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofMinutes(Long.getLong("bench.timeout.minutes", 60));

    private final EndToEndScenario.Settings settings;
    private final Map<String, String> connection;
    private final EmbeddedConnectFixture connect;
    private final Figures figures;

    private EndToEndRound(EndToEndScenario.Settings settings, Map<String, String> connection,
                          EmbeddedConnectFixture connect, Figures figures) {
        this.settings = settings;
        this.connection = connection;
        this.connect = connect;
        this.figures = figures;
    }

    public static void main(String[] args) throws Exception {
        EndToEndScenario.Settings settings = EndToEndScenario.Settings.fromSystemProperties();
        Map<String, String> connection = BenchRound.readProperties(Path.of(args[0]));
        Figures figures = new Figures().put("round", args[2]);
        OUT.println(BenchFork.PROGRESS + "starting Kafka and a Connect worker");
        try (EmbeddedConnectFixture connect = EmbeddedConnectFixture.start(1, Optional.empty())) {
            EndToEndRound round = new EndToEndRound(settings, connection, connect, figures);
            round.throughput();
            round.latency();
        }
        figures.write(Path.of(args[1]));
        System.exit(0);
    }

    /** A connector config: this database, JsonConverter with schemas for keys and values, topics created. */
    private Map<String, String> connectorConfig(String name, String table, String method, long intervalMs) {
        Map<String, String> config = new HashMap<>(connection);
        config.put("connector.class", HerokuPostgresSourceConnector.class.getName());
        config.put("name", name);
        config.put("tasks.max", "1");
        config.put("topic.prefix", name);
        config.put("table.include.list", "public\\." + table);
        config.put("replication.method", method);
        if ("INCREMENTAL".equals(method)) {
            config.put("replication.key", "updated_at");
        }
        config.put("poll.interval.ms", Long.toString(intervalMs));
        config.put("batch.max.rows", Long.toString(BenchOptions.number("bench.batch", 2000)));
        BenchOptions.throughWorker(config, 1, "bench.e2e.producer");
        return config;
    }

    private void throughput() throws Exception {
        long rows = settings.rows();
        String name = "bench-e2e";
        ConnectRest rest = connect.rest();
        try (TopicWatcher watcher = new TopicWatcher(connect.bootstrapServers(),
            name + ".public." + EndToEndScenario.TABLE, false)) {
            OUT.printf("%s(a) throughput: reading %,d rows through the worker%n", BenchFork.PROGRESS, rows);
            long started = System.nanoTime();
            rest.putConnector(name, connectorConfig(name, EndToEndScenario.TABLE, settings.method(), 3_600_000));
            if (!watcher.awaitDistinct(rows, TIMEOUT)) {
                throw new IllegalStateException("only " + watcher.distinct() + " of " + rows + " rows arrived in "
                    + TIMEOUT + "; connector status: " + rest.status(name).body());
            }
            long elapsed = watcher.lastNanos() - started;
            figures.put("rows", rows).put("elapsedNanos", elapsed).put("firstNanos", watcher.firstNanos() - started);
            // Anything more (the next pass is due in an hour) would be a duplicate.
            Thread.sleep(2000);
            figures.put("records", watcher.records()).put("distinct", watcher.distinct());
            rest.delete(name);
            OUT.printf("%s(a) throughput: %,d rows in %,d ms%n", BenchFork.PROGRESS, rows, elapsed / 1_000_000);
        }
    }

    private void latency() throws Exception {
        String name = "bench-latency";
        ConnectRest rest = connect.rest();
        try (Connection conn = BenchRound.open(connection);
             TopicWatcher watcher = new TopicWatcher(connect.bootstrapServers(),
                 name + ".public." + LatencyWriter.TABLE, true)) {
            LatencyWriter.create(conn);
            rest.putConnector(name, connectorConfig(name, LatencyWriter.TABLE, "INCREMENTAL", settings.intervalMs()));
            rest.awaitRunning(name, 1);
            warmUp(conn, watcher);
            OUT.printf("%s(b) latency: writing %d rows/s for %d s%n", BenchFork.PROGRESS, settings.rate(),
                settings.seconds());
            Map<Long, Long> commits = LatencyWriter.write(conn, settings.rate(), settings.seconds());
            // The warm-up row and every row written, or what came until the timeout.
            watcher.awaitDistinct(commits.size() + 1L,
                Duration.ofMillis(Math.max(30_000, 10 * settings.intervalMs())));
            // Duplicates would come later.
            Thread.sleep(Math.max(2000, 2 * settings.intervalMs()));
            latencies(commits, watcher);
            rest.delete(name);
        }
    }

    /** Each row's latency from its COMMIT to its arrival, and whether every row arrived exactly once. */
    private void latencies(Map<Long, Long> commits, TopicWatcher watcher) {
        Map<Long, Long> arrivals = watcher.arrivals();
        long arrived = commits.keySet().stream().filter(arrivals::containsKey).count();
        figures.put("written", commits.size())
            .put("arrived", arrived)
            .put("latencyDuplicates", watcher.duplicates())
            // Neither the warm-up row nor one the writer wrote.
            .put("unexpected", arrivals.size() - 1 - arrived)
            .put("latencyMs", commits.entrySet().stream().filter(e -> arrivals.containsKey(e.getKey()))
                .map(e -> String.format(Locale.ROOT, "%.3f", (arrivals.get(e.getKey()) - e.getValue()) / 1e6))
                .collect(Collectors.joining(",")));
        OUT.printf("%s(b) latency: %,d of %,d rows arrived, %,d duplicate record(s)%n", BenchFork.PROGRESS, arrived,
            commits.size(), watcher.duplicates());
    }

    /** One row through the whole path before the measurement: the connector's first passes are done. */
    private static void warmUp(Connection conn, TopicWatcher watcher) throws Exception {
        conn.setAutoCommit(false);
        try (PreparedStatement insert = conn.prepareStatement("INSERT INTO public." + LatencyWriter.TABLE
            + " (note) VALUES (?) RETURNING id")) {
            LatencyWriter.insert(conn, insert, -1);
        } finally {
            conn.setAutoCommit(true);
        }
        if (!watcher.awaitDistinct(1, Duration.ofSeconds(120))) {
            throw new IllegalStateException("the warm-up row did not arrive in 120 s");
        }
    }
}
