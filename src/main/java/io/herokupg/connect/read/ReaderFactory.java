/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.offset.FullTableOffset;
import io.herokupg.connect.offset.TableOffset;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.types.RecordBuilder;

/** Creates the reader of a table for its replication method: the one place that chooses by method. */
public final class ReaderFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderFactory.class);

    private ReaderFactory() {
    }

    /**
     * A reader for the table, resuming from its stored position when that position belongs to the same method;
     * a position of another method is logged and ignored, and the table starts afresh.
     */
    public static TableReader create(RecordBuilder builder, Map<String, Object> partition, PassSchedule schedule,
                                     Clock clock, Optional<TableOffset> stored) {
        Optional<FullTableOffset> position = stored.flatMap(offset -> {
            if (offset instanceof FullTableOffset full) {
                return Optional.of(full);
            }
            LOG.warn("Table {}: the stored position is for method {}, not {}; starting afresh",
                builder.table().id(), offset.method(), FullTableOffset.METHOD);
            return Optional.empty();
        });
        return new FullTableReader(builder, partition, schedule, clock, position);
    }
}
