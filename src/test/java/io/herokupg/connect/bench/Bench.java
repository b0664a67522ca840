/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.herokupg.connect.testing.EmbeddedPostgresFixture;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.PostgresFixture;

/**
 * The benchmark behind {@code mvn -Pbench test}. Starts the project's embedded PostgreSQL (or uses
 * {@code BENCH_DATABASE_URL}), then runs the scenarios {@code -Dbench.scenarios} names ({@link Scenario}; by default
 * {@code throughput}, how fast the task reads a table next to PgJDBC's {@code COPY … (FORMAT binary)}: see
 * {@link ThroughputScenario}), each measuring real work against that database, mostly in fresh JVMs
 * ({@link BenchFork}). Each prints its figures and adds its section to {@code target/bench/results.md}. Settings:
 * {@link BenchOptions}.
 */
public final class Bench {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.fromSystemProperties();
        List<Scenario> scenarios = options.scenarios().stream().map(Scenario::of).toList();
        Files.createDirectories(options.dir());
        OUT.println("== Benchmark: " + options.describe());
        try (PostgresFixture pg = options.url().isPresent() ? null
            : startPostgres(options.scenarios().contains(ScaleOutScenario.NAME))) {
            Map<String, String> connection = pg != null ? pg.connectorConfig()
                : Map.of("database.url", options.url().get());
            Path connectionFile = writeConnection(options.dir(), connection);
            BenchContext context = new BenchContext(options, connection, connectionFile, OUT);
            Path results = options.dir().resolve("results.md");
            StringBuilder written = new StringBuilder();
            try {
                for (Scenario scenario : scenarios) {
                    OUT.println("== Scenario " + scenario.name() + ": " + scenario.title());
                    String section = "## " + scenario.title() + " (`" + scenario.name() + "`)\n\n"
                        + scenario.run(context);
                    OUT.println();
                    OUT.print(section);
                    // After each scenario, so that the figures of those that ran survive a later one's failure.
                    written.append(written.length() > 0 ? "\n" : "").append(section);
                    Files.writeString(results, written);
                }
            } finally {
                Files.deleteIfExists(connectionFile);
            }
            OUT.println("== Written to " + results);
        }
    }

    /**
     * The embedded server, unless {@code -Dherokupg.fixtures=containers} asks for a container; with
     * {@code wal_level=logical} when asked (the scale-out scenario's Debezium part).
     */
    private static PostgresFixture startPostgres(boolean logical) {
        OUT.println("== Starting PostgreSQL" + (logical ? " (wal_level=logical)" : ""));
        PostgresFixture pg = "containers".equals(System.getProperty("herokupg.fixtures")) ? Fixtures.postgres()
            : logical ? EmbeddedPostgresFixture.startLogical() : EmbeddedPostgresFixture.start();
        OUT.println("== PostgreSQL " + pg.serverVersion() + " on port " + pg.port());
        return pg;
    }

    /** The connection settings, for the rounds, in a file only this user can read (it holds a password). */
    private static Path writeConnection(Path dir, Map<String, String> connection) throws IOException {
        Path file = dir.resolve("connection.properties");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties props = new Properties();
        props.putAll(connection);
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, "benchmark connection");
        }
        return file;
    }
}
