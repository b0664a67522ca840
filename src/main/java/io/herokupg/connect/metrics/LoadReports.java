/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The loading report of a completed pass, for the {@code reports.topic}: keyed by table, a Struct any converter
 * serialises. It carries the source partition and offset of the pass's last record, so committing it commits
 * nothing new (Connect commits the offset of every record it is given; a report must not move a table's position).
 */
final class LoadReports {
    static final Schema SCHEMA = SchemaBuilder.struct().name("io.herokupg.connect.LoadReport").version(1)
        .field("connector", Schema.STRING_SCHEMA)
        .field("task", Schema.INT32_SCHEMA)
        .field("table", Schema.STRING_SCHEMA)
        .field("method", Schema.STRING_SCHEMA)
        .field("full_read", Schema.BOOLEAN_SCHEMA)
        .field("rows", Schema.INT64_SCHEMA)
        .field("bytes", Schema.INT64_SCHEMA)
        .field("started_ms", Schema.INT64_SCHEMA)
        .field("finished_ms", Schema.INT64_SCHEMA)
        .field("duration_ms", Schema.INT64_SCHEMA)
        .field("position", Schema.STRING_SCHEMA)
        .build();

    private LoadReports() {
    }

    /** What a report says. */
    record Pass(String connector, int task, String table, String method, boolean fullRead, long rows, long bytes,
                long startedMs, long finishedMs, String position) {
    }

    static SourceRecord record(String topic, Pass pass, SourceRecord lastRecord) {
        return record(topic, pass, lastRecord.sourcePartition(), lastRecord.sourceOffset());
    }

    /** A report carrying this partition and offset (a pass that emitted no record: the offset of its end). */
    static SourceRecord record(String topic, Pass pass, Map<String, ?> partition, Map<String, ?> offset) {
        Struct value = new Struct(SCHEMA)
            .put("connector", pass.connector())
            .put("task", pass.task())
            .put("table", pass.table())
            .put("method", pass.method())
            .put("full_read", pass.fullRead())
            .put("rows", pass.rows())
            .put("bytes", pass.bytes())
            .put("started_ms", pass.startedMs())
            .put("finished_ms", pass.finishedMs())
            .put("duration_ms", pass.finishedMs() - pass.startedMs())
            .put("position", pass.position());
        return new SourceRecord(partition, offset, topic, null,
            Schema.STRING_SCHEMA, pass.table(), SCHEMA, value, pass.finishedMs());
    }
}
