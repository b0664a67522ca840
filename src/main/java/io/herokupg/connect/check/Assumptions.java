/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.PgWriters;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.ReplicationFragment;
import io.herokupg.connect.config.ReplicationMethod;
import io.herokupg.connect.config.ReplicationSettings;
import io.herokupg.connect.config.SourceConfig;
import io.herokupg.connect.config.TableOverrides;

/**
 * The assumptions of INCREMENTAL (and of reading tables once each) that the catalog can check, each a warning that
 * names the table and the fix: keys that new rows may write below those already emitted (a sequence caching values,
 * a random UUID, a NULL key later set), a {@code timestamp} key whose writers use another zone than configured,
 * writers that copy keys from elsewhere (logical replication), and inheritance children left out of the selection.
 * What the connector accounts for itself (prepared transactions, background workers, daylight saving time, keys from
 * an application's clock within the configured skew, read-only credentials) needs no warning.
 */
final class Assumptions {
    private static final Logger LOG = LoggerFactory.getLogger(Assumptions.class);
    /** Key types whose values new rows need not write in order. */
    private static final Set<String> UNORDERED_KEY_TYPES = Set.of("uuid", "text", "varchar", "bpchar", "citext");
    private static final Set<String> LOCAL_TIME_KEY_TYPES = Set.of("timestamp", "date");

    private Assumptions() {
    }

    /** Logs a warning for each assumption the selected tables break. */
    static void check(Connection conn, SourceConfig config, List<TableInfo> tables) throws SQLException {
        List<TableInfo> incremental = tables.stream().filter(TableInfo::hasRowVersions)
            .filter(t -> config.replication(t.id().schema(), t.id().table()).method() == ReplicationMethod.INCREMENTAL)
            .toList();
        Map<Long, Map<Integer, PgWriters.CachedSequence>> sequences = PgWriters.cachedSequences(conn,
            incremental.stream().map(TableInfo::relid).toList());
        Optional<String> databaseZone = incremental.isEmpty() ? Optional.empty() : PgWriters.databaseTimeZone(conn);
        for (TableInfo table : incremental) {
            ReplicationSettings replication = config.replication(table.id().schema(), table.id().table());
            replication.key().flatMap(table::column).ifPresent(key -> checkKey(table, key, replication,
                sequences.getOrDefault(table.relid(), Map.of()).get(key.position()), databaseZone));
        }
        if (!incremental.isEmpty()) {
            List<String> writers = PgWriters.backgroundWriters(conn);
            if (!writers.isEmpty()) {
                LOG.warn("Background processes write rows in this database ({}): the rows logical replication applies"
                    + " carry the keys their publisher gave them, which may lie below the keys INCREMENTAL has"
                    + " emitted; replicate the tables they write with XMIN or FULL_TABLE", writers);
            }
        }
        checkChildren(conn, tables);
    }

    private static void checkKey(TableInfo table, ColumnInfo key, ReplicationSettings replication,
                                 PgWriters.CachedSequence sequence, Optional<String> databaseZone) {
        TableId id = table.id();
        String setting = TableOverrides.key(id.schema(), id.table(), ReplicationFragment.REPLICATION_KEY);
        if (sequence != null) {
            LOG.warn("{}: its replication key '{}' draws from sequence {}, which caches {} values per session, so"
                + " sessions hand them out of order and a row committed later may get a key below those emitted:"
                + " INCREMENTAL would miss it. Run ALTER SEQUENCE {} CACHE 1; or replicate the table with XMIN", id,
                key.name(), sequence.name(), sequence.cache(), sequence.name());
        }
        if (UNORDERED_KEY_TYPES.contains(key.typeName())) {
            LOG.warn("{}: its replication key '{}' is of type {}: INCREMENTAL takes new and updated rows to get keys at"
                + " or above those already emitted; random values (gen_random_uuid()) are not, and such rows would be"
                + " missed. Use a timestamp or a sequence ({}), or XMIN", id, key.name(), key.sqlType(), setting);
        }
        if (!key.notNull()) {
            LOG.warn("{}: its replication key '{}' may be NULL: a row is emitted once its key is set, and setting it"
                + " later to a value below those already emitted (a backfill with old times) hides it. Make it NOT"
                + " NULL with a default (ALTER TABLE {} ALTER COLUMN {} SET DEFAULT now(), SET NOT NULL), or"
                + " backfill with now()", id, key.name(), id.quoted(), Identifiers.quote(key.name()));
        }
        if (LOCAL_TIME_KEY_TYPES.contains(key.typeName())) {
            ZoneId configured = replication.keyClock().zone();
            databaseZone.filter(zone -> !sameZone(zone, configured)).ifPresent(zone -> LOG.warn("{}: its"
                + " replication key '{}' is a {} (local times), taken to be of zone {}, but sessions of this database"
                + " write now() in {} (ALTER DATABASE … SET timezone): set {}={} if its writers use it", id,
                key.name(), key.sqlType(), configured, zone, TableOverrides.key(id.schema(), id.table(),
                    ReplicationFragment.REPLICATION_KEY_TIMEZONE), zone));
        }
    }

    private static boolean sameZone(String zone, ZoneId configured) {
        try {
            return ZoneId.of(zone.trim()).normalized().equals(configured.normalized())
                || ZoneId.of(zone.trim()).getRules().equals(configured.getRules());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A table read with ONLY gives its own rows: its inheritance children's come from them, if selected. */
    private static void checkChildren(Connection conn, List<TableInfo> tables) throws SQLException {
        List<TableInfo> parents = tables.stream().filter(t -> !t.partitioned()).toList();
        Map<Long, List<TableId>> children = PgWriters.children(conn, parents.stream().map(TableInfo::relid).toList());
        Set<TableId> selected = tables.stream().map(TableInfo::id).collect(Collectors.toSet());
        Map<Long, TableInfo> byRelid = parents.stream().collect(Collectors.toMap(TableInfo::relid,
            Function.identity()));
        children.forEach((relid, kids) -> {
            List<TableId> left = kids.stream().filter(k -> !selected.contains(k)).toList();
            if (!left.isEmpty()) {
                LOG.warn("{} has inheritance children {} that are not selected: the connector reads each table's own"
                    + " rows (SELECT … FROM ONLY), so their rows are not replicated. Select them too"
                    + " (table.include.list) to replicate them, each on its own topic", byRelid.get(relid).id(), left);
            }
        });
    }
}
