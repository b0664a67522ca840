/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The position of a full-table pass: when the pass started, and either the primary key of the last row emitted
 * (each value in PostgreSQL's text form, so any key type round-trips exactly) or the fact that the pass completed.
 *
 * <p>Map form: {@code {"method": "FULL_TABLE", "v": 1, "pass_started": <epoch ms>, "complete": false,
 * "last_key": "42"}}; a key of several columns is one string, see {@link KeyCodec}. {@code last_key} is absent
 * for a table without a primary key, whose interrupted pass restarts from the beginning. {@code relid} and {@code pk}
 * ({@link TableIdentity}) say which table it is of.
 *
 * @param passStartedMs when the pass began, in milliseconds since the epoch; the next pass is due a poll interval
 *                      after it
 * @param lastKey       the primary key of the last row emitted, if the table has one
 * @param complete      whether this is the position after the last row of the pass
 * @param identity      the table the position is of
 */
public record FullTableOffset(long passStartedMs, Optional<List<String>> lastKey, boolean complete,
                              Optional<TableIdentity> identity)
    implements TableOffset {
    public static final String METHOD = "FULL_TABLE";
    static final int VERSION = 1;

    private static final String PASS_STARTED_KEY = "pass_started";
    private static final String COMPLETE_KEY = "complete";
    private static final String LAST_KEY_KEY = "last_key";

    public FullTableOffset {
        if (lastKey.isPresent() && lastKey.get().isEmpty()) {
            throw new IllegalArgumentException("a key has at least one value");
        }
        lastKey = lastKey.map(List::copyOf);
    }

    /** A position of a table of unknown identity. */
    public FullTableOffset(long passStartedMs, Optional<List<String>> lastKey, boolean complete) {
        this(passStartedMs, lastKey, complete, Optional.empty());
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>(8);
        map.put(METHOD_KEY, METHOD);
        map.put(VERSION_KEY, VERSION);
        map.put(PASS_STARTED_KEY, passStartedMs);
        map.put(COMPLETE_KEY, complete);
        lastKey.ifPresent(key -> map.put(LAST_KEY_KEY, KeyCodec.encode(key)));
        identity.ifPresent(i -> i.putInto(map));
        return map;
    }

    /**
     * The maps of the positions of a pass in progress after each row's key in turn, as
     * {@code new FullTableOffset(passStartedMs, Optional.of(key), false, identity).toMap()} gives them, built from a
     * map made once.
     */
    public static Function<List<String>, Map<String, Object>> inPassMaps(long passStartedMs,
                                                                         Optional<TableIdentity> identity) {
        Map<String, Object> rest = Map.copyOf(new FullTableOffset(passStartedMs, Optional.empty(), false, identity)
            .toMap());
        return key -> {
            if (key != null && key.isEmpty()) {
                throw new IllegalArgumentException("a key has at least one value");
            }
            return new RowOffsetMap(rest, LAST_KEY_KEY, key);
        };
    }

    static FullTableOffset fromMap(Map<String, ?> map) {
        return new FullTableOffset(OffsetMaps.requireLong(map, PASS_STARTED_KEY),
            OffsetMaps.optionalString(map, LAST_KEY_KEY).map(key -> KeyCodec.decode(LAST_KEY_KEY, key)),
            OffsetMaps.requireBoolean(map, COMPLETE_KEY), TableIdentity.fromMap(map));
    }
}
