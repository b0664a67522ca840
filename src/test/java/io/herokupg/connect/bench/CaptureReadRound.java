/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.apache.kafka.connect.source.SourceRecord;

import io.herokupg.connect.BenchTasks;
import io.herokupg.connect.HerokuPostgresSourceTask;
import io.herokupg.connect.capture.CaptureSql;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.read.plan.CaptureQuery;
import io.herokupg.connect.testing.FakeSourceTaskContext;

/**
 * One round of the capture scenario's read part, in a JVM of its own. Capture is installed on the read table (its log
 * emptied); four real tasks, two CAPTURE and two XMIN, each on a clock the benchmark controls ({@code poll.interval.ms}
 * an hour), load the table (their first passes, timed from {@code start()}); then {@code bench.capture.changed} rows
 * are updated, in transactions of {@value #CHUNK} rows, and the table and the log vacuumed and analyzed (what
 * autovacuum would do next; done now so that it does not run during a timed pass). Each task's clock is then moved
 * forward by the interval and its next pass timed, from its first {@code poll()} to the end of the pass, in the order
 * CAPTURE, XMIN, XMIN, CAPTURE in odd rounds and XMIN, CAPTURE, CAPTURE, XMIN in even ones (the loads in the same
 * order). Records are counted and dropped. Then each method's pass query (taken from the pass engine's DEBUG line) is
 * explained ({@link Explain}) {@value #EXPLAINS} times, with the query that reads the log's state before each CAPTURE
 * pass; capture is removed, and the same update timed without the triggers (the table vacuumed first, as before the
 * first update). Arguments: connection properties file, result file, round number.
 */
public final class CaptureReadRound {
    static final String CAPTURE_CONNECTOR = "bench-capture";
    static final String XMIN_CONNECTOR = "bench-capture-xmin";
    static final long CHUNK = 10_000;
    static final int EXPLAINS = 3;
    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final Duration TIMEOUT = Duration.ofMinutes(Long.getLong("bench.timeout.minutes", 60));
    private static final long PROGRESS_NANOS = 10_000_000_000L;
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final TableId TABLE = new TableId("public", CaptureScenario.READ_TABLE);
    private static final String TABLE_NAME = TABLE.schema() + "." + TABLE.table();

    private final Map<String, String> connection;
    private final Connection conn;
    private final CaptureScenario.Settings settings;
    private final Figures figures;
    private final CaptureSql sql = new CaptureSql(CaptureScenario.SCHEMA);

    private CaptureReadRound(Map<String, String> connection, Connection conn, CaptureScenario.Settings settings,
                             Figures figures) {
        this.connection = connection;
        this.conn = conn;
        this.settings = settings;
        this.figures = figures;
    }

    public static void main(String[] args) throws Exception {
        CaptureScenario.Settings settings = CaptureScenario.Settings.fromSystemProperties();
        Map<String, String> connection = BenchRound.readProperties(Path.of(args[0]));
        int round = Integer.parseInt(args[2]);
        Figures figures = new Figures().put("round", round);
        try (Connection conn = BenchRound.open(connection)) {
            new CaptureReadRound(connection, conn, settings, figures).run(round % 2 == 1);
        }
        figures.write(Path.of(args[1]));
        System.exit(0);
    }

