/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.config.ReplicationSettings;
import io.herokupg.connect.offset.ChangeOffset;
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
     * A reader for the table, resuming from its stored position when that position belongs to the same method (and,
     * for INCREMENTAL, the same key column); any other position is logged and ignored, and the table starts afresh.
     * With {@code headers}, records carry the {@code _heroku} metadata headers. {@code builders} gives the reader a
     * builder for the table's new shape when it changes; {@code fetchers} runs the threads that read rows ahead.
     *
     * @throws IllegalArgumentException when the replication key is not among the table's replicated columns
     */
    public static TableReader create(RecordBuilder builder, ReplicationSettings replication,
                                     Map<String, Object> partition, PassSchedule schedule, Clock clock,
                                     boolean headers, BuilderSource builders, Executor fetchers,
                                     Optional<TableOffset> stored) {
        return switch (replication.method()) {
            case FULL_TABLE -> new FullTableReader(builder, partition, schedule, clock, headers, builders, fetchers,
                stored.filter(o -> sameMethod(builder, o, FullTableOffset.METHOD)).map(FullTableOffset.class::cast));
            case INCREMENTAL -> {
                String keyName = replication.key().orElseThrow();
                ColumnInfo key = builder.table().column(keyName).orElseThrow(() -> new IllegalArgumentException(
                    "Table " + builder.table().id() + " has no replicated column '" + keyName + "' for "
                        + replication.keyKey()));
                yield new IncrementalReader(builder, key, partition, schedule, clock, headers, builders, fetchers,
                    stored
                    .filter(o -> sameMethod(builder, o, ChangeOffset.INCREMENTAL))
                    .map(ChangeOffset.class::cast)
                    .filter(o -> sameKey(builder, o, keyName))
                    .orElseGet(() -> ChangeOffset.initial(ChangeOffset.INCREMENTAL, Optional.of(keyName))));
            }
            case XMIN -> new XminReader(builder, partition, schedule, clock, headers, builders, fetchers, stored
                .filter(o -> sameMethod(builder, o, ChangeOffset.XMIN))
                .map(ChangeOffset.class::cast)
                .orElseGet(() -> ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty())));
        };
    }

    private static boolean sameMethod(RecordBuilder builder, TableOffset offset, String method) {
        if (offset.method().equals(method)) {
            return true;
        }
        LOG.warn("Table {}: the stored position is for method {}, and the table is now replicated by {}; its stored"
            + " position is discarded and it starts afresh", builder.table().id(), offset.method(), method);
        return false;
    }

    private static boolean sameKey(RecordBuilder builder, ChangeOffset offset, String key) {
        if (offset.keyColumn().equals(Optional.of(key))) {
            return true;
        }
        LOG.warn("Table {}: the stored position is for replication key {}, and the key is now {}; its stored position"
            + " is discarded and it starts afresh", builder.table().id(), offset.keyColumn().orElse("(none)"), key);
        return false;
    }
}
