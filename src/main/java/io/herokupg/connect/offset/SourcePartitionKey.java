/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.herokupg.connect.catalog.TableId;

/**
 * The source partition of a table: {@code {"table": "<database>.<schema>.<table>"}}, e.g.
 * {@code {"table": "d9vq1.public.orders"}}. In each of the three names '%' is written {@code %25} and '.' is written
 * {@code %2E}, so any name is unambiguous: schema {@code my.schema} gives {@code "d9vq1.my%2Eschema.orders"}.
 *
 * <p>It names the table by database, schema and table only, never by host or user, since Heroku changes both
 * (credential rotation, failover, maintenance) and the position must survive that. It has a single key on purpose:
 * the worker finds stored offsets by the partition's serialized JSON, so a map of several keys would match only
 * when written in the same key order, and a user resetting one table over REST ({@code PATCH …/offsets}) could not
 * be expected to get that order right. A later format would use another key name.
 */
public record SourcePartitionKey(String database, TableId table) {
    static final String TABLE_KEY = "table";
    private static final String SHAPE = "{\"" + TABLE_KEY + "\": \"<database>.<schema>.<table>\"}, with '.' in a name"
        + " written %2E and '%' written %25";

    public Map<String, Object> toMap() {
        return Map.of(TABLE_KEY, encode(database) + "." + encode(table.schema()) + "." + encode(table.table()));
    }

    /**
     * Reads a partition written by {@link #toMap()}.
     *
     * @throws IllegalArgumentException saying what is wrong with it and what shape is expected
     */
    public static SourcePartitionKey fromMap(Map<String, ?> map) {
        if (map == null || map.size() != 1 || !(map.get(TABLE_KEY) instanceof String value)) {
            throw new IllegalArgumentException("the source partition must be " + SHAPE + "; it is " + map);
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("the source partition's \"" + TABLE_KEY + "\" must name a database,"
                + " a schema and a table: " + SHAPE + "; it is \"" + value + "\"");
        }
        List<String> names = new ArrayList<>(3);
        for (String part : parts) {
            names.add(decode(part, value));
        }
        return new SourcePartitionKey(names.get(0), new TableId(names.get(1), names.get(2)));
    }

    static String encode(String name) {
        return name.replace("%", "%25").replace(".", "%2E");
    }

    static String decode(String part, String value) {
        StringBuilder name = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c != '%') {
                name.append(c);
            } else if (part.startsWith("%25", i)) {
                name.append('%');
                i += 2;
            } else if (part.regionMatches(true, i, "%2E", 0, 3)) {
                name.append('.');
                i += 2;
            } else {
                throw new IllegalArgumentException("the source partition's \"" + TABLE_KEY + "\" has a '%' that"
                    + " starts neither %25 nor %2E: \"" + value + "\"; expected " + SHAPE);
            }
        }
        return name.toString();
    }
}
