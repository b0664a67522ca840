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
 * same name, by a restore or a rebuild, has another one, and none of the old position applies to it), its primary
 * key's columns (a pass in progress resumes after a primary-key value, which means nothing under another key), and
 * the re-sync token it was stored under ({@code resync.token}: a position of another token is discarded).
 *
 * <p>Map form: {@code "relid": <oid>}, {@code "pk": "<column>,<column>…"} ({@link KeyCodec}; absent for a table
 * without a primary key), {@code "resync"} (absent when empty). Positions stored before these existed have none of
 * them, and are taken to match (and to have the empty token).
 *
 * @param relid      the table's OID
 * @param primaryKey its primary key's column names, in key order; empty when it has none
 * @param resync     the re-sync token; empty when none was set
 * @param range      the range of a split load the position is of ({@link SplitRange}); empty: the whole table
 */
public record TableIdentity(long relid, List<String> primaryKey, String resync, Optional<SplitRange> range) {
    private static final String RELID = "relid";
    private static final String PK = "pk";
    private static final String RESYNC = "resync";

    public TableIdentity {
        primaryKey = List.copyOf(primaryKey);
    }

    /** The identity of a whole table's position. */
    public TableIdentity(long relid, List<String> primaryKey, String resync) {
        this(relid, primaryKey, resync, Optional.empty());
    }

    /** The same identity, of a range of a split load. */
    public TableIdentity inRange(SplitRange splitRange) {
        return new TableIdentity(relid, primaryKey, resync, Optional.of(splitRange));
    }

    /** An identity without a re-sync token. */
    public TableIdentity(long relid, List<String> primaryKey) {
        this(relid, primaryKey, "");
    }

    /** The identity of a table as the catalog describes it now. */
    public static TableIdentity of(TableInfo table) {
        return of(table, "");
    }

    /** The identity of a table as the catalog describes it now, under a re-sync token. */
    public static TableIdentity of(TableInfo table, String resync) {
        return new TableIdentity(table.relid(), table.primaryKey(), resync);
    }

    /** The re-sync token a stored position carries: empty for a position without identity. */
    public static String resyncOf(TableOffset offset) {
        return offset.identity().map(TableIdentity::resync).orElse("");
    }

    void putInto(Map<String, Object> map) {
        map.put(RELID, relid);
        if (!primaryKey.isEmpty()) {
            map.put(PK, KeyCodec.encode(primaryKey));
        }
        if (!resync.isEmpty()) {
            map.put(RESYNC, resync);
        }
        range.ifPresent(r -> r.putInto(map));
    }

    static Optional<TableIdentity> fromMap(Map<String, ?> map) {
        if (map.get(RELID) == null) {
            return Optional.empty();
        }
        long relid = OffsetMaps.requireLong(map, RELID);
        List<String> pk = OffsetMaps.optionalString(map, PK).map(encoded -> KeyCodec.decode(PK, encoded))
            .orElse(List.of());
        return Optional.of(new TableIdentity(relid, pk, OffsetMaps.optionalString(map, RESYNC).orElse(""),
            SplitRange.fromMap(map)));
    }
}
