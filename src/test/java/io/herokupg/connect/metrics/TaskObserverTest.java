/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.batch.Batch;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.testing.MutableClock;

/**
 * The observer consumes batches, values only (no reader, no connection): a pass's gauges, its end, and its loading
 * report after the last batch of a pass that emitted rows.
 */
class TaskObserverTest {
    private static final TableId TABLE = new TableId("public", "orders");

    private final MutableClock clock = new MutableClock();
    private final Map<String, Map<String, Supplier<Object>>> gauges = new HashMap<>();
    private final TaskObserver observer = new TaskObserver("c1", 0, Optional.of("reports"), clock,
        new TaskObserverHealthTest.Registry(gauges));
    /** Rows read so far, each record's offset. */
    private int row;

    @Test
    void aPassOfTwoBatchesIsCountedAndReportedAtItsEnd() {
        observer.tables(List.of(TABLE));
        long started = clock.millis();
        assertThat(observer.observe(batch(2, true, OptionalLong.of(4), false))).isEmpty();
        assertThat(table(MetricNames.STATE_NAME)).isEqualTo("INITIAL_LOAD");
        assertThat(table(MetricNames.LOAD_ROWS_ESTIMATED)).isEqualTo(4.0);
        clock.advance(Duration.ofSeconds(3));

        Optional<SourceRecord> report = observer.observe(batch(3, true, OptionalLong.empty(), true));

        assertThat(table(MetricNames.ROWS_TOTAL)).isEqualTo(5.0);
        assertThat(table(MetricNames.LAST_PASS_ROWS)).isEqualTo(5.0);
        assertThat(task(MetricNames.PASSES_TOTAL)).isEqualTo(1.0);
        assertThat(report).as("the loading report of the pass").isPresent();
        Struct value = (Struct) report.get().value();
        assertThat(report.get().topic()).isEqualTo("reports");
        assertThat(value.getInt64("rows")).isEqualTo(5L);
        assertThat(value.getInt64("started_ms")).as("from the state before the first read").isEqualTo(started);
        assertThat(value.getString("position")).isEqualTo("after");
        assertThat(report.get().sourceOffset()).as("the offset of the pass's last record")
            .isEqualTo(Map.of("row", 4));
    }

    @Test
    void aChangePassThatFindsNothingIsNotReported() {
        observer.tables(List.of(TABLE));
        assertThat(observer.observe(batch(0, false, OptionalLong.empty(), true))).isEmpty();
        assertThat(task(MetricNames.PASSES_TOTAL)).isEqualTo(1.0);
    }

    @Test
    void aFailedReadIsTheTablesAndTheTasks() {
        observer.tables(List.of(TABLE));
        observer.failed(Optional.of(TABLE), new SQLException("connection lost", "08006"));
        assertThat(table(MetricNames.ERRORS_TOTAL)).isEqualTo(1.0);
        assertThat(task(MetricNames.ERRORS_TOTAL)).isEqualTo(1.0);
        assertThat((String) task(MetricNames.LAST_ERROR)).contains("connection lost");
    }

    private Batch batch(int rows, boolean full, OptionalLong estimate, boolean ends) {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < rows; i++, row++) {
            records.add(new SourceRecord(Map.of("table", "d.public.orders"), Map.of("row", row), "t",
                Schema.INT32_SCHEMA, row));
        }
        Batch.Before before = new Batch.Before("FULL_TABLE", clock.millis(), System.nanoTime(), !estimate.isPresent(),
            full, "before", estimate);
        Batch.After after = new Batch.After(!ends, ends ? "after" : "during", Optional.of("SELECT 1 FROM t"),
            Optional.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty(),
            ends ? OptionalLong.of(before.startedMs()) : OptionalLong.empty(), Optional.empty());
        return new Batch(TABLE, records, rows * 10L, before, after);
    }

    private Object table(String name) {
        return gauges.get(TABLE.toString()).get(name).get();
    }

    private Object task(String name) {
        return gauges.get("").get(name).get();
    }
}
