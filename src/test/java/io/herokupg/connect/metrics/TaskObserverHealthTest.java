/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.batch.Batch;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.testing.MutableClock;

/**
 * A table's state and timeliness, on a clock the test moves: the age of the last completed pass, the time until the
 * next pass, the replication lag on a quiet table, and the states of outages, missing and failed tables, with the
 * task's counts of them.
 */
class TaskObserverHealthTest {
    private static final TableId A = new TableId("public", "a");
    private static final TableId B = new TableId("public", "b");
    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final SQLException LOST = new SQLException("connection lost", "08006");

    private final MutableClock clock = new MutableClock();
    private final Map<String, Map<String, Supplier<Object>>> gauges = new HashMap<>();
    private final TaskObserver observer = new TaskObserver("c1", 0, Optional.empty(), clock, new Registry(gauges));

    @Test
    void theLastPassAgeIsNaNUntilAPassCompletesThenResetsAtEachPass() {
        observer.tables(List.of(A));
        observer.restored(A, idle(clock.instant(), OptionalLong.empty()));
        assertThat(gauge(A, MetricNames.LAST_PASS_AGE)).isNaN();
        long start = clock.millis();
        observer.observe(batch(A, true, 3, false, OptionalLong.empty()));
        clock.advance(Duration.ofSeconds(5));
        assertThat(gauge(A, MetricNames.LAST_PASS_AGE)).as("no pass completed yet").isNaN();
        observer.observe(batch(A, true, 2, true, OptionalLong.of(start)));
        assertThat(gauge(A, MetricNames.LAST_PASS_AGE)).isZero();
        clock.advance(Duration.ofSeconds(40));
        assertThat(gauge(A, MetricNames.LAST_PASS_AGE)).isEqualTo(40_000.0);
        clock.advance(Duration.ofSeconds(20));
        observer.observe(batch(A, false, 0, true, OptionalLong.of(clock.millis())));
        assertThat(gauge(A, MetricNames.LAST_PASS_AGE)).as("reset by the next pass").isZero();
    }

    /**
     * A quiet table (no new row) passes every minute: the lag is the time since the last completed pass began,
     * between the pass's duration and the interval plus it, while the newest key's age (the old meaning) grows.
     */
    @Test
    void theLagStaysBoundedOnAQuietTableWhileTheNewestKeyAgeGrows() {
        observer.tables(List.of(A));
        long restoredStart = clock.millis() - 30_000;
        observer.restored(A, idle(Instant.ofEpochMilli(restoredStart).plus(INTERVAL), OptionalLong.of(restoredStart)));
        assertThat(gauge(A, MetricNames.LAG)).as("from the stored offset's last completed pass").isEqualTo(30_000.0);
        Batch.Key key = new Batch.Key("timestamp with time zone", "2026-01-01 00:00:00+00");
        for (int pass = 0; pass < 5; pass++) {
            long start = clock.millis();
            clock.advance(Duration.ofSeconds(2));
            observer.observe(changePass(A, start, Optional.of(key)));
            assertThat(gauge(A, MetricNames.LAG)).as("right after a pass").isEqualTo(2_000.0);
            clock.advance(INTERVAL.minusSeconds(2));
            assertThat(gauge(A, MetricNames.LAG)).as("before the next: the interval").isEqualTo(60_000.0);
        }
        assertThat(gauge(A, MetricNames.NEWEST_KEY_AGE)).as("the old meaning grows on a quiet table")
            .isEqualTo(5 * 60_000.0);
    }

