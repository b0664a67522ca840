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
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.herokupg.connect.testing.EmbeddedPostgresFixture;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.PostgresFixture;

/**
 * The benchmark behind {@code mvn -Pbench test}: how fast the task reads a table, next to the fastest way PgJDBC
 * can read it ({@code COPY … (FORMAT binary)}), measured in the same run. Starts the project's embedded PostgreSQL
 * (or uses {@code BENCH_DATABASE_URL}), creates and fills the benchmark table ({@link BenchTable}), then runs
 * every round of every reader in a fresh JVM ({@link BenchRound}), so that neither JIT nor heap state carries over,
 * and prints the medians, ranges, ratios to COPY, heap and time to first record ({@link BenchReport}); with
 * {@code -Dbench.jfr=true}, also the hot methods of the task rounds ({@link JfrHotMethods}). Settings:
 * {@link BenchOptions}.
 */
public final class Bench {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.fromSystemProperties();
        Files.createDirectories(options.dir());
        OUT.println("== Benchmark: " + options.describe());
        try (PostgresFixture pg = options.url().isPresent() ? null : startPostgres()) {
            Map<String, String> connection = pg != null ? pg.connectorConfig()
                : Map.of("database.url", options.url().get());
            BenchTable.Stats stats;
            try (Connection conn = BenchRound.open(connection)) {
                stats = BenchTable.prepare(conn, options.table(), options.rows(), OUT);
            }
            Path connectionFile = writeConnection(options.dir(), connection);
            String loadBefore = loadAverage();
            List<BenchReport.Round> rounds = new ArrayList<>();
            try {
                for (int round = 1; round <= options.rounds(); round++) {
                    for (String kind : options.kinds()) {
                        rounds.add(fork(options, kind, round, connectionFile));
                    }
                }
            } finally {
                Files.deleteIfExists(connectionFile);
            }
            String report = BenchReport.render(options, stats, rounds) + String.format("%nMachine: %d CPU(s) seen"
                + " by the JVM; load average (1, 5, 15 min) before the rounds: %s, after: %s.%n",
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage());
            OUT.println();
            OUT.print(report);
            Files.writeString(options.dir().resolve("results.md"), report);
            if (options.jfr()) {
                String hot = JfrHotMethods.render(options.methods(), options.dir(), options.rounds());
                OUT.print(hot);
                Files.writeString(options.dir().resolve("hot-methods.txt"), hot);
            }
            OUT.println("== Written to " + options.dir().resolve("results.md"));
        }
    }

    /** The embedded server, unless {@code -Dherokupg.fixtures=containers} asks for a container. */
    private static PostgresFixture startPostgres() {
        OUT.println("== Starting PostgreSQL");
        PostgresFixture pg = "containers".equals(System.getProperty("herokupg.fixtures"))
            ? Fixtures.postgres() : EmbeddedPostgresFixture.start();
        OUT.println("== PostgreSQL " + pg.serverVersion() + " on port " + pg.port());
        return pg;
    }

    /** The system's load average, where Linux tells it: other work on the machine skews the figures. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
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

    /** Runs one round in a fresh JVM with this JVM's classpath; its output goes to a log file. */
    private static BenchReport.Round fork(BenchOptions options, String kind, int round, Path connectionFile)
        throws IOException, InterruptedException {
        String name = kind.toLowerCase(java.util.Locale.ROOT) + "-r" + round;
        Path log = options.dir().resolve(name + ".log");
        Path result = options.dir().resolve(name + ".properties");
        Files.deleteIfExists(result);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        boolean task = !BenchOptions.COPY.equals(kind);
        if (task) {
            options.xmx().ifPresent(xmx -> command.add("-Xmx" + xmx));
            if (options.jfr()) {
                command.add("-XX:StartFlightRecording=filename=" + JfrHotMethods.recording(options.dir(), kind, round)
                    + ",settings=profile,dumponexit=true");
            }
        }
        command.add("-Dbench.rows=" + options.rows());
        command.add("-Dbench.batch=" + options.batch());
        command.add("-Dbench.table=" + options.table());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchRound.class.getName());
        command.addAll(List.of(kind, Integer.toString(round), connectionFile.toString(), result.toString()));
        OUT.printf("-- round %d: %-11s ", round, kind);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.HOURS)) {
            process.destroyForcibly();
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(result)) {
            OUT.println("FAILED; the end of " + log + ":");
            List<String> lines = Files.readAllLines(log);
            lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(OUT::println);
            throw new IllegalStateException("round " + name + " failed (exit " + process.exitValue() + ")");
        }
        BenchReport.Round r = BenchReport.Round.from(BenchRound.readProperties(result));
        OUT.printf("%,12.0f rows/s  first record %,6d ms  peak heap %,5d MB  after GC %,4d MB%n", r.rate(),
            r.firstMillis(), r.peakHeap() >> 20, r.retainedHeap() >> 20);
        return r;
    }
}
