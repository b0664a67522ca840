/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.check.Preflight;
import io.herokupg.connect.config.TableType;
import io.herokupg.connect.jdbc.SqlErrors.Diagnosis;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.MutableClock;

/** The scheduled discovery without a database: when it reconfigures the tasks, and when it fails the connector. */
class TableDiscoveryJobTest {
    private static final TableInfo A = table("a");
    private static final TableInfo B = table("b");
    private static final Preflight.Result UNREACHABLE = new Preflight.Result(List.of(),
        List.of(new Diagnosis("database.hostname", "Connection refused")), true);
    private static final Preflight.Result NOTHING_SELECTED = new Preflight.Result(List.of(),
        List.of(new Diagnosis("table.include.list", "No [TABLE] matches the selection")), false);

    private final Context context = new Context();
    private final MutableClock clock = new MutableClock();
    private final Deque<Supplier<Preflight.Result>> results = new ArrayDeque<>();
    private final TableDiscoveryJob job = new TableDiscoveryJob("orders", Duration.ofSeconds(1), List.of(A),
        () -> results.remove().get(), context, clock, 3, Duration.ofMinutes(1));

    @Test
    void aChangedSetOfTablesReconfiguresTheTasksOnce() {
        run(Duration.ZERO, ok(A, B), ok(B, A), ok(B));

        assertThat(job.tables()).containsExactly(B);
        assertThat(context.reconfigurations).as("a added b, then a removed").isEqualTo(2);
        assertThat(context.errors).isEmpty();
    }

    @Test
    void threeFailuresInARowOverAMinuteFailTheConnectorOnce() {
        try (LogCapture log = LogCapture.begin()) {
            run(Duration.ofSeconds(30), fixed(UNREACHABLE), fixed(UNREACHABLE));
            assertThat(context.errors).as("two failures").isEmpty();
            run(Duration.ofSeconds(30), fixed(UNREACHABLE), fixed(UNREACHABLE));

            assertThat(context.errors).as("the third failure, a minute after the first; only once").hasSize(1);
            assertThat(context.errors.get(0)).hasMessageContaining("Table discovery failed 3 times in a row, for 60 s")
                .hasMessageContaining("Connection refused");
            assertThat(log.text()).contains("Table discovery keeps the current tables: Connection refused");
        }
        assertThat(job.tables()).containsExactly(A);
    }

    @Test
    void quickFailuresWaitForTheMinute() {
        run(Duration.ofSeconds(1), fixed(UNREACHABLE), fixed(UNREACHABLE), fixed(UNREACHABLE), fixed(UNREACHABLE));
        assertThat(context.errors).isEmpty();
        run(Duration.ofSeconds(56), fixed(UNREACHABLE));
        assertThat(context.errors).as("59 s").isEmpty();
        run(Duration.ofSeconds(1), fixed(UNREACHABLE));

        assertThat(context.errors).as("the sixth failure, a minute after the first").hasSize(1);
    }

    @Test
    void exceptionsAreFailuresToo() {
        try (LogCapture log = LogCapture.begin()) {
            run(Duration.ofSeconds(30), thrown(), thrown(), thrown());

            assertThat(context.errors).hasSize(1);
            assertThat(context.errors.get(0)).hasMessageContaining("catalog query failed");
            assertThat(log.text()).contains("Table discovery failed; keeping the current tables: catalog query failed");
        }
    }

    @Test
    void aDiscoveryThatCompletesEndsARunOfFailures() {
        run(Duration.ofSeconds(30), fixed(UNREACHABLE), fixed(UNREACHABLE), ok(A), fixed(UNREACHABLE),
            fixed(UNREACHABLE));
        assertThat(context.errors).as("two failures since the success").isEmpty();
        run(Duration.ofSeconds(30), fixed(NOTHING_SELECTED), fixed(UNREACHABLE), fixed(UNREACHABLE));
        assertThat(context.errors).as("problems found are no failure, and end the run").isEmpty();
        run(Duration.ofSeconds(30), fixed(UNREACHABLE));
        assertThat(context.errors).hasSize(1);
    }

    @Test
    void problemsFoundKeepThePlanAndNeverFailTheConnector() {
        try (LogCapture log = LogCapture.begin()) {
            run(Duration.ofMinutes(5), fixed(NOTHING_SELECTED), fixed(NOTHING_SELECTED), fixed(NOTHING_SELECTED),
                fixed(NOTHING_SELECTED));

            assertThat(context.errors).isEmpty();
            assertThat(context.reconfigurations).isZero();
            assertThat(job.tables()).containsExactly(A);
            assertThat(log.text()).contains("Table discovery keeps the current tables: No [TABLE] matches");
        }
    }

    @Test
    void failuresWhileStoppingAreNotRaised() {
        job.stop();
        run(Duration.ofMinutes(1), fixed(UNREACHABLE), fixed(UNREACHABLE), fixed(UNREACHABLE));

        assertThat(context.errors).isEmpty();
    }

    @Test
    void discoveryRunsOnItsNamedThreadWithTheWorkersMdc() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        MDC.put("connector.context", "[orders] ");
        TableDiscoveryJob scheduled;
        try {
            scheduled = new TableDiscoveryJob("orders", Duration.ofMillis(10), List.of(A), () -> {
                seen.complete(Thread.currentThread().getName() + " " + MDC.get("connector.context"));
                return new Preflight.Result(List.of(A), List.of(), false);
            }, context);
            scheduled.start();
        } finally {
            MDC.remove("connector.context");
        }
        try {
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("herokupg-discovery-orders [orders] ");
        } finally {
            scheduled.stop();
        }
    }

    @Test
    void noScheduleWithoutAnInterval() {
        TableDiscoveryJob never = new TableDiscoveryJob("orders", Duration.ZERO, List.of(A), () -> {
            throw new AssertionError("discovered");
        }, context);
        never.start();
        never.stop();
        assertThat(never.tables()).containsExactly(A);
    }

    /** Runs the job once per result, the clock advancing by the step before each run. */
    @SafeVarargs
    private void run(Duration step, Supplier<Preflight.Result>... each) {
        for (Supplier<Preflight.Result> result : each) {
            clock.advance(step);
            results.add(result);
            job.run();
        }
    }

    private static Supplier<Preflight.Result> ok(TableInfo... tables) {
        return fixed(new Preflight.Result(List.of(tables), List.of(), false));
    }

    private static Supplier<Preflight.Result> fixed(Preflight.Result result) {
        return () -> result;
    }

    private static Supplier<Preflight.Result> thrown() {
        return () -> {
            throw new IllegalStateException("catalog query failed");
        };
    }

    private static TableInfo table(String name) {
        return new TableInfo(new TableId("public", name), List.of(), List.of(), 0, TableType.TABLE);
    }

    private static final class Context implements ConnectorContext {
        private final List<Exception> errors = new ArrayList<>();
        private int reconfigurations;

        @Override
        public void requestTaskReconfiguration() {
            reconfigurations++;
        }

        @Override
        public void raiseError(Exception e) {
            errors.add(e);
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
