/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * What a driven task returned: the records, and for the rows above an id (those inserted during the round) how many
 * came, and when each table's first one came. Records are counted and dropped.
 */
final class RecordTally {
    private long records;
    private long threshold = Long.MAX_VALUE;
    private long sinceNanos;
    private long above;
    private final Map<String, Long> firstAbove = new HashMap<>();

    /** From now on, counts the rows whose id is above {@code id}, timed from {@code sinceNanos}. */
    void watchAbove(long id, long since) {
        threshold = id;
        sinceNanos = since;
    }

    void add(List<SourceRecord> batch) {
        if (batch == null) {
            return;
        }
        long now = System.nanoTime();
        for (SourceRecord record : batch) {
            records++;
            if (((Struct) record.value()).getInt64("id") > threshold) {
                above++;
                firstAbove.putIfAbsent(record.topic(), now - sinceNanos);
            }
        }
    }

    long records() {
        return records;
    }

    /** Rows above the id (duplicates included). */
    long above() {
        return above;
    }

    /** Tables (topics) that returned a row above the id. */
    int tablesAbove() {
        return firstAbove.size();
    }

    /** When each table's first row above the id came, in ns since the watch began. */
    List<Long> arrivals() {
        return new ArrayList<>(firstAbove.values());
    }
}
