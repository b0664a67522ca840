/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.ConnectRest;
import io.herokupg.connect.testing.PostgresFixture;

/**
 * What the split-load tests share (issue 16): the connector's settings for a split load, a watch of the split
 * partitions in the connector's offsets, and the sessions of the snapshot exporter and of the tasks.
 */
final class SplitLoadWatch implements AutoCloseable {
    /** What the exporter's {@code application_name} starts with. */
    static final String EXPORTER_PREFIX = "kafka-connect-heroku-postgres snapshot exporter";

    private final ConnectFixture connect;
    private final String name;
    private final String splitPrefix;
    private final String tablePartition;
    private final Set<String> splits = ConcurrentHashMap.newKeySet();
    private final AtomicReference<JsonNode> tableOffset = new AtomicReference<>();
    private final PostgresFixture pg;
    private final AtomicInteger maxExporters = new AtomicInteger();
    private final AtomicInteger exporterLooks = new AtomicInteger();
    private final Thread watcher;
    private volatile boolean stopping;

    private SplitLoadWatch(ConnectFixture connect, String name, PostgresFixture pg, String table) {
        this.connect = connect;
        this.name = name;
        this.pg = pg;
        this.tablePartition = pg.database() + ".public." + table;
        this.splitPrefix = tablePartition + "/";
        this.watcher = new Thread(this::watch, "split-offsets-" + name);
        watcher.setDaemon(true);
    }

    /**
     * The settings of a connector {@code name} on {@code public.table} whose full read is split into up to
     * {@code tasks} ranges (the table is ANALYZEd by the test: the split reads the catalog's estimate).
     */
    static Map<String, String> config(ConnectFixture connect, PostgresFixture pg, String name, String prefix,
                                      String table, int tasks) {
        Map<String, String> config = connect.connectorConfig(pg, name, prefix, "public\\." + table);
        config.put("tasks.max", Integer.toString(tasks));
        config.put("split.min.rows", "1000");
        config.put("split.max.ranges", Integer.toString(tasks));
        config.put("start.position", "full");
        return config;
    }

    /**
     * Starts watching the connector's offsets ({@code GET /connectors/<name>/offsets}) and the exporter's sessions,
     * every quarter second, so that split partitions are seen even if they are cleared once the load ends.
     */
    static SplitLoadWatch watch(ConnectFixture connect, String name, PostgresFixture pg, String table) {
        SplitLoadWatch loads = new SplitLoadWatch(connect, name, pg, table);
        loads.watcher.start();
        return loads;
    }

    /** The split partitions ({@code "<database>.public.<table>/<index>"}) seen so far, after one more look. */
    Set<String> splits() {
        sample();
        return new TreeSet<>(splits);
    }

    /** The offset of the table's own partition {@code {"table": ...}} at the last look; null before it has one. */
    JsonNode tableOffset() {
        sample();
        return tableOffset.get();
    }

    /** The most exporter sessions seen at once in pg_stat_activity. */
    int maxExporters() {
        return maxExporters.get();
    }

    /** In how many of the watch's looks an exporter session was there. */
    int exporterLooks() {
        return exporterLooks.get();
    }

    /** Asserts that the load was split: at least {@code atLeast} split partitions appeared in the offsets. */
    void assertSplit(int atLeast) {
        assertThat(splits()).as("split partitions {\"split\": \"%s<index>\"} in GET /connectors/%s/offsets: the"
            + " load must have been split into ranges (split.min.rows=1000, tasks.max >= 2); last offsets: %s",
            splitPrefix, name, lastOffsets()).hasSizeGreaterThanOrEqualTo(atLeast);
    }

    /**
     * Waits until every range of the table's newest load stored a complete position (a FULL_TABLE split table keeps
     * no position of its own: its passes are loads) and the connector closed its exporting connection.
     */
    void awaitRangesComplete(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (rangesComplete() && sessions(pg, true).isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the ranges of the load of " + tablePartition + " did not all complete (or the"
            + " exporter stayed) within " + timeout + "; last offsets: " + lastOffsets());
    }

    private boolean rangesComplete() {
        List<JsonNode> ranges = new ArrayList<>();
        for (JsonNode item : connect.rest().offsets(name).body().path("offsets")) {
            if (item.path("partition").path("split").asText("").startsWith(splitPrefix)) {
                ranges.add(item.path("offset"));
            }
        }
        long newest = ranges.stream().mapToLong(o -> o.path("split_load").asLong()).max().orElse(-1);
        List<JsonNode> ofNewest = ranges.stream().filter(o -> o.path("split_load").asLong() == newest).toList();
        return ofNewest.size() >= 2 && ofNewest.stream().allMatch(o -> o.path("complete").asBoolean(false)
            || o.has("fence") && !o.has("pass_snapshot"));
    }

    /** Waits until the table's own partition has an offset that satisfies the condition; fails otherwise. */
    JsonNode awaitTableOffset(java.util.function.Predicate<JsonNode> condition, String what, Duration timeout)
        throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode offset = tableOffset();
            if (offset != null && condition.test(offset)) {
                return offset;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the table's partition {\"table\": \"" + tablePartition + "\"} got no offset where "
            + what + " within " + timeout + "; last offsets: " + lastOffsets());
    }

