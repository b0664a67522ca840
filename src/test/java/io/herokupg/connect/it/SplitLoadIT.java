/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.herokupg.connect.testing.ConnectorIT;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * A split load through a real worker: the table's full read is spread over the tasks as ranges with their own
 * partitions, every row arrives once, the connector then closes its exporting connection and hands the table back to
 * one task, which goes on from the load's snapshot (INCREMENTAL: only the later changes).
 */
class SplitLoadIT extends ConnectorIT {
    private static final int ROWS = 20_000;

    SplitLoadIT() {
        super("split-load");
    }

    @Test
    void fullTableAndIncrementalLoadsSplitIntoRangesEveryRowOnceThenOneTaskGoesOn() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            for (String table : List.of("sl_full", "sl_incr")) {
                st.execute("DROP TABLE IF EXISTS " + table);
                st.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, body text, updated_at timestamptz"
                    + " NOT NULL DEFAULT clock_timestamp())");
                st.execute("INSERT INTO " + table + " SELECT g, md5(g::text) FROM generate_series(1, " + ROWS
                    + ") g");
                st.execute("ANALYZE " + table);
            }
            // A partitioned table is split through its parent: its estimate is its partitions'.
            st.execute("DROP TABLE IF EXISTS sl_part");
            st.execute("CREATE TABLE sl_part (id bigint PRIMARY KEY, body text) PARTITION BY RANGE (id)");
            st.execute("CREATE TABLE sl_part_low PARTITION OF sl_part FOR VALUES FROM (MINVALUE) TO (5000)");
            st.execute("CREATE TABLE sl_part_high PARTITION OF sl_part FOR VALUES FROM (5000) TO (MAXVALUE)");
            st.execute("INSERT INTO sl_part SELECT g, md5(g::text) FROM generate_series(1, " + ROWS + ") g");
            st.execute("ANALYZE sl_part");
        }
        Map<String, String> config = connect.connectorConfig(pg, name, "it_split", "public\\.sl_(full|incr|part)");
        config.put("tasks.max", "3");
        config.put("batch.max.rows", "500");
        config.put("split.min.rows", "1000");
        config.put("replication.method", "FULL_TABLE");
        config.put("poll.interval.ms", "3600000");
        config.put("table.public.sl_incr.replication.method", "INCREMENTAL");
        config.put("table.public.sl_incr.replication.key", "updated_at");
        config.put("table.public.sl_incr.poll.interval.ms", "1000");
        connect.rest().putConnector(name, config);

        for (String table : List.of("sl_full", "sl_incr", "sl_part")) {
            List<Decoded> records = connect.topics().readAtLeast("it_split.public." + table, ROWS,
                Duration.ofSeconds(90), Duration.ofSeconds(2));
            assertThat(records).extracting(r -> r.keyStruct().getInt64("id")).as("rows of %s", table)
                .doesNotHaveDuplicates().hasSize(ROWS);
        }
        JsonNode offsets = connect.rest().offsets(name).body();
        assertThat(offsets.toString()).as("ranges stored their own positions").contains("\"split\"")
            .contains("sl_full/2").contains("sl_incr/2").contains("sl_part/2");

        // The load is complete: the exporting connection is closed, and no task reads a range any more.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && (exporters() > 0 || rangesAssigned())) {
            Thread.sleep(500);
        }
        assertThat(exporters()).as("exporting connections after the load").isZero();
        assertThat(rangesAssigned()).as("ranges still assigned after the load").isFalse();

        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("INSERT INTO sl_incr (id, body) VALUES (" + (ROWS + 1) + ", 'late')");
            st.execute("UPDATE sl_incr SET body = 'changed', updated_at = clock_timestamp() WHERE id = 7");
        }
        List<Decoded> after = connect.topics().readAtLeast("it_split.public.sl_incr", ROWS + 2,
            Duration.ofSeconds(60), Duration.ofSeconds(3));
        assertThat(after.subList(ROWS, after.size())).extracting(r -> r.keyStruct().getInt64("id"))
            .as("after the load, only the changes").containsExactlyInAnyOrder((long) ROWS + 1, 7L);
    }

    /**
     * FULL_TABLE splits every pass: the connector begins a load when the pass is due, from the last load's start, and
     * no task holds the table between loads. CAPTURE splits its first pass; its task then emits changes, deletes too.
     */
    @Test
    void everyFullTablePassIsALoadAndCaptureGoesOnAfterItsSplitFirstPass() throws Exception {
        int rows = 6000;
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            for (String table : List.of("sl_again", "sl_capture", "sl_small")) {
                st.execute("DROP TABLE IF EXISTS " + table);
                st.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, body text)");
                st.execute("INSERT INTO " + table + " SELECT g, md5(g::text) FROM generate_series(1, "
                    + (table.equals("sl_small") ? 500 : rows) + ") g");
                st.execute("ANALYZE " + table);
            }
        }
        String connector = name + "-again";
        Map<String, String> config = connect.connectorConfig(pg, connector, "it_split2",
            "public\\.sl_(again|capture|small)");
        config.put("tasks.max", "2");
        config.put("split.min.rows", "1000");
        config.put("replication.method", "FULL_TABLE");
        config.put("poll.interval.ms", "12000");
        config.put("table.public.sl_capture.replication.method", "CAPTURE");
        config.put("table.public.sl_capture.poll.interval.ms", "1000");
        config.put("capture.setup", "auto");
        config.put("capture.schema", "sl_capture_log");
        connect.rest().putConnector(connector, config);
        try {
            List<Decoded> twice = connect.topics().readAtLeast("it_split2.public.sl_again", 2 * rows,
                Duration.ofSeconds(90), Duration.ofSeconds(2));
            Map<Long, Long> counts = twice.stream().collect(java.util.stream.Collectors.groupingBy(
                r -> r.keyStruct().getInt64("id"), java.util.stream.Collectors.counting()));
            assertThat(counts).as("two passes, each id once in each").hasSize(rows).allSatisfy((id, n) ->
                assertThat(n).as("records of id %s", id).isEqualTo(2L));
            JsonNode offsets = connect.rest().offsets(connector).body();
            assertThat(offsets.toString()).as("a split table keeps no position of its own: its passes are loads")
                .doesNotContain("sl_again\"").contains("sl_again/1");
            java.util.Set<Long> loads = new java.util.TreeSet<>();
            offsets.path("offsets").forEach(o -> {
                if (o.path("partition").path("split").asText("").contains("sl_again")) {
                    loads.add(o.path("offset").path("split_load").asLong());
                }
            });
            assertThat(loads).as("the ranges' positions are of the second load").hasSize(1);
            // A table under split.min.rows stays one task's, pass after pass.
            assertThat(connect.topics().readAtLeast("it_split2.public.sl_small", 1000, Duration.ofSeconds(30),
                Duration.ZERO)).as("the small table's two passes").hasSizeGreaterThanOrEqualTo(1000);
            assertThat(offsets.toString()).as("the small table's own position").contains("sl_small\"")
                .doesNotContain("sl_small/");

            connect.topics().readAtLeast("it_split2.public.sl_capture", rows, Duration.ofSeconds(60),
                Duration.ofSeconds(2));
            try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
                st.execute("UPDATE sl_capture SET body = 'changed' WHERE id = 3");
                st.execute("DELETE FROM sl_capture WHERE id = 4");
            }
            List<Decoded> capture = connect.topics().readAtLeast("it_split2.public.sl_capture", rows + 2,
                Duration.ofSeconds(60), Duration.ofSeconds(3));
            assertThat(capture.subList(0, rows)).extracting(r -> r.keyStruct().getInt64("id"))
                .as("the split first pass: each row once").doesNotHaveDuplicates();
            assertThat(capture.subList(rows, capture.size())).extracting(r -> r.keyStruct().getInt64("id")
                + (r.value().value() == null ? " deleted" : " " + r.valueStruct().getString("body")))
                .as("after the load, the changes only").containsExactlyInAnyOrder("3 changed", "4 deleted");
        } finally {
            connect.rest().delete(connector);
        }
    }

    private int exporters() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE"
                 + " 'kafka-connect-heroku-postgres snapshot exporter%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private boolean rangesAssigned() {
        JsonNode tasks = connect.rest().tasks(name).body();
        for (JsonNode task : tasks) {
            if (task.path("config").path("task.assignment").asText().contains("|")) {
                return true;
            }
        }
        return false;
    }
}
