/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.connect.source.SourceRecord;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.HerokuPostgresSourceTask;
import io.herokupg.connect.config.SourceConfig;
import io.herokupg.connect.jdbc.ConnectionFactory;
import io.herokupg.connect.testing.FakeSourceTaskContext;

/**
 * One round of the benchmark, in a JVM of its own (forked by {@link Bench}): reads the whole table once, either
 * with PgJDBC's {@code COPY … TO STDOUT (FORMAT binary)} into a discarding stream (the baseline), or with a real
 * {@link HerokuPostgresSourceTask} polled until it returned every row (no worker, no converter, no Kafka), and
 * writes its figures to a properties file.
 *
 * <p>Arguments: kind (COPY or a replication method), round number, connection properties file, result file;
 * system properties {@code bench.rows}, {@code bench.batch}, {@code bench.table}.
 */
public final class BenchRound {
    private static final Logger LOG = LoggerFactory.getLogger(BenchRound.class);
    /** Full collections (to measure the retained heap) at these fractions of the pass, and at its end. */
    private static final int CHECKPOINTS = 4;
    private static final Duration TIMEOUT = Duration.ofMinutes(Long.getLong("bench.timeout.minutes", 60));
    /** Whether to read the table once, untimed, before the timed read (see {@link BenchOptions}). */
    private static final boolean WARMUP = Boolean.getBoolean("bench.warmup");

    private final String kind;
    private final long rows;
    private final int batch;
    private final String table;
    private final Map<String, String> connection;
    private final Properties result = new Properties();

    private BenchRound(String kind, Map<String, String> connection) {
        this.kind = kind;
        this.connection = connection;
        this.rows = Long.getLong("bench.rows");
        this.batch = Integer.getInteger("bench.batch");
        this.table = System.getProperty("bench.table");
    }

    public static void main(String[] args) throws Exception {
        BenchRound round = new BenchRound(args[0], readProperties(Path.of(args[2])));
        round.result.setProperty("kind", args[0]);
        round.result.setProperty("round", args[1]);
        if (BenchOptions.COPY.equals(round.kind)) {
            round.copy();
        } else {
            round.task();
        }
        try (Writer out = Files.newBufferedWriter(Path.of(args[3]))) {
            round.result.store(out, "benchmark round");
        }
        System.exit(0);
    }

    /** The connector config of a task that replicates the benchmark table alone. */
    static Map<String, String> taskConfig(Map<String, String> connection, String table, String method, int batch) {
        Map<String, String> config = new HashMap<>(connection);
        config.put("name", "bench");
        config.put("topic.prefix", "bench");
        config.put("task.assignment", "public." + table);
        config.put("task.index", "0");
        config.put("batch.max.rows", Integer.toString(batch));
        config.put("replication.method", method);
        if ("INCREMENTAL".equals(method)) {
            config.put("replication.key", "updated_at");
        }
        return config;
    }

    /** A connection with the connector's own settings (TLS and all), autocommit on. */
    static Connection open(Map<String, String> connection) throws SQLException {
        Map<String, String> config = new HashMap<>(connection);
        config.put("name", "bench");
        Connection conn = ConnectionFactory.open(new SourceConfig(config).connection());
        conn.setAutoCommit(true);
        return conn;
    }

