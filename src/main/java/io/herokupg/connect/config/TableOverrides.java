/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Per-table settings: {@code table.<schema>.<table>.<setting>} overrides the connector-wide {@code <setting>} for
 * that table. A schema or table name holding a dot (or starting with a double quote) is written in double quotes,
 * with a double quote inside doubled, as in SQL: {@code table."my.schema"."Order ""Items""".poll.interval.ms}.
 */
public final class TableOverrides {
    private static final String PREFIX = "table.";

    /** A table as named in a per-table key. */
    public record TableName(String schema, String table) {
        @Override
        public String toString() {
            return schema + "." + table;
        }
    }

    private final Map<TableName, Map<String, Object>> overrides;

    private TableOverrides(Map<TableName, Map<String, Object>> overrides) {
        this.overrides = overrides;
    }

    /** The settings that may be set per table; type and validator come from their connector-wide definition. */
    static final Set<String> SETTINGS = Set.of(ReplicationFragment.POLL_INTERVAL_MS,
        ReplicationFragment.BATCH_MAX_ROWS, ReplicationFragment.SCHEDULE_ANCHOR_TIME, ReplicationFragment.SCHEDULE_CRON,
        ReplicationFragment.SCHEDULE_TIMEZONE, ReplicationFragment.REPLICATION_METHOD,
        ReplicationFragment.REPLICATION_KEY, ReplicationFragment.REPLICATION_KEY_CLOCK_SKEW_MS,
        ReplicationFragment.REPLICATION_KEY_TIMEZONE, StartFragment.START_POSITION, StartFragment.START_KEY,
        StartFragment.RESYNC_TOKEN);

    /**
     * Reads every {@code table.…} key that is not a connector-wide key.
     *
     * @throws KeyedConfigException on the first key that cannot be parsed, names an unknown setting, or holds an
     *                              invalid value
     */
    static TableOverrides parse(Map<String, ?> originals, ConfigDef def) {
        Map<TableName, Map<String, Object>> overrides = new HashMap<>();
        for (Map.Entry<String, ?> entry : originals.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(PREFIX) || def.configKeys().containsKey(key)) {
                continue;
            }
            Parsed parsed = parseKey(key);
            if (!SETTINGS.contains(parsed.setting())) {
                throw new KeyedConfigException(key, "'" + parsed.setting() + "' cannot be set per table; per-table"
                    + " settings are " + String.join(", ", settings())
                    + " (write names holding a dot in double quotes: table.\"my.schema\".\"my.table\".setting)");
            }
            ConfigDef.ConfigKey definition = def.configKeys().get(parsed.setting());
            Object value;
            try {
                value = ConfigDef.parseType(key, entry.getValue(), definition.type);
                if (definition.validator != null) {
                    definition.validator.ensureValid(key, value);
                }
            } catch (ConfigException e) {
                throw new KeyedConfigException(key, "invalid value: " + e.getMessage());
            }
            overrides.computeIfAbsent(parsed.table(), t -> new HashMap<>()).put(parsed.setting(), value);
        }
        return new TableOverrides(overrides);
    }

    /** The override of a setting for a table, if any. */
    public Optional<Object> get(String schema, String table, String setting) {
        return Optional.ofNullable(overrides.getOrDefault(new TableName(schema, table), Map.of()).get(setting));
    }

    /** The per-table key of a setting, quoting names as {@link #parse} reads them. */
    public static String key(String schema, String table, String setting) {
        return PREFIX + quoteIfNeeded(schema) + "." + quoteIfNeeded(table) + "." + setting;
    }

    private static String quoteIfNeeded(String name) {
        return name.contains(".") || name.startsWith("\"") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }

    /** The tables that have overrides. */
    public Set<TableName> tables() {
        return overrides.keySet();
    }

    private record Parsed(TableName table, String setting) {
    }

    /** {@code table.<schema>.<table>.<setting>}, each name plain (no dot) or double-quoted. */
    static Parsed parseKey(String key) {
        Cursor cursor = new Cursor(key, PREFIX.length());
        String schema = cursor.name();
        cursor.expectDot();
        String table = cursor.name();
        cursor.expectDot();
        String setting = key.substring(cursor.position);
        if (schema.isEmpty() || table.isEmpty() || setting.isEmpty()) {
            throw malformed(key);
        }
        return new Parsed(new TableName(schema, table), setting);
    }

    private static KeyedConfigException malformed(String key) {
        return new KeyedConfigException(key, "a per-table setting is written table.<schema>.<table>.<setting>,"
            + " with names holding a dot in double quotes: table.\"my.schema\".orders.poll.interval.ms");
    }

    /** Reads the names of a per-table key. */
    private static final class Cursor {
        private final String key;
        private int position;

        Cursor(String key, int position) {
            this.key = key;
            this.position = position;
        }

        String name() {
            if (position < key.length() && key.charAt(position) == '"') {
                return quoted();
            }
            int dot = key.indexOf('.', position);
            if (dot < 0) {
                throw malformed(key);
            }
            String name = key.substring(position, dot);
            position = dot;
            return name;
        }

        private String quoted() {
            StringBuilder name = new StringBuilder();
            for (int i = position + 1; i < key.length(); i++) {
                char c = key.charAt(i);
                if (c != '"') {
                    name.append(c);
                } else if (i + 1 < key.length() && key.charAt(i + 1) == '"') {
                    name.append('"');
                    i++;
                } else {
                    position = i + 1;
                    return name.toString();
                }
            }
            throw malformed(key);
        }

        void expectDot() {
            if (position >= key.length() || key.charAt(position) != '.') {
                throw malformed(key);
            }
            position++;
        }
    }

    static List<String> settings() {
        return SETTINGS.stream().sorted().toList();
    }
}
