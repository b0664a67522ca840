/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.Map;

import io.herokupg.connect.catalog.TableId;

/**
 * The source partition of one range of a table's split load: {@code {"split": "<database>.<schema>.<table>/<i>"}},
 * the names encoded as in {@link SourcePartitionKey}. Each range is resumable on its own, from whichever task reads
 * it after a rebalance; the position stored under it says which load it belongs to ({@link SplitRange}).
 */
public record SplitPartitionKey(String database, TableId table, int index) {
    static final String SPLIT_KEY = "split";

    public Map<String, Object> toMap() {
        return Map.of(SPLIT_KEY, SourcePartitionKey.encode(database) + "." + SourcePartitionKey.encode(table.schema())
            + "." + SourcePartitionKey.encode(table.table()) + "/" + index);
    }

    /** Whether a partition is a range's (else it is a table's). */
    public static boolean isSplit(Map<String, ?> partition) {
        return partition != null && partition.containsKey(SPLIT_KEY);
    }

    /**
     * Reads a partition written by {@link #toMap()}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static SplitPartitionKey fromMap(Map<String, ?> map) {
        if (map == null || map.size() != 1 || !(map.get(SPLIT_KEY) instanceof String value)) {
            throw new IllegalArgumentException("a split range's source partition must be {\"" + SPLIT_KEY
                + "\": \"<database>.<schema>.<table>/<range>\"}; it is " + map);
        }
        int slash = value.lastIndexOf('/');
        String[] parts = value.substring(0, Math.max(slash, 0)).split("\\.", -1);
        if (slash < 0 || parts.length != 3 || !value.substring(slash + 1).matches("[0-9]{1,4}")) {
            throw new IllegalArgumentException("a split range's source partition must be \"<database>.<schema>."
                + "<table>/<range>\"; it is \"" + value + "\"");
        }
        try {
            return new SplitPartitionKey(SourcePartitionKey.decode(parts[0], value),
                new TableId(SourcePartitionKey.decode(parts[1], value), SourcePartitionKey.decode(parts[2], value)),
                Integer.parseInt(value.substring(slash + 1)));
        } catch (IllegalArgumentException e) {
            // The table partition's message would name its own key and shape: say this one's.
            throw new IllegalArgumentException("a split range's source partition \"" + SPLIT_KEY + "\" has a '%'"
                + " that starts neither %25 nor %2E (in a name '.' is written %2E and '%' is written %25): \""
                + value + "\"", e);
        }
    }
}
