/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.herokupg.connect.testing.ConnectRest;
import io.herokupg.connect.testing.EmbeddedConnectFixture;

/**
 * One measurement of the {@code scale-out} scenario, in a JVM of its own: a Kafka broker and a Connect worker from
 * Kafka's test harness ({@link EmbeddedConnectFixture}; for Debezium with its plugin directory on
 * {@code plugin.path}), one connector of a kind ({@link ScaleOutConfigs}) with {@code tasks.max} tasks, timed from
 * its creation until a consumer ({@link TopicWatcher}) read every row of the table. Our connector's round also
 * writes a sample of its records (the first {@value #SAMPLE_RECORDS}, as JsonConverter wrote them) for the
 * synthetic connector's rounds. Arguments: connection properties file, result file, kind, tasks, round, sample file.
 */
public final class ScaleOutRound {
    static final int SAMPLE_RECORDS = 1000;
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofMinutes(Long.getLong("bench.timeout.minutes", 60));

    private ScaleOutRound() {
    }

    public static void main(String[] args) throws Exception {
        ScaleOutScenario.Settings settings = ScaleOutScenario.Settings.fromSystemProperties();
        Map<String, String> connection = BenchRound.readProperties(Path.of(args[0]));
        String kind = args[2];
        int tasks = Integer.parseInt(args[3]);
        Path sample = Path.of(args[5]);
        Figures figures = new Figures().put("kind", kind).put("tasksMax", tasks).put("round", args[4]);
        Optional<Path> pluginPath = ScaleOutConfigs.DEBEZIUM.equals(kind)
            ? Optional.of(settings.debeziumPluginPath()) : Optional.empty();
        OUT.println(BenchFork.PROGRESS + "starting Kafka and a Connect worker" + pluginPath.map(p -> " (plugin.path="
            + p + ")").orElse(""));
        try (EmbeddedConnectFixture connect = EmbeddedConnectFixture.start(1, pluginPath)) {
            measure(connect, ScaleOutConfigs.config(kind, tasks, settings, connection, sample.toString()),
                settings.rows(), figures);
            if (ScaleOutConfigs.OURS.equals(kind) && !Files.exists(sample)) {
                ScaleOutSample.write(connect.bootstrapServers(), ScaleOutConfigs.topic(kind), SAMPLE_RECORDS, sample);
            }
        } finally {
            if (ScaleOutConfigs.DEBEZIUM.equals(kind)) {
                dropSlot(connection);
            }
        }
        figures.write(Path.of(args[1]));
        System.exit(0);
    }

    private static void measure(EmbeddedConnectFixture connect, Map<String, String> config, long rows,
                                Figures figures) throws Exception {
        String name = config.get("name");
        String topic = name + ".public." + ScaleOutScenario.TABLE;
        ConnectRest rest = connect.rest();
        try (TopicWatcher watcher = new TopicWatcher(connect.bootstrapServers(), topic, false)) {
            OUT.printf("%s%s, tasks.max=%s: reading %,d rows through the worker%n", BenchFork.PROGRESS, name,
                config.get("tasks.max"), rows);
            long started = System.nanoTime();
            rest.putConnector(name, config);
            if (!watcher.awaitDistinct(rows, TIMEOUT)) {
                throw new IllegalStateException("only " + watcher.distinct() + " of " + rows + " rows arrived in "
                    + TIMEOUT + "; connector status: " + rest.status(name).body());
            }
            long elapsed = watcher.lastNanos() - started;
            figures.put("rows", rows).put("elapsedNanos", elapsed).put("firstNanos", watcher.firstNanos() - started);
            figures.put("tasksRunning", rest.status(name).body().path("tasks").size());
            // Anything more would be a duplicate (our connector's next pass is due in an hour; the others are done).
            Thread.sleep(2000);
            figures.put("records", watcher.records()).put("distinct", watcher.distinct());
            rest.delete(name);
            OUT.printf("%s%s: %,d rows in %,d ms (%,.0f rows/s)%n", BenchFork.PROGRESS, name, rows,
                elapsed / 1_000_000, rows * 1e9 / elapsed);
        }
    }

    /** Drops Debezium's replication slot and publication, so that the server keeps no WAL for them. */
    private static void dropSlot(Map<String, String> connection) throws Exception {
        if (!connection.containsKey("database.hostname")) {
            return;
        }
        String url = "jdbc:postgresql://" + connection.get("database.hostname") + ":" + connection.get("database.port")
            + "/" + connection.get("database.dbname") + "?sslmode=require&user=postgres";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection conn = DriverManager.getConnection(url); Statement st = conn.createStatement()) {
            st.execute("DROP PUBLICATION IF EXISTS " + ScaleOutConfigs.SLOT);
            // The slot stays active until the deleted connector's task has stopped.
            while (true) {
                try {
                    st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                        + " WHERE slot_name = '" + ScaleOutConfigs.SLOT + "'");
                    return;
                } catch (java.sql.SQLException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(500);
                }
            }
        }
    }
}
