/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark's settings, from system properties ({@code mvn -Pbench test -Dbench.rows=100000 …}); an empty
 * value means the default (the pom passes every setting, empty when not given):
 * <ul>
 *   <li>{@code bench.scenarios} (throughput): the scenarios to run, comma-separated, in that order (see
 *       {@link #SCENARIOS}); each scenario's own settings are read by the scenario;</li>
 *   <li>{@code bench.rows} (2,000,000): rows in the table; a table of another size is dropped and refilled;</li>
 *   <li>{@code bench.rounds} (3): rounds, each one fresh JVM per method;</li>
 *   <li>{@code bench.batch} (2000): the task's {@code batch.max.rows};</li>
 *   <li>{@code bench.methods} (FULL_TABLE,INCREMENTAL,XMIN): the replication methods to measure;</li>
 *   <li>{@code bench.xmx} (the JVM's default): the heap of the task rounds, e.g. 256m;</li>
 *   <li>{@code bench.jfr} (false): record the task rounds with Java Flight Recorder and print the hot methods;</li>
 *   <li>{@code bench.warmup} (false): each throughput round first reads the whole table once, untimed, in the same
 *       JVM, so that the timed read runs on compiled code (as in a worker that has been running a while);</li>
 *   <li>{@code bench.table} (bench_rows): the table, in schema public;</li>
 *   <li>{@code bench.url} or the environment's {@code BENCH_DATABASE_URL}: a database to use instead of an
 *       embedded PostgreSQL ({@code postgres://user:password@host:port/db}); the table is created there;</li>
 *   <li>{@code bench.dir} (target/bench): where round logs, results and recordings go.</li>
 * </ul>
 */
record BenchOptions(List<String> scenarios, long rows, int rounds, int batch, List<String> methods,
                    Optional<String> xmx, boolean jfr, String table, Optional<String> url, Path dir) {
    static final String COPY = "COPY";
    /** The scenarios, in the order the documentation lists them. */
    static final List<String> SCENARIOS = List.of(ThroughputScenario.NAME, DiscoveryScenario.NAME,
        ManyTablesScenario.NAME, IdlePollScenario.NAME, EndToEndScenario.NAME, CaptureScenario.NAME,
        ScaleOutScenario.NAME);

    static BenchOptions fromSystemProperties() {
        String methods = string("bench.methods", "FULL_TABLE,INCREMENTAL,XMIN");
        Optional<String> url = nonBlank(System.getProperty("bench.url"))
            .or(() -> nonBlank(System.getenv("BENCH_DATABASE_URL")));
        return new BenchOptions(
            list(string("bench.scenarios", ThroughputScenario.NAME)).stream()
                .map(s -> s.toLowerCase(Locale.ROOT)).toList(),
            number("bench.rows", 2_000_000),
            (int) number("bench.rounds", 3),
            (int) number("bench.batch", 2000),
            list(methods).stream().map(s -> s.toUpperCase(Locale.ROOT)).toList(),
            nonBlank(System.getProperty("bench.xmx")),
            Boolean.parseBoolean(string("bench.jfr", "false")),
            string("bench.table", "bench_rows"),
            url,
            Path.of(string("bench.dir", "target/bench")).toAbsolutePath());
    }

    /** A system property; the default when it is missing or blank. */
    static String string(String key, String defaultValue) {
        return nonBlank(System.getProperty(key)).orElse(defaultValue);
    }

    /** A whole number from a system property ({@code 10_000} reads as 10000). */
    static long number(String key, long defaultValue) {
        return nonBlank(System.getProperty(key)).map(v -> Long.parseLong(v.replace("_", ""))).orElse(defaultValue);
    }

    /** A comma-separated list from a system property, its items trimmed, empty ones left out. */
    static List<String> list(String key, String defaultValue) {
        return list(string(key, defaultValue));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * What every connector of the end-to-end scenarios is given: JsonConverter with schemas for keys and values,
     * topics the worker creates (one replica, {@code partitions} partitions), and the producer settings of a system
     * property ({@code -D<key>=batch.size=1048576,linger.ms=10}) as Connect's {@code producer.override.*}, which a
     * worker's default client override policy allows.
     */
    static void throughWorker(Map<String, String> config, int partitions, String producerKey) {
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "true");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", Integer.toString(partitions));
        for (String setting : list(string(producerKey, ""))) {
            int eq = setting.indexOf('=');
            if (eq > 0) {
                config.put("producer.override." + setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
            }
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** The rounds' kinds, in the order each round runs them: the COPY baseline, then the methods. */
    List<String> kinds() {
        List<String> kinds = new java.util.ArrayList<>();
        kinds.add(COPY);
        kinds.addAll(methods);
        return kinds;
    }

    String describe() {
        return "scenarios=" + scenarios + ", rows=" + rows + ", rounds=" + rounds + ", batch.max.rows=" + batch
            + ", methods=" + methods + ", task heap=" + xmx.map(x -> "-Xmx" + x).orElse("JVM default") + ", jfr=" + jfr
            + (Boolean.getBoolean("bench.warmup") ? ", warm-up read first (same JVM)" : "");
    }
}
