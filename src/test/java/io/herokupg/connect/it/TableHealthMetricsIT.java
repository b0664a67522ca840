/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;
import io.herokupg.connect.testing.TcpProxy;

/**
 * The gauges an operator alerts on, read over JMX from a task replicating real PostgreSQL tables: the freshness and
 * the replication lag of a quiet table stay bounded pass after pass (the newest key's age, the lag's old meaning,
 * grows); a database made unreachable puts the task's tables in OUTAGE, not FAILED, until it is back; a table
 * skipped by table.failure.policy is FAILED; the task counts them.
 */
class TableHealthMetricsIT {
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final PostgresFixture pg = SharedServices.postgres();

    private static ObjectName bean(String table) throws Exception {
        return new ObjectName("kafka.connect:type=plugins,connector=task-driver,task=0"
            + (table == null ? "" : ",table=public." + table));
    }

    private static double gauge(String table, String name) throws Exception {
        return ((Number) JMX.getAttribute(bean(table), name)).doubleValue();
    }

    private static String state(String table) throws Exception {
        return (String) JMX.getAttribute(bean(table), "state-name");
    }

    private void table(String name, int rows) throws Exception {
        pg.execute("DROP TABLE IF EXISTS " + name, "CREATE TABLE " + name + " (id bigint PRIMARY KEY, updated_at"
            + " timestamptz NOT NULL)", "INSERT INTO " + name + " SELECT g, now() - interval '1 minute'"
            + " FROM generate_series(1, " + rows + ") g");
    }

    /** Polls until the condition holds (checked after each poll). */
    private static void pollUntil(TaskDriver driver, BooleanSupplier condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            driver.poll();
        }
    }

    private static BooleanSupplier states(String table, String... names) {
        return () -> {
            try {
                return List.of(names).contains(state(table));
            } catch (Exception e) {
                return false;
            }
        };
    }

    /**
     * A table that stops changing, read every second: after each pass, the time since the last pass completed goes
     * back to about nothing, and the replication lag (since the last completed pass began) stays within the interval
     * and a pass, while the newest key's age grows with the clock.
     */
    @Test
    void freshnessResetsAndTheLagStaysBoundedOnAQuietTable() throws Exception {
        table("health_quiet", 50);
        TaskDriver driver = new TaskDriver(pg, "public.health_quiet", Map.of("replication.method", "INCREMENTAL",
            "replication.key", "updated_at", "poll.interval.ms", "1000")).start();
        try {
            driver.pollUntil(r -> r.size() >= 50, TIMEOUT);
            pollUntil(driver, () -> passes() >= 2, "a second pass");
            double firstPasses = passes();
            List<double[]> samples = new ArrayList<>();
            Instant end = Instant.now().plusSeconds(6);
            while (Instant.now().isBefore(end)) {
                assertThat(driver.poll()).as("a quiet table: nothing new").isNullOrEmpty();
                samples.add(new double[] {gauge("health_quiet", "replication-lag-ms"),
                    gauge("health_quiet", "last-pass-completed-age-ms"), gauge("health_quiet", "newest-key-age-ms")});
            }
            assertThat(passes() - firstPasses).as("passes while sampling").isGreaterThanOrEqualTo(3);
            for (double[] s : samples) {
                assertThat(s[0]).as("lag: within the interval (1 s) and a pass").isBetween(0.0, 2_500.0);
                assertThat(s[1]).as("time since the last pass ended").isBetween(0.0, 2_000.0);
            }
            assertThat(samples.stream().mapToDouble(s -> s[1]).min().orElseThrow()).as("reset by a pass")
                .isLessThan(samples.stream().mapToDouble(s -> s[1]).max().orElseThrow() - 300);
            double[] first = samples.get(0);
            double[] last = samples.get(samples.size() - 1);
            assertThat(first[2]).as("the newest key's age (the old lag)").isGreaterThan(60_000.0);
            assertThat(last[2] - first[2]).as("grows with the clock on a quiet table").isGreaterThan(4_000.0);
            assertThat(gauge("health_quiet", "next-pass-due-ms")).isBetween(-1_500.0, 1_000.0);
            assertThat(state("health_quiet")).isIn("IDLE", "INCREMENTAL");
        } finally {
            driver.stop();
        }
    }

    private static double passes() {
        try {
            return gauge("health_quiet", "passes-total");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Through a proxy that stops forwarding (the database unreachable): both tables are in OUTAGE and counted so,
     * none FAILED; once the network is back, neither is. Then one table's SELECT privilege is revoked: it is FAILED,
     * skipped for good, and the other goes on.
     */
    @Test
    void anUnreachableDatabaseIsAnOutageAndASkippedTableIsFailed() throws Exception {
        table("health_a", 10);
        table("health_b", 10);
        try (TcpProxy proxy = TcpProxy.start(pg.host(), pg.port())) {
            TaskDriver driver = new TaskDriver(pg, "public.health_a,public.health_b", Map.of(
                "database.port", Integer.toString(proxy.port()), "poll.interval.ms", "500",
                "database.connect.timeout.ms", "2000", "database.statement.timeout.ms", "2000")).start();
            try {
                driver.pollUntil(r -> r.size() >= 20, TIMEOUT);
                assertThat(gauge(null, "tables")).isEqualTo(2.0);
                assertThat(gauge(null, "tables-outage")).isZero();

                proxy.stall(true);
                proxy.cutAll();
                pollUntil(driver, () -> states("health_a", "OUTAGE").getAsBoolean()
                    && states("health_b", "OUTAGE").getAsBoolean(), "both tables in OUTAGE");
                assertThat(gauge("health_a", "state")).isEqualTo(5.0);
                assertThat(gauge(null, "tables-outage")).isEqualTo(2.0);
                assertThat(gauge(null, "tables-failed")).isZero();
                assertThat(gauge("health_a", "errors-total")).isPositive();

                proxy.stall(false);
                pollUntil(driver, () -> !states("health_a", "OUTAGE").getAsBoolean()
                    && !states("health_b", "OUTAGE").getAsBoolean(), "the outage's end");
                assertThat(gauge(null, "tables-outage")).isZero();
                assertThat(state("health_a")).isIn("IDLE", "INITIAL_LOAD");

                pg.execute("REVOKE SELECT ON health_a FROM " + pg.user());
                pollUntil(driver, states("health_a", "FAILED"), "health_a FAILED");
                assertThat(gauge(null, "tables-failed")).isEqualTo(1.0);
                assertThat(gauge(null, "tables-outage")).isZero();
                assertThat(gauge("health_a", "next-pass-due-ms")).as("no next pass").isNaN();
                pg.execute("INSERT INTO health_b SELECT g, now() FROM generate_series(11, 12) g");
                driver.pollUntil(r -> r.stream().anyMatch(rec -> rec.topic().endsWith("health_b")), TIMEOUT);
                assertThat(state("health_b")).isIn("IDLE", "INITIAL_LOAD");
                assertThat(state("health_a")).isEqualTo("FAILED");
            } finally {
                driver.stop();
                pg.execute("GRANT SELECT ON health_a TO " + pg.user());
            }
        }
    }
}
