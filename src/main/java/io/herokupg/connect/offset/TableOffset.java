/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table's stored position. Every kind carries {@code "method"} and a version {@code "v"}, so that a position
 * written for another method or by a future version is recognised rather than misread.
 */
public sealed interface TableOffset permits FullTableOffset, ChangeOffset {
    String METHOD_KEY = "method";
    String VERSION_KEY = "v";

    /** The replication method this position belongs to. */
    String method();

    /** When the current or last pass began (epoch ms), for the schedule. */
    long passStartedMs();

    /** The table the position is of, if it was stored with it. */
    Optional<TableIdentity> identity();

    Map<String, Object> toMap();

    /**
     * Reads an offset written by {@link #toMap()}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static TableOffset fromMap(Map<String, ?> map) {
        if (map == null) {
            throw new IllegalArgumentException("the offset is null");
        }
        String method = OffsetMaps.requireString(map, METHOD_KEY);
        long version = OffsetMaps.requireLong(map, VERSION_KEY);
        if (FullTableOffset.METHOD.equals(method)) {
            if (version != FullTableOffset.VERSION) {
                throw new IllegalArgumentException("unknown version " + version + " of a " + method + " offset");
            }
            return FullTableOffset.fromMap(map);
        }
        if (List.of(ChangeOffset.INCREMENTAL, ChangeOffset.XMIN, ChangeOffset.CAPTURE).contains(method)) {
            if (version != ChangeOffset.VERSION) {
                throw new IllegalArgumentException("unknown version " + version + " of a " + method + " offset");
            }
            return ChangeOffset.fromMap(method, map);
        }
        throw new IllegalArgumentException("unknown replication method \"" + method + "\" in the offset");
    }
}
