/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.herokupg.connect.types.CopyRow;
import io.herokupg.connect.types.RecordBuilder;

/**
 * The records of CAPTURE rows (docs/capture.md): a row read by the first pass ({@code r}), inserted ({@code c}) or
 * updated ({@code u}) is a record of the row; one deleted ({@code d}) or removed by a TRUNCATE ({@code t}) is a
 * tombstone, after a delete marker with {@code capture.delete.handling=marker+tombstone}. Each carries the
 * operation ({@value #OP}) and the transaction id of its change ({@value #TXID}) as headers.
 */
final class ChangeRecords {
    /** The header of the operation: {@code r}, {@code c}, {@code u}, {@code d} or {@code t}. */
    static final String OP = "op";
    /** The header of the 64-bit id of the transaction that made the change (or, for {@code r}, the row's). */
    static final String TXID = "txid";

    private final MetadataHeaders headers;
    private final boolean marker;
    private Positions positions;
    private Supplier<Map<String, Object>> batchStart;
    /** The offset before the next row: the previous row's, or (asked when needed) the position before the batch. */
    private Map<String, ?> before;

    ChangeRecords(MetadataHeaders headers, boolean marker) {
        this.headers = headers;
        this.marker = marker;
    }

    /** A batch begins: the positions of its rows, and the offset of the position before it. */
    void batch(Positions rows, Supplier<Map<String, Object>> offsetBefore) {
        this.positions = rows;
        this.batchStart = offsetBefore;
        this.before = null;
    }

    /**
     * Adds the records of a row, whose value (for a deleted row: its key's fields) the record builder read. A delete
     * marker carries the offset before its row, the tombstone the row's: when Connect commits the marker's offset
     * and the task stops before the tombstone is sent, the task started again reads the row again, rather than leave
     * the key with the marker as its last value.
     */
    void add(List<SourceRecord> records, RecordBuilder builder, CopyRow row, Struct value, Map<String, ?> partition,
             Map<String, ?> offset, long extractedAt) {
        String op = positions.op(row);
        String txid = positions.lead(row);
        if ("d".equals(op) || "t".equals(op)) {
            if (marker) {
                Map<String, ?> markerOffset = before != null ? before : batchStart.get();
                records.add(tagged(builder.deleteMarker(value, partition, markerOffset), op, txid, extractedAt));
            }
            records.add(tagged(builder.tombstone(value, partition, offset), op, txid, extractedAt));
        } else {
            records.add(tagged(builder.toRecord(value, partition, offset), op, txid, extractedAt));
        }
        before = offset;
    }

    private SourceRecord tagged(SourceRecord record, String op, String txid, long extractedAt) {
        record.headers().addString(OP, op);
        record.headers().addLong(TXID, Long.parseLong(txid));
        return headers.add(record, extractedAt, null);
    }
}
