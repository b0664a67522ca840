/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.HashMap;
import java.util.Map;

import io.herokupg.connect.catalog.TableId;

/**
 * The source partition of a table: {@code {"protocol": 1, "db": …, "schema": …, "table": …}}. It names the table
 * by database name, schema and table only, never by host or user, since Heroku changes both (credential rotation,
 * failover, maintenance) and the position must survive that.
 */
public record SourcePartitionKey(String database, TableId table) {
    public static final int PROTOCOL = 1;

    static final String PROTOCOL_KEY = "protocol";
    static final String DB_KEY = "db";
    static final String SCHEMA_KEY = "schema";
    static final String TABLE_KEY = "table";

    /**
     * The partition as a {@link HashMap}. The worker keys stored offsets by the partition's JSON bytes and looks
     * them up by serializing the partition again, after a restart or from a map it deserialized into a HashMap
     * (REST {@code GET /offsets}); a HashMap of these keys always iterates in the same order, whereas
     * {@code Map.of} orders differently in every JVM and would make stored positions unfindable.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>(8);
        map.put(PROTOCOL_KEY, PROTOCOL);
        map.put(DB_KEY, database);
        map.put(SCHEMA_KEY, table.schema());
        map.put(TABLE_KEY, table.table());
        return map;
    }

    /**
     * Reads a partition written by {@link #toMap()}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static SourcePartitionKey fromMap(Map<String, ?> map) {
        if (map == null) {
            throw new IllegalArgumentException("the source partition is null");
        }
        Object protocol = map.get(PROTOCOL_KEY);
        if (!OffsetMaps.isInteger(protocol) || ((Number) protocol).longValue() != PROTOCOL) {
            throw new IllegalArgumentException("the source partition must have \"" + PROTOCOL_KEY + "\": "
                + PROTOCOL + ", has " + protocol);
        }
        if (map.size() != 4) {
            throw new IllegalArgumentException("the source partition must have exactly the keys "
                + PROTOCOL_KEY + ", " + DB_KEY + ", " + SCHEMA_KEY + ", " + TABLE_KEY + "; has " + map.keySet());
        }
        return new SourcePartitionKey(OffsetMaps.requireString(map, DB_KEY),
            new TableId(OffsetMaps.requireString(map, SCHEMA_KEY), OffsetMaps.requireString(map, TABLE_KEY)));
    }
}