    private void run(boolean captureFirst) throws Exception {
        CaptureWriteRound.execute(conn, List.of(sql.uninstall(), "VACUUM ANALYZE " + TABLE.quoted()));
        CaptureWriteRound.execute(conn, sql.installLog(Optional.empty()));
        CaptureWriteRound.execute(conn, sql.installTable(TABLE, List.of("id")));
        Reader capture1 = new Reader("CAPTURE", CAPTURE_CONNECTOR + "-1");
        Reader capture2 = new Reader("CAPTURE", CAPTURE_CONNECTOR + "-2");
        Reader xmin1 = new Reader("XMIN", XMIN_CONNECTOR + "-1");
        Reader xmin2 = new Reader("XMIN", XMIN_CONNECTOR + "-2");
        // ABBA: a drift of the machine's speed during the round weighs on both methods alike.
        List<Reader> order = captureFirst ? List.of(capture1, xmin1, xmin2, capture2)
            : List.of(xmin1, capture1, capture2, xmin2);
        for (Reader reader : order) {
            reader.load(settings.rows());
        }
        update();
        for (Reader reader : order) {
            reader.nextPass(settings.changed());
        }
        for (Reader reader : order) {
            reader.task.stop();
        }
        figures.put("order", order.stream().map(r -> r.method).collect(Collectors.joining(",")));
        for (Reader first : List.of(capture1, xmin1)) {
            List<Reader> of = order.stream().filter(r -> r.method.equals(first.method)).toList();
            String prefix = first.method.toLowerCase(Locale.ROOT);
            figures.put(prefix + "LoadNanos", join(of, r -> r.loadNanos))
                .put(prefix + "LoadRecords", join(of, r -> r.loadRecords))
                .put(prefix + "PassNanos", join(of, r -> r.passNanos))
                .put(prefix + "PassRecords", join(of, r -> r.passRecords))
                .put(prefix + "PassStartMillis", join(of, r -> r.passStartMillis))
                .put(prefix + "PassEndMillis", join(of, r -> r.passEndMillis));
            explain(prefix, first.query);
        }
        explain("logState", CaptureQuery.logStateSql(sql.log(), relid()));
        // The same update without the triggers, on the table vacuumed as before the first: the bulk write's baseline.
        CaptureWriteRound.execute(conn, List.of(sql.uninstall(), "VACUUM " + TABLE.quoted()));
        figures.put("updateWithoutNanos", update("without the capture triggers"));
    }

    private static String join(List<Reader> readers, ToLongFunction<Reader> value) {
        return readers.stream().map(r -> Long.toString(value.applyAsLong(r))).collect(Collectors.joining(","));
    }

    /** Updates the first {@code changed} rows, {@value #CHUNK} a transaction; returns the time it took. */
    private long update(String what) throws SQLException {
        long started = System.nanoTime();
        try (Statement st = conn.createStatement()) {
            for (long from = 0; from < settings.changed(); from += CHUNK) {
                st.executeUpdate("UPDATE " + TABLE.quoted() + " SET amount = amount + 1, updated_at = now()"
                    + " WHERE id > " + from + " AND id <= " + Math.min(settings.changed(), from + CHUNK));
            }
        }
        long elapsed = System.nanoTime() - started;
        OUT.printf("%supdated %,d rows in %,d ms (%s)%n", BenchFork.PROGRESS, settings.changed(),
            elapsed / 1_000_000, what);
        return elapsed;
    }

    /** The update the passes read, with the triggers; then the table and the log vacuumed, and the log's size. */
    private void update() throws SQLException {
        figures.put("updateNanos", update("with the capture triggers"));
        try (Statement st = conn.createStatement()) {
            st.execute("VACUUM ANALYZE " + TABLE.quoted());
            st.execute("VACUUM ANALYZE " + sql.log());
            try (ResultSet rs = st.executeQuery("SELECT count(*), pg_total_relation_size('" + sql.log() + "'),"
                + " pg_relation_size('" + sql.log() + "') FROM " + sql.log())) {
                rs.next();
                figures.put("logEntries", rs.getLong(1)).put("logBytes", rs.getLong(2))
                    .put("logHeapBytes", rs.getLong(3));
            }
        }
    }

    private long relid() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT '" + TABLE.quoted() + "'::regclass::oid::int8")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Explains a query {@value #EXPLAINS} times; its times and last plan go to the figures under the prefix. */
    private void explain(String prefix, String query) throws SQLException {
        List<Explain> runs = new ArrayList<>();
        for (int i = 0; i < EXPLAINS; i++) {
            runs.add(Explain.of(conn, query));
        }
        figures.put(prefix + "Query", query)
            .put(prefix + "Plan", String.join("\n", runs.get(runs.size() - 1).plan()))
            .put(prefix + "PlanningMs", runs.stream().map(e -> Double.toString(e.planningMs()))
                .collect(Collectors.joining(",")))
            .put(prefix + "ExecutionMs", runs.stream().map(e -> Double.toString(e.executionMs()))
                .collect(Collectors.joining(",")));
    }