    static Map<String, String> readProperties(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        }
        Map<String, String> map = new HashMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return map;
    }

    private void copy() throws SQLException, IOException {
        try (HeapProbe probe = new HeapProbe()) {
            put("baselineHeap", probe.retained());
            if (WARMUP) {
                try (Connection conn = open(connection)) {
                    conn.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM public." + table
                        + ") TO STDOUT (FORMAT binary)", new DiscardingStream());
                }
                probe.retained();
            }
            DiscardingStream sink = new DiscardingStream();
            // Timed from before the connection is opened, as the task's time includes opening its own.
            long started = System.nanoTime();
            sink.started = started;
            long copied;
            try (Connection conn = open(connection)) {
                copied = conn.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (SELECT * FROM public." + table + ") TO STDOUT (FORMAT binary)", sink);
            }
            long elapsed = System.nanoTime() - started;
            probe.retained();
            LOG.info("COPY: {} rows, {} bytes in {} ms", copied, sink.bytes, elapsed / 1_000_000);
            put("rows", copied);
            put("bytes", sink.bytes);
            put("elapsedNanos", elapsed);
            put("firstNanos", sink.firstNanos);
            finish(probe);
        }
    }

    private void task() throws InterruptedException {
        Map<String, String> config = taskConfig(connection, table, kind, batch);
        try (HeapProbe probe = new HeapProbe()) {
            put("baselineHeap", probe.retained());
            long explicitGcBefore = probe.explicitGcNanos();
            // A worker has started JMX long before any task (its own metrics reporter); without the worker's plugin
            // metrics the task registers MBeans, and should not be charged for starting JMX.
            ManagementFactory.getPlatformMBeanServer();
            if (WARMUP) {
                warmUp(config);
                probe.retained();
            }
            HerokuPostgresSourceTask task = new HerokuPostgresSourceTask();
            task.initialize(new FakeSourceTaskContext(config));
            put("windowStartMillis", System.currentTimeMillis());
            long started = System.nanoTime();
            task.start(config);
            long count = 0;
            long first = -1;
            int checkpoint = 1;
            while (count < rows) {
                count += pollOnce(task);
                if (first < 0 && count > 0) {
                    first = System.nanoTime() - started;
                }
                probe.sample();
                if (checkpoint < CHECKPOINTS && count >= rows * checkpoint / CHECKPOINTS) {
                    probe.retained();
                    checkpoint++;
                }
                if (System.nanoTime() - started > TIMEOUT.toNanos()) {
                    throw new IllegalStateException(kind + ": only " + count + " of " + rows + " rows after "
                        + TIMEOUT);
                }
            }
            long elapsed = System.nanoTime() - started - (probe.explicitGcNanos() - explicitGcBefore);
            put("windowEndMillis", System.currentTimeMillis());
            probe.retained();
            // The pass is over: one more poll must return nothing (the next pass is due minutes from now).
            put("extraRows", pollOnce(task));
            task.stop();
            put("rows", count);
            put("elapsedNanos", elapsed);
            put("firstNanos", first);
            finish(probe);
        }
    }

    /** Reads the whole table once with another task (its own offsets), untimed, so that the code is compiled. */
    private void warmUp(Map<String, String> config) throws InterruptedException {
        HerokuPostgresSourceTask task = new HerokuPostgresSourceTask();
        task.initialize(new FakeSourceTaskContext(config));
        task.start(config);
        long count = 0;
        long started = System.nanoTime();
        while (count < rows && System.nanoTime() - started < TIMEOUT.toNanos()) {
            count += pollOnce(task);
        }
        task.stop();
        LOG.info("Warm-up read of {} rows in {} ms", count, (System.nanoTime() - started) / 1_000_000);
    }

        /** One poll; the records are counted and dropped, so nothing of them stays reachable. */
    private static int pollOnce(HerokuPostgresSourceTask task) throws InterruptedException {
        List<SourceRecord> records = task.poll();
        return records == null ? 0 : records.size();
    }

    private void finish(HeapProbe probe) {
        long[] gc = HeapProbe.collections();
        put("peakHeap", probe.peak());
        put("retainedHeap", probe.retainedMax());
        put("maxHeap", Runtime.getRuntime().maxMemory());
        put("gcCount", gc[0]);
        put("gcMillis", gc[1]);
    }

    private void put(String key, long value) {
        result.setProperty(key, Long.toString(value));
    }

    /** Counts what COPY sends, keeps nothing. */
    private static final class DiscardingStream extends OutputStream {
        private long bytes;
        private long started;
        private long firstNanos = -1;

        @Override
        public void write(int b) {
            count(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count(len);
        }

        private void count(int len) {
            if (firstNanos < 0) {
                firstNanos = System.nanoTime() - started;
            }
            bytes += len;
        }
    }
}