    @Test
    void theNextPassIsDueInTheFutureZeroDuringAPassNegativeWhenOverdue() {
        observer.tables(List.of(A));
        observer.restored(A, idle(clock.instant().plus(INTERVAL), OptionalLong.empty()));
        assertThat(gauge(A, MetricNames.NEXT_PASS_DUE)).isEqualTo(60_000.0);
        clock.advance(Duration.ofSeconds(75));
        assertThat(gauge(A, MetricNames.NEXT_PASS_DUE)).as("overdue").isEqualTo(-15_000.0);
        observer.observe(batch(A, true, 1, false, OptionalLong.empty()));
        assertThat(gauge(A, MetricNames.NEXT_PASS_DUE)).as("in progress").isZero();
        long start = clock.millis();
        clock.advance(Duration.ofSeconds(10));
        observer.observe(batch(A, true, 1, true, OptionalLong.of(start)));
        assertThat(gauge(A, MetricNames.NEXT_PASS_DUE)).isEqualTo(50_000.0);
        observer.observe(new Batch(A, List.of(), 0, before(false), after(false, Optional.of(Instant.MAX),
            OptionalLong.of(start), Optional.empty())));
        assertThat(gauge(A, MetricNames.NEXT_PASS_DUE)).as("a schedule with no next time").isInfinite();
    }

    @Test
    void anOutageIsTheReadingTablesUntilItsReadAndTheOthersUntilAnyRead() {
        observer.tables(List.of(A, B));
        observer.restored(A, idle(clock.instant(), OptionalLong.empty()));
        observer.restored(B, idle(clock.instant(), OptionalLong.empty()));
        observer.observe(batch(A, true, 1, false, OptionalLong.empty()));
        observer.outage(Optional.of(A), LOST);
        assertThat(state(A)).isEqualTo("OUTAGE");
        assertThat(state(B)).isEqualTo("OUTAGE");
        assertThat(gauge(A, MetricNames.STATE)).isEqualTo(5.0);
        assertThat(task(MetricNames.TABLES_OUTAGE)).isEqualTo(2.0);
        assertThat(task(MetricNames.TABLES_FAILED)).isZero();

        observer.observe(batch(B, true, 1, true, OptionalLong.of(clock.millis())));
        assertThat(state(B)).isEqualTo("IDLE");
        assertThat(state(A)).as("its own read has not succeeded yet").isEqualTo("OUTAGE");
        assertThat(task(MetricNames.TABLES_OUTAGE)).isEqualTo(1.0);
        observer.observe(batch(A, true, 1, false, OptionalLong.empty()));
        assertThat(state(A)).isEqualTo("INITIAL_LOAD");
        assertThat(task(MetricNames.TABLES_OUTAGE)).isZero();
        assertThat(task(MetricNames.ERRORS_TOTAL)).isEqualTo(1.0);
    }

    @Test
    void anOutageWithoutATableIsEveryTablesUntilAnyRead() {
        observer.tables(List.of(A, B));
        observer.outage(Optional.empty(), LOST);
        assertThat(task(MetricNames.TABLES_OUTAGE)).isEqualTo(2.0);
        observer.observe(batch(A, false, 0, true, OptionalLong.of(clock.millis())));
        assertThat(state(A)).isEqualTo("IDLE");
        assertThat(state(B)).isEqualTo("PENDING");
    }

    @Test
    void aSkippedTableIsFailedForGoodAndAMissingOneUntilItIsReadAgain() {
        observer.tables(List.of(A, B));
        observer.tableFailed(A, new SQLException("permission denied", "42501"));
        observer.missing(B, new SQLException("does not exist", "42P01"), clock.instant().plusSeconds(30));
        assertThat(state(A)).isEqualTo("FAILED");
        assertThat(gauge(A, MetricNames.STATE)).isEqualTo(4.0);
        assertThat(gauge(A, MetricNames.NEXT_PASS_DUE)).isNaN();
        assertThat(state(B)).isEqualTo("MISSING");
        assertThat(gauge(B, MetricNames.NEXT_PASS_DUE)).isEqualTo(30_000.0);
        assertThat(task(MetricNames.TABLES)).isEqualTo(2.0);
        assertThat(task(MetricNames.TABLES_FAILED)).isEqualTo(1.0);
        assertThat(task(MetricNames.TABLES_MISSING)).isEqualTo(1.0);

        observer.outage(Optional.empty(), LOST);
        assertThat(state(A)).as("an outage does not hide a table failed for good").isEqualTo("FAILED");
        assertThat(state(B)).isEqualTo("MISSING");
        observer.observe(batch(B, true, 1, true, OptionalLong.of(clock.millis())));
        assertThat(state(B)).isEqualTo("IDLE");
        assertThat(state(A)).isEqualTo("FAILED");
        assertThat(task(MetricNames.TABLES_FAILED)).isEqualTo(1.0);
        assertThat(task(MetricNames.TABLES_MISSING)).isZero();
    }

