/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.ConnectRest;
import io.herokupg.connect.testing.EmbeddedConnectFixture;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;
import io.herokupg.connect.testing.TopicReader.Decoded;

/** Metrics over JMX (plugin metrics in a worker; our MBean without), loading reports, extraction logs. */
class ObservabilityIT {
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    private static final String SENTINEL = "VALUE-SENTINEL-7f3a";

    private final PostgresFixture pg = SharedServices.postgres();
    private String connector;
    private TaskDriver driver;

    @AfterEach
    void cleanUp() {
        if (connector != null) {
            SharedServices.connect().rest().delete(connector);
        }
        if (driver != null) {
            driver.stop();
        }
    }

    private void table(String name, int rows, boolean incremental) throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + name);
            st.execute("CREATE TABLE " + name + " (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT"
                + " now() - interval '1 minute', note text)");
            st.execute("INSERT INTO " + name + " SELECT g, now() - interval '1 minute', '" + SENTINEL + "' || g"
                + " FROM generate_series(1, " + rows + ") g");
            st.execute("ANALYZE " + name);
        }
    }

    private static ObjectName bean(String connector, String table) throws Exception {
        return new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",task=0"
            + (table == null ? "" : ",table=" + table));
    }

    private static double attribute(ObjectName name, String attribute) throws Exception {
        return ((Number) JMX.getAttribute(name, attribute)).doubleValue();
    }

    private static void await(Predicate<Void> condition, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.test(null)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not reached in " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private static boolean passed(ObjectName name) {
        try {
            return JMX.isRegistered(name) && attribute(name, "passes-total") >= 1;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void workerPluginMetricsAndReportsOfAFullTableLoad() throws Exception {
        ConnectFixture connect = SharedServices.connect();
        assumeTrue(connect instanceof EmbeddedConnectFixture, "the worker must run in this JVM to read its JMX");
        table("obs_worker", 1_200, false);
        Map<String, String> config = connect.connectorConfig(pg, "obs-worker", "it_obs", "public\\.obs_worker");
        config.put("batch.max.rows", "500");
        config.put("poll.interval.ms", "3600000");
        config.put("reports.topic", "it_obs_reports");
        connector = "obs-worker";
        connect.rest().putConnector(connector, config);
        connect.rest().awaitRunning(connector, 1);

        List<Decoded> rows = connect.topics().readAtLeast("it_obs.public.obs_worker", 1_200, Duration.ofSeconds(60),
            Duration.ofSeconds(1));
        assertThat(rows).hasSize(1_200);
        List<Decoded> reports = connect.topics().readAtLeast("it_obs_reports", 1, Duration.ofSeconds(30),
            Duration.ofSeconds(1));
        assertThat(reports).hasSize(1);
        Struct report = reports.get(0).valueStruct();
        assertThat(reports.get(0).key().value()).isEqualTo("public.obs_worker");
        assertThat(report.getString("table")).isEqualTo("public.obs_worker");
        assertThat(report.getString("method")).isEqualTo("FULL_TABLE");
        assertThat(report.getInt64("rows")).isEqualTo(1_200L);
        assertThat(report.getInt64("bytes")).isPositive();
        assertThat(report.getInt64("finished_ms")).isGreaterThanOrEqualTo(report.getInt64("started_ms"));
        assertThat(report.getString("position")).startsWith("complete");

        ObjectName table = bean(connector, "public.obs_worker");
        await(v -> passed(table), Duration.ofSeconds(30));
        assertThat(attribute(table, "rows-total")).isEqualTo(1_200.0);
        assertThat(attribute(table, "passes-total")).isEqualTo(1.0);
        assertThat(attribute(table, "bytes-total")).isPositive();
        assertThat(attribute(table, "state")).isEqualTo(3.0);
        assertThat(JMX.getAttribute(table, "state-name")).isEqualTo("IDLE");
        assertThat(attribute(table, "load-rows-estimated")).isEqualTo(1_200.0);
        assertThat(attribute(table, "load-progress-percent")).isEqualTo(100.0);
        assertThat(attribute(table, "last-pass-end-timestamp-ms"))
            .isGreaterThanOrEqualTo(attribute(table, "last-pass-start-timestamp-ms"));
        assertThat(attribute(table, "errors-total")).isZero();
        ObjectName task = bean(connector, null);
        assertThat(attribute(task, "rows-total")).isEqualTo(1_200.0);
        assertThat(attribute(task, "tables")).isEqualTo(1.0);
        assertThat(attribute(task, "tables-failed")).isZero();
        assertThat(attribute(task, "tables-outage")).isZero();
        assertThat(attribute(table, "last-pass-completed-age-ms")).isNotNaN().isGreaterThanOrEqualTo(0.0);
        assertThat(attribute(table, "replication-lag-ms")).as("since the pass began")
            .isGreaterThanOrEqualTo(attribute(table, "last-pass-completed-age-ms"));
        assertThat(attribute(table, "next-pass-due-ms")).as("an hour's interval").isBetween(3_000_000.0, 3_600_000.0);
        ObjectName own = new ObjectName("kafka.connect:type=plugins,connector=" + connector);
        assertThat(attribute(own, "tables")).as("the connector's own plugin metrics").isEqualTo(1.0);
        assertThat(attribute(own, "tasks")).isEqualTo(1.0);
        assertThat(ConnectRest.allTasksIn(connect.rest().status(connector).body(), "RUNNING")).isTrue();
    }

    @Test
    void extractionLogsNamePassesAndQueriesWithoutValuesOrSecrets() throws Exception {
        table("obs_logs", 300, true);
        String text;
        try (LogCapture logs = LogCapture.begin()) {
            driver = new TaskDriver(pg, "public.obs_logs", Map.of("replication.method", "INCREMENTAL",
                "replication.key", "updated_at", "batch.max.rows", "100", "poll.interval.ms", "200")).start();
            driver.pollUntil(r -> r.size() >= 300, Duration.ofSeconds(30));
            driver.pollFor(Duration.ofMillis(800));
            text = logs.text();
        }
        List<String> lines = Arrays.stream(text.split("\n"))
            .filter(l -> l.startsWith("io.herokupg.connect.extraction ")).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Pass started: table=public.obs_logs",
            "method=INCREMENTAL", "full_read=true", "query="));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Pass ended: table=public.obs_logs",
            "method=INCREMENTAL", "rows=300", "bytes=", "duration_ms=", "position_after=low="));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Batch: table=public.obs_logs", "rows=100"));
        List<String> queries = lines.stream().filter(l -> l.contains("Query ")).toList();
        assertThat(queries).isNotEmpty()
            .allSatisfy(q -> assertThat(q).contains("SELECT", "\"updated_at\""));
        assertThat(queries).doesNotHaveDuplicates();
        assertThat(queries.stream().map(q -> q.split(" ")[2]).distinct().count()).isEqualTo(queries.size());
        assertThat(String.join("\n", lines)).doesNotContain(SENTINEL).doesNotContain(pg.password())
            .doesNotContainIgnoringCase("password");
    }

    @Test
    void withoutPluginMetricsTheTaskRegistersItsOwnMBean() throws Exception {
        table("obs_fallback", 250, false);
        driver = new TaskDriver(pg, "public.obs_fallback", Map.of("batch.max.rows", "100",
            "poll.interval.ms", "3600000")).start();
        driver.pollUntil(r -> r.size() >= 250, Duration.ofSeconds(30));
        ObjectName table = bean("task-driver", "public.obs_fallback");
        assertThat(JMX.isRegistered(table)).isTrue();
        assertThat(attribute(table, "rows-total")).isEqualTo(250.0);
        assertThat(attribute(table, "passes-total")).isEqualTo(1.0);
        assertThat(attribute(table, "load-progress-percent")).isEqualTo(100.0);
        assertThat(JMX.getAttribute(table, "state-name")).isEqualTo("IDLE");
        assertThat(attribute(bean("task-driver", null), "rows-total")).isEqualTo(250.0);
        driver.stop();
        driver = null;
        assertThat(JMX.isRegistered(table)).as("unregistered when the task stops").isFalse();
    }
}
