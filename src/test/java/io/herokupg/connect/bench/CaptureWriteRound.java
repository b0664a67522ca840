/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.sun.management.OperatingSystemMXBean;

import io.herokupg.connect.capture.CaptureSql;
import io.herokupg.connect.catalog.TableId;

/**
 * One round of the capture scenario's write part, in a JVM of its own: {@link CaptureWriters} on the write table in
 * phases of {@code bench.capture.seconds} s, alternately with the capture triggers ({@link CaptureSql#installTable})
 * and without them ({@link CaptureSql#uninstallTable}), {@code bench.capture.phases} of each, after one untimed
 * warm-up phase of each (odd rounds start with the triggers, even rounds without). Per phase: transactions/s, WAL
 * bytes per transaction ({@code pg_current_wal_lsn()} before and after) and, with the triggers, the log's entries
 * and size (the log is emptied before each phase). Arguments: connection properties file, result file, round number.
 */
public final class CaptureWriteRound {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final TableId TABLE = new TableId("public", CaptureScenario.WRITE_TABLE);
    private static final OperatingSystemMXBean PROCESS =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Connection conn;
    private final CaptureSql sql = new CaptureSql(CaptureScenario.SCHEMA);
    private final List<Measured> phases = new ArrayList<>();

    /** One phase's figures. */
    private record Measured(boolean with, CaptureWriters.Phase phase, long walBytes, long logEntries,
                            long logBytes, long logHeapBytes, long serverCpuNanos, long clientCpuNanos) {
    }

    private CaptureWriteRound(Connection conn) {
        this.conn = conn;
    }

    public static void main(String[] args) throws Exception {
        CaptureScenario.Settings settings = CaptureScenario.Settings.fromSystemProperties();
        Map<String, String> connection = BenchRound.readProperties(Path.of(args[0]));
        int round = Integer.parseInt(args[2]);
        Figures figures = new Figures().put("round", round);
        try (Connection conn = BenchRound.open(connection)) {
            reset(conn, settings.writeRows());
            CaptureWriteRound r = new CaptureWriteRound(conn);
            r.server(figures);
            execute(conn, List.of(r.sql.uninstall()));
            execute(conn, r.sql.installLog(Optional.empty()));
            try (CaptureWriters writers = new CaptureWriters(connection, CaptureScenario.WRITE_TABLE,
                settings.writeRows(), settings.clients(), 1000L * round)) {
                r.run(writers, settings, round % 2 == 1);
            }
            execute(conn, List.of(r.sql.uninstall()));
            reset(conn, settings.writeRows());
            r.figures(figures);
        }
        figures.write(Path.of(args[1]));
        System.exit(0);
    }

    /** Deletes the rows a round inserted (ids above the table's first {@code rows}), and vacuums the table. */
    static void reset(Connection conn, long rows) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('" + TABLE.quoted() + "') IS NOT NULL")) {
            rs.next();
            if (rs.getBoolean(1)) {
                st.execute("DELETE FROM " + TABLE.quoted() + " WHERE id > " + rows);
                st.execute("VACUUM ANALYZE " + TABLE.quoted());
            }
        }
    }

    /** Runs each statement, autocommit. */
    static void execute(Connection conn, List<String> statements) throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }

    private void run(CaptureWriters writers, CaptureScenario.Settings settings, boolean withFirst)
        throws SQLException, InterruptedException {
        long nanos = TimeUnit.SECONDS.toNanos(settings.seconds());
        boolean with = withFirst;
        for (int i = 0; i < 2; i++) {
            Measured warmUp = phase(writers, with, nanos);
            OUT.printf("%swarm-up %s triggers: %,.0f tps%n", BenchFork.PROGRESS, with ? "with" : "without",
                warmUp.phase().tps());
            with = !with;
        }
        for (int i = 0; i < 2 * settings.phases(); i++) {
            Measured m = phase(writers, with, nanos);
            phases.add(m);
            OUT.printf("%sphase %d %s triggers: %,.0f tps, server CPU %,.1f µs, %,d WAL bytes per transaction%s%n",
                BenchFork.PROGRESS, i + 1, with ? "with" : "without", m.phase().tps(),
                m.serverCpuNanos() / 1e3 / m.phase().transactions(), m.walBytes() / m.phase().transactions(), with
                    ? String.format(", %,d log entries, %,d log bytes per entry", m.logEntries(),
                    m.logBytes() / Math.max(1, m.logEntries())) : "");
            with = !with;
        }
    }

    private Measured phase(CaptureWriters writers, boolean with, long nanos)
        throws SQLException, InterruptedException {
        execute(conn, with ? sql.installTable(TABLE, List.of("id")) : sql.uninstallTable(TABLE));
        execute(conn, List.of("TRUNCATE " + sql.log()));
        String before = text("SELECT pg_current_wal_lsn()::text");
        long serverCpu = writers.serverCpuNanos();
        long clientCpu = PROCESS.getProcessCpuTime();
        CaptureWriters.Phase phase = writers.run(nanos);
        clientCpu = PROCESS.getProcessCpuTime() - clientCpu;
        serverCpu = serverCpu < 0 ? -1 : writers.serverCpuNanos() - serverCpu;
        long walBytes = Long.parseLong(text("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + before
            + "')::int8::text"));
        long entries = Long.parseLong(text("SELECT count(*) FROM " + sql.log()));
        long total = Long.parseLong(text("SELECT pg_total_relation_size('" + sql.log() + "')"));
        long heap = Long.parseLong(text("SELECT pg_relation_size('" + sql.log() + "')"));
        return new Measured(with, phase, walBytes, entries, total, heap, serverCpu, clientCpu);
    }

    private String text(String query) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void server(Figures figures) throws SQLException {
        figures.put("server", text("SELECT 'fsync=' || current_setting('fsync') || ', synchronous_commit='"
            + " || current_setting('synchronous_commit') || ', shared_buffers=' || current_setting('shared_buffers')"
            + " || ', wal_level=' || current_setting('wal_level')"));
    }

    private void figures(Figures figures) {
        figures.put("order", phases.stream().map(m -> m.with() ? "with" : "without")
            .collect(Collectors.joining(",")));
        for (boolean with : new boolean[] {true, false}) {
            String side = with ? "with" : "without";
            figures.put(side + "Tps", join(with, m -> m.phase().tps()))
                .put(side + "Transactions", join(with, m -> (double) m.phase().transactions()))
                .put(side + "WalPerTx", join(with, m -> (double) m.walBytes() / m.phase().transactions()))
                .put(side + "ServerCpuPerTx", join(with, m -> m.serverCpuNanos() < 0 ? Double.NaN
                    : (double) m.serverCpuNanos() / m.phase().transactions()))
                .put(side + "ClientCpuPerTx", join(with, m -> (double) m.clientCpuNanos() / m.phase().transactions()));
        }
        figures.put("updates", phases.stream().mapToLong(m -> m.phase().updates()).sum())
            .put("inserts", phases.stream().mapToLong(m -> m.phase().inserts()).sum())
            .put("deletes", phases.stream().mapToLong(m -> m.phase().deletes()).sum());
        figures.put("logEntries", join(true, m -> (double) m.logEntries()))
            .put("logBytes", join(true, m -> (double) m.logBytes()))
            .put("logHeapBytes", join(true, m -> (double) m.logHeapBytes()));
    }

    private String join(boolean with, Function<Measured, Double> value) {
        return phases.stream().filter(m -> m.with() == with).map(value).map(v -> Double.toString(v))
            .collect(Collectors.joining(","));
    }
}