    @Test
    void aTableNotFoundAtStartIsMissingAndATaskFailureFailsTheTableRead() {
        observer.tables(List.of(A, B));
        observer.notFound(List.of(B));
        observer.taskFailed(Optional.of(A), new SQLException("syntax error", "42601"));
        assertThat(state(B)).isEqualTo("MISSING");
        assertThat(gauge(B, MetricNames.NEXT_PASS_DUE)).isNaN();
        assertThat(state(A)).isEqualTo("FAILED");
    }

    @Test
    void theConnectorCountsItsTablesAndTasks() {
        Map<String, Map<String, Supplier<Object>>> connector = new HashMap<>();
        int[] tables = {3};
        try (ConnectorObserver observed = new ConnectorObserver(new Registry(connector), () -> tables[0], () -> 2)) {
            tables[0] = 4;
            assertThat(connector.get("").get(MetricNames.TABLES).get()).isEqualTo(4.0);
            assertThat(connector.get("").get(MetricNames.TASKS).get()).isEqualTo(2.0);
            assertThat(connector.get("").keySet()).containsExactlyElementsOf(MetricNames.CONNECTOR.keySet());
        }
    }

    /** A read of {@code rows} rows; when it ends a pass begun at {@code completeAsOf}, the next is due a minute on. */
    private Batch batch(TableId table, boolean full, int rows, boolean ends, OptionalLong completeAsOf) {
        List<SourceRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            records.add(new SourceRecord(Map.of(), Map.of(), "t", Schema.INT32_SCHEMA, i));
        }
        Optional<Instant> due = ends ? Optional.of(Instant.ofEpochMilli(completeAsOf.orElseThrow()).plus(INTERVAL))
            : Optional.empty();
        return new Batch(table, records, rows, before(full), after(!ends, due, completeAsOf, Optional.empty()));
    }

    /** A change pass that found nothing, begun at {@code startMs}, ending now. */
    private Batch changePass(TableId table, long startMs, Optional<Batch.Key> newestKey) {
        return new Batch(table, List.of(), 0, before(false), after(false,
            Optional.of(Instant.ofEpochMilli(startMs).plus(INTERVAL)), OptionalLong.of(startMs), newestKey));
    }

    private Batch.Before before(boolean full) {
        return new Batch.Before("INCREMENTAL", clock.millis(), System.nanoTime(), false, full, "-",
            OptionalLong.empty());
    }

    private static Batch.After after(boolean inPass, Optional<Instant> nextDue, OptionalLong completeAsOf,
                                     Optional<Batch.Key> newestKey) {
        return new Batch.After(inPass, "-", Optional.empty(), newestKey, Optional.empty(), OptionalLong.empty(),
            Optional.empty(), completeAsOf, nextDue);
    }

    private static Batch.After idle(Instant nextDue, OptionalLong completeAsOf) {
        return after(false, Optional.of(nextDue), completeAsOf, Optional.empty());
    }

    private double gauge(TableId table, String name) {
        return (Double) gauges.get(table.toString()).get(name).get();
    }

    private String state(TableId table) {
        return (String) gauges.get(table.toString()).get(MetricNames.STATE_NAME).get();
    }

    private double task(String name) {
        return (Double) gauges.get("").get(name).get();
    }

    /** Keeps the gauges registered, by table ("" for the task's or the connector's). */
    record Registry(Map<String, Map<String, Supplier<Object>>> gauges) implements MetricsRegistry {
        @Override
        public void register(LinkedHashMap<String, String> tags, Map<String, String> descriptions,
                             Map<String, Supplier<Object>> registered) {
            gauges.put(tags.getOrDefault(MetricNames.TABLE_TAG, ""), registered);
        }

        @Override
        public void unregister(LinkedHashMap<String, String> tags) {
        }

        @Override
        public void close() {
        }
    }
}