    private String lastOffsets() {
        try {
            return connect.rest().offsets(name).body().toString();
        } catch (RuntimeException e) {
            return "(GET offsets failed: " + e + ")";
        }
    }

    private void watch() {
        while (!stopping) {
            sample();
            lookForExporters();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        try {
            ConnectRest.Response response = connect.rest().offsets(name);
            if (response.status() != 200) {
                return;
            }
            for (JsonNode item : response.body().path("offsets")) {
                JsonNode partition = item.path("partition");
                String split = partition.path("split").asText("");
                if (split.startsWith(splitPrefix)) {
                    splits.add(split);
                }
                if (tablePartition.equals(partition.path("table").asText(""))) {
                    tableOffset.set(item.path("offset"));
                }
            }
        } catch (RuntimeException e) {
            // A worker leaving answers nothing for a moment: the next look will do.
        }
    }

    private void lookForExporters() {
        try {
            int exporters = sessions(pg, true).size();
            maxExporters.accumulateAndGet(exporters, Math::max);
            exporterLooks.addAndGet(exporters > 0 ? 1 : 0);
        } catch (SQLException e) {
            // The next look will do.
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        watcher.interrupt();
        watcher.join(5_000);
    }

    /** The connector's sessions now: pid to state, of the exporter ({@code exporter}) or of the tasks. */
    static Map<Integer, String> sessions(PostgresFixture pg, boolean exporter) throws SQLException {
        String condition = exporter ? "application_name LIKE '" + EXPORTER_PREFIX + "%'"
            : "application_name LIKE 'kafka-connect-heroku-postgres%' AND application_name NOT LIKE '"
            + EXPORTER_PREFIX + "%'";
        Map<Integer, String> sessions = new HashMap<>();
        try (Connection conn = pg.superuser(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pid, state FROM pg_stat_activity"
                 + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND " + condition)) {
            while (rs.next()) {
                sessions.put(rs.getInt(1), rs.getString(2));
            }
        }
        return sessions;
    }

    /**
     * Makes the connector's reads of the table server-bound (about 40 µs a row on average: one row in fifty sleeps
     * 2 ms), so that a range's query is still running when a test kills its connection; other sessions (the test's
     * own queries, the writers) read at full speed. A row-level security policy, as in SlowTables.
     */
    static void slowDownConnectorReads(PostgresFixture pg, String table) throws SQLException {
        pg.execute("CREATE OR REPLACE FUNCTION split_slow_visible() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$"
            + " BEGIN IF random() < 0.02 AND current_setting('application_name')"
            + " LIKE 'kafka-connect-heroku-postgres%' THEN PERFORM pg_sleep(0.002); END IF; RETURN true; END $$",
            "ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE " + table + " FORCE ROW LEVEL SECURITY",
            "CREATE POLICY slow_reads ON " + table + " FOR SELECT USING (split_slow_visible())",
            "CREATE POLICY inserts ON " + table + " FOR INSERT WITH CHECK (true)",
            "CREATE POLICY updates ON " + table + " FOR UPDATE USING (true) WITH CHECK (true)");
    }

    /** Terminates these backends; returns the pids actually signalled. */
    static List<Integer> terminate(PostgresFixture pg, Set<Integer> pids) throws SQLException {
        List<Integer> killed = new ArrayList<>();
        try (Connection conn = pg.superuser(); Statement st = conn.createStatement()) {
            for (int pid : pids) {
                try (ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
                    if (rs.next() && rs.getBoolean(1)) {
                        killed.add(pid);
                    }
                }
            }
        }
        return killed;
    }

    /**
     * Waits until the exporter's session is {@code idle in transaction} (a split load runs); fails with a clear
     * message when none appears.
     */
    static Map<Integer, String> awaitExporter(PostgresFixture pg, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Map<Integer, String> exporters = Map.of();
        while (Instant.now().isBefore(deadline)) {
            exporters = sessions(pg, true);
            if (exporters.containsValue("idle in transaction")) {
                return exporters;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no session whose application_name starts with '" + EXPORTER_PREFIX + "' was idle in"
            + " transaction within " + timeout + " (seen: " + exporters + "; the connector's task sessions: "
            + sessions(pg, false) + "): the split load's snapshot exporter never ran");
    }
}
