/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Locale;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Keys that say where a table starts (its first pass) and when it starts again (a re-sync). */
public final class StartFragment {
    public static final String GROUP = "Start and re-sync";

    public static final String START_POSITION = "start.position";
    public static final String START_KEY = "start.key";
    public static final String RESYNC_TOKEN = "resync.token";

    private StartFragment() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
            .define(START_POSITION, Type.STRING, "full",
                Validators.oneOfIgnoringCase(TypeHandling.names(StartSettings.Mode.values())), Importance.MEDIUM,
                "Where an INCREMENTAL, XMIN or CAPTURE table starts when it has no stored position (a new connector,"
                    + " a new table, a reset, a re-sync). full: a full initial load, then the changes. now: no"
                    + " initial load, only the changes made after the first pass (which needs reports.topic: that"
                    + " pass emits no row, and its position is committed with its loading report). key: the rows"
                    + " whose replication key is at or after start.key, then the changes (INCREMENTAL). FULL_TABLE"
                    + " tables emit every row on every pass. Per table: table.<schema>.<table>.start.position.",
                GROUP, ++order, Width.SHORT, "Start position")
            .define(START_KEY, Type.STRING, "", Importance.MEDIUM,
                "With start.position=key: the replication key value to start from (inclusive), in PostgreSQL's"
                    + " text form for the key's type, e.g. 2026-01-01 00:00:00+00 or 100000. Per table:"
                    + " table.<schema>.<table>.start.key.",
                GROUP, ++order, Width.MEDIUM, "Start key")
            .define(RESYNC_TOKEN, Type.STRING, "", Importance.MEDIUM,
                "Any text; changing it re-syncs: each table whose position was stored under another token discards"
                    + " that position and starts afresh (per start.position), while the connector keeps running."
                    + " Per table, to re-sync one table: table.<schema>.<table>.resync.token (e.g. the date of the"
                    + " request). The other way is the offsets REST API (PUT /connectors/<name>/stop, then PATCH"
                    + " /connectors/<name>/offsets).",
                GROUP, ++order, Width.MEDIUM, "Re-sync token");
    }

    /** A table's start settings: its per-table settings, else the connector's. */
    static StartSettings settings(SourceConfig config, String schema, String table) {
        String mode = config.setting(schema, table, START_POSITION);
        String key = config.setting(schema, table, START_KEY).trim();
        String positionKey = config.hasOverride(schema, table, START_POSITION)
            ? TableOverrides.key(schema, table, START_POSITION) : START_POSITION;
        return new StartSettings(StartSettings.Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT)),
            key.isEmpty() ? Optional.empty() : Optional.of(key), positionKey,
            config.setting(schema, table, RESYNC_TOKEN).trim());
    }

    /**
     * The start settings must suit the table's method: key needs INCREMENTAL and start.key; now needs a method with
     * changes and reports.topic. FULL_TABLE tables ignore a connector-wide start.position.
     */
    static Optional<KeyedConfigException> problem(SourceConfig config, String schema, String table) {
        StartSettings start = settings(config, schema, table);
        if (start.mode() == StartSettings.Mode.FULL) {
            return Optional.empty();
        }
        ReplicationSettings replication = config.replication(schema, table);
        String where = schema.isEmpty() ? "" : " (table " + schema + "." + table + ")";
        if (replication.method() == ReplicationMethod.FULL_TABLE) {
            return fullTable(config, schema, table, start, replication, where);
        }
        return switch (start.mode()) {
            case KEY -> fromKey(schema, table, start, replication, where);
            case NOW -> config.reportsTopic().isPresent() ? Optional.empty() : Optional.of(new KeyedConfigException(
                start.positionKey(), "now needs reports.topic" + where + ": the first pass emits no row, and its"
                    + " position (where the changes start) is committed with its loading report; set reports.topic,"
                    + " e.g. heroku-postgres.reports"));
            default -> Optional.empty();
        };
    }

    /** A connector-wide start.position does not concern FULL_TABLE tables; a table's own setting does. */
    private static Optional<KeyedConfigException> fullTable(SourceConfig config, String schema, String table,
                                                            StartSettings start, ReplicationSettings replication,
                                                            String where) {
        boolean concerned = schema.isEmpty() ? !config.anyMethodOverride()
            : config.hasOverride(schema, table, START_POSITION);
        return concerned ? Optional.of(new KeyedConfigException(start.positionKey(), "applies to INCREMENTAL, XMIN"
            + " and CAPTURE tables" + where + ", and " + replication.methodKey() + " is FULL_TABLE, whose every pass"
            + " emits every row")) : Optional.empty();
    }

    private static Optional<KeyedConfigException> fromKey(String schema, String table, StartSettings start,
                                                          ReplicationSettings replication, String where) {
        if (replication.method() != ReplicationMethod.INCREMENTAL) {
            return Optional.of(new KeyedConfigException(start.positionKey(), "key needs an INCREMENTAL table" + where
                + " (" + replication.methodKey() + " is " + replication.method() + "); use full or now"));
        }
        if (start.key().isEmpty()) {
            return Optional.of(new KeyedConfigException(schema.isEmpty() ? START_KEY
                : TableOverrides.key(schema, table, START_KEY), "must hold the replication key value to start from"
                + where + ", since " + start.positionKey() + " is key"));
        }
        return Optional.empty();
    }
}
