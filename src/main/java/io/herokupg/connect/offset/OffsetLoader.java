/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.TableId;

/** Reads the stored positions of a task's tables, all at once, when the task starts. */
public final class OffsetLoader {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetLoader.class);

    private OffsetLoader() {
    }

    /**
     * The stored position of each table that has one. A position that cannot be read is logged and ignored, so the
     * table starts afresh rather than the task failing.
     */
    public static Map<TableId, TableOffset> load(OffsetStorageReader reader, String database,
                                                 Collection<TableId> tables) {
        List<Map<String, Object>> partitions = tables.stream()
            .map(t -> new SourcePartitionKey(database, t).toMap())
            .toList();
        Map<Map<String, Object>, Map<String, Object>> stored = reader.offsets(partitions);
        Map<TableId, TableOffset> result = new HashMap<>();
        for (TableId table : tables) {
            Map<String, Object> offset = stored == null ? null : stored.get(new SourcePartitionKey(database, table)
                .toMap());
            parse(offset, "the stored position of table " + table, "; the table starts afresh")
                .ifPresent(o -> result.put(table, o));
        }
        return result;
    }

    /** A stored position, if there is one and it can be read; else logged (what it is, and what follows) and none. */
    static Optional<TableOffset> parse(Map<String, Object> offset, String what, String then) {
        if (offset == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TableOffset.fromMap(offset));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring {}: {}{}", what, e.getMessage(), then);
            return Optional.empty();
        }
    }
}