    /** The hot methods of the rounds' recordings ({@code -Dbench.jfr=true}), while each method's pass ran. */
    static String hotMethods(BenchContext context, List<Map<String, String>> rounds) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String prefix : List.of("capture", "xmin")) {
            List<JfrHotMethods.Window> windows = new ArrayList<>();
            for (Map<String, String> r : rounds) {
                List<Double> starts = Figures.numbers(r, prefix + "PassStartMillis");
                List<Double> ends = Figures.numbers(r, prefix + "PassEndMillis");
                for (int i = 0; i < starts.size(); i++) {
                    windows.add(new JfrHotMethods.Window(context.dir().resolve("capture-read-r" + r.get("round")
                        + ".jfr"), Instant.ofEpochMilli(starts.get(i).longValue()),
                        Instant.ofEpochMilli(ends.get(i).longValue())));
                }
            }
            out.append(JfrHotMethods.render(prefix.toUpperCase(Locale.ROOT) + " pass after "
                + "the update", windows));
        }
        return out.toString();
    }

    /** A real task replicating the read table by one method, on a clock of its own; its figures. */
    private final class Reader {
        private final String method;
        private final OffsetClock clock = new OffsetClock();
        private final HerokuPostgresSourceTask task = BenchTasks.withClock(clock);
        private final TaskMetrics metrics;
        private final Map<String, String> config;
        private long loadNanos;
        private long loadRecords;
        private long passNanos;
        private long passRecords;
        private long passStartMillis;
        private long passEndMillis;
        private String query;

        Reader(String method, String connector) {
            this.method = method;
            this.metrics = new TaskMetrics(connector, 0);
            this.config = BenchRound.taskConfig(connection, CaptureScenario.READ_TABLE, method,
                (int) BenchOptions.number("bench.batch", 2000));
            config.put("name", connector);
            config.put("poll.interval.ms", Long.toString(INTERVAL.toMillis()));
        }

        /** The first pass, timed from {@code start()}. */
        void load(long rows) throws InterruptedException {
            long started = System.nanoTime();
            task.initialize(new FakeSourceTaskContext(config));
            task.start(config);
            loadRecords = pass("first pass");
            loadNanos = System.nanoTime() - started;
            check(loadRecords, rows, "first pass");
        }

        /** The next pass, made due now, timed from its first {@code poll()}; its query is kept. */
        void nextPass(long changed) throws InterruptedException {
            clock.advance(INTERVAL);
            passStartMillis = System.currentTimeMillis();
            long started = System.nanoTime();
            try (QueryCapture capture = QueryCapture.begin()) {
                passRecords = pass("next pass");
                query = capture.last().orElseThrow(() -> new IllegalStateException("no query logged by "
                    + QueryCapture.LOGGER));
            }
            passNanos = System.nanoTime() - started;
            passEndMillis = System.currentTimeMillis();
            check(passRecords, changed, "next pass");
        }

        /** Polls until the task ended a pass of the table; returns the records it returned. */
        private long pass(String what) throws InterruptedException {
            long before = metrics.passes(TABLE_NAME);
            long started = System.nanoTime();
            long nextProgress = started + PROGRESS_NANOS;
            long records = 0;
            while (metrics.passes(TABLE_NAME) <= before) {
                List<SourceRecord> batch = task.poll();
                records += batch == null ? 0 : batch.size();
                long now = System.nanoTime();
                if (now >= nextProgress) {
                    nextProgress = now + PROGRESS_NANOS;
                    OUT.printf("%s%s %s: %,d records after %d s%n", BenchFork.PROGRESS, method, what, records,
                        (now - started) / 1_000_000_000L);
                }
                if (now - started > TIMEOUT.toNanos()) {
                    throw new IllegalStateException(method + " " + what + ": not done after " + TIMEOUT);
                }
            }
            OUT.printf("%s%s %s: %,d records in %,d ms%n", BenchFork.PROGRESS, method, what, records,
                (System.nanoTime() - started) / 1_000_000);
            return records;
        }

        private void check(long records, long expected, String what) {
            if (records != expected) {
                figures.put(method.toLowerCase(Locale.ROOT) + "Warning", method + " " + what + " returned " + records
                    + " records, not " + expected);
            }
        }
    }
}
