/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.herokupg.connect.catalog.TableInfo;

/**
 * Which table a stored position belongs to, beyond its name: its OID (a table dropped and created again under the
 * same name, by a restore or a rebuild, has another one, and none of the old position applies to it) and its primary
 * key's columns (a pass in progress resumes after a primary-key value, which means nothing under another key).
 *
 * <p>Map form: {@code "relid": <oid>}, {@code "pk": "<column>,<column>…"} ({@link KeyCodec}; absent for a table
 * without a primary key). Positions stored before these existed have neither, and are taken to match.
 *
 * @param relid      the table's OID
 * @param primaryKey its primary key's column names, in key order; empty when it has none
 */
public record TableIdentity(long relid, List<String> primaryKey) {
    private static final String RELID = "relid";
    private static final String PK = "pk";

    public TableIdentity {
        primaryKey = List.copyOf(primaryKey);
    }

    /** The identity of a table as the catalog describes it now. */
    public static TableIdentity of(TableInfo table) {
        return new TableIdentity(table.relid(), table.primaryKey());
    }

    void putInto(Map<String, Object> map) {
        map.put(RELID, relid);
        if (!primaryKey.isEmpty()) {
            map.put(PK, KeyCodec.encode(primaryKey));
        }
    }

    static Optional<TableIdentity> fromMap(Map<String, ?> map) {
        if (map.get(RELID) == null) {
            return Optional.empty();
        }
        long relid = OffsetMaps.requireLong(map, RELID);
        List<String> pk = OffsetMaps.optionalString(map, PK).map(encoded -> {
            try {
                return KeyCodec.decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + PK + "\" is malformed: " + e.getMessage(), e);
            }
        }).orElse(List.of());
        return Optional.of(new TableIdentity(relid, pk));
    }
}
