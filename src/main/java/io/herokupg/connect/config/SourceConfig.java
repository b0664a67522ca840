/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The connector's configuration: the one place that reads raw keys. Everything else asks this class for typed
 * values. {@link ConfigDocs} renders its keys as the README's configuration reference.
 */
public class SourceConfig extends AbstractConfig {
    /** Connect puts the connector's name in every connector config under this key. */
    public static final String CONNECTOR_NAME = "name";

    public static final ConfigDef CONFIG_DEF = configDef();

    public SourceConfig(Map<String, String> props) {
        this(CONFIG_DEF, props);
    }

    private final TableOverrides overrides;

    protected SourceConfig(ConfigDef def, Map<String, String> props) {
        super(def, props, false);
        List<KeyedConfigException> foreign = ForeignSettings.find(props);
        if (!foreign.isEmpty()) {
            throw foreign.get(0);
        }
        // Fail early, on the key at fault, rather than when the first connection is opened.
        primaryConnection();
        herokuCredentials();
        overrides = TableOverrides.parse(props, def);
        checkSchedules();
        checkReplication();
        checkStart();
    }

    public static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConnectionFragment.define(def);
        SelectionFragment.define(def);
        ReplicationFragment.define(def);
        OutputFragment.define(def);
        TypesFragment.define(def);
        ResilienceFragment.define(def);
        CaptureFragment.define(def);
        StartFragment.define(def);
        SplitFragment.define(def);
        return def;
    }

    /**
     * The connection settings, from database.url or from the discrete keys.
     *
     * @throws KeyedConfigException naming the key at fault; never showing a secret
     */
    public ConnectionSettings connection() {
        String appName = "kafka-connect-heroku-postgres" + connectorName().map(n -> " (" + n + ")").orElse("");
        return new ConnectionResolver(this).resolve(appName);
    }

    /**
     * The primary of a follower (database.primary.url), if set: where INCREMENTAL and XMIN passes take their
     * snapshot while the database is a hot standby.
     *
     * @throws KeyedConfigException naming the key at fault; never showing a secret
     */
    public Optional<ConnectionSettings> primaryConnection() {
        ConnectionSettings main = connection();
        return new ConnectionResolver(this).resolvePrimary(main);
    }

    /** When a large table's full read is split across tasks. */
    public SplitSettings split() {
        return SplitFragment.settings(this);
    }

    /** Change capture's settings (the CAPTURE method). */
    public CaptureSettings capture() {
        return CaptureFragment.settings(this);
    }

    /** What a task does when one table fails for good (table.failure.policy). */
    public ResilienceFragment.TableFailurePolicy tableFailurePolicy() {
        return ResilienceFragment.policy(this);
    }

    /** Where fresh credentials come from after an authentication failure, when heroku.app is set. */
    public Optional<ResilienceFragment.HerokuCredentials> herokuCredentials() {
        return ResilienceFragment.credentials(this);
    }

    public Optional<String> connectorName() {
        return Optional.ofNullable(originalsStrings().get(CONNECTOR_NAME)).filter(s -> !s.isBlank());
    }

    public TableSelection tableSelection() {
        return new TableSelection(
            SelectionFragment.compile(getList(SelectionFragment.TABLE_INCLUDE_LIST)),
            SelectionFragment.compile(getList(SelectionFragment.TABLE_EXCLUDE_LIST)));
    }

    public ColumnSelection columnSelection() {
        return new ColumnSelection(
            SelectionFragment.compile(getList(SelectionFragment.COLUMN_INCLUDE_LIST)),
            SelectionFragment.compile(getList(SelectionFragment.COLUMN_EXCLUDE_LIST)));
    }

    public Set<TableType> tableTypes() {
        Set<TableType> types = EnumSet.noneOf(TableType.class);
        getList(SelectionFragment.TABLE_TYPES).forEach(t -> types.add(TableType.valueOf(t.trim())));
        return types;
    }

    /** What table discovery selects: the table types, the table rules and the column rules. */
    public DiscoverySettings discovery() {
        return new DiscoverySettings(tableTypes(), tableSelection(), columnSelection());
    }

    /** The topic prefix: topic.prefix, or else one derived from the connector's name. */
    public String topicPrefix() {
        String prefix = getString(OutputFragment.TOPIC_PREFIX);
        if (prefix != null && !prefix.isEmpty()) {
            return prefix;
        }
        String derived = OutputFragment.defaultPrefix(connectorName().orElse(""));
        if (derived.isEmpty()) {
            throw new KeyedConfigException(OutputFragment.TOPIC_PREFIX, "cannot be derived from the connector's"
                + " name (it has no letters or digits, or there is no name); set it explicitly");
        }
        return derived;
    }

    /** The topic of the loading reports (reports.topic), if set. */
    public Optional<String> reportsTopic() {
        return Optional.ofNullable(getString(OutputFragment.REPORTS_TOPIC)).filter(t -> !t.isEmpty());
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(ReplicationFragment.POLL_INTERVAL_MS));
    }

    /** poll.interval.ms for a table: its per-table setting, else the connector's. */
    public Duration pollInterval(String schema, String table) {
        return overrides.get(schema, table, ReplicationFragment.POLL_INTERVAL_MS)
            .map(v -> Duration.ofMillis((Long) v)).orElseGet(this::pollInterval);
    }

    public Duration tableDiscoveryInterval() {
        return Duration.ofMillis(getLong(ReplicationFragment.TABLE_DISCOVERY_INTERVAL_MS));
    }

    public int batchMaxRows() {
        return getInt(ReplicationFragment.BATCH_MAX_ROWS);
    }

    /** batch.max.rows for a table: its per-table setting, else the connector's. */
    public int batchMaxRows(String schema, String table) {
        return overrides.get(schema, table, ReplicationFragment.BATCH_MAX_ROWS).map(v -> (Integer) v)
            .orElseGet(this::batchMaxRows);
    }

    /** When the passes of a table start: its per-table schedule settings, else the connector's. */
    public ScheduleSettings schedule(String schema, String table) {
        String anchor = setting(schema, table, ReplicationFragment.SCHEDULE_ANCHOR_TIME);
        String cron = setting(schema, table, ReplicationFragment.SCHEDULE_CRON);
        String zone = setting(schema, table, ReplicationFragment.SCHEDULE_TIMEZONE);
        boolean utc = anchor.trim().endsWith("Z");
        return new ScheduleSettings(pollInterval(schema, table),
            anchor.isBlank() ? Optional.empty() : Optional.of(Validators.anchorTime(anchor)),
            cron.isBlank() ? Optional.empty() : Optional.of(cron.trim()),
            utc ? ZoneOffset.UTC : ZoneId.of(zone.trim()));
    }

    String setting(String schema, String table, String key) {
        return overrides.get(schema, table, key).map(Object::toString).orElseGet(() -> getString(key));
    }

    boolean hasOverride(String schema, String table, String key) {
        return overrides.get(schema, table, key).isPresent();
    }

    boolean anyMethodOverride() {
        return overrides.tables().stream()
            .anyMatch(t -> hasOverride(t.schema(), t.table(), ReplicationFragment.REPLICATION_METHOD));
    }

    /** Where a table starts without a stored position, and its re-sync token: per table, else the connector's. */
    public StartSettings start(String schema, String table) {
        return StartFragment.settings(this, schema, table);
    }

    private void checkStart() {
        StartFragment.problem(this, "", "").ifPresent(e -> {
            throw e;
        });
        for (TableOverrides.TableName name : overrides.tables()) {
            StartFragment.problem(this, name.schema(), name.table()).ifPresent(e -> {
                throw e;
            });
        }
    }

    /** A cron schedule replaces the interval, so it cannot also be anchored: for the connector and each table. */
    private void checkSchedules() {
        checkSchedule("", "", ReplicationFragment.SCHEDULE_CRON);
        for (TableOverrides.TableName name : overrides.tables()) {
            checkSchedule(name.schema(), name.table(), "table." + name + "." + ReplicationFragment.SCHEDULE_CRON);
        }
    }

    private void checkSchedule(String schema, String table, String key) {
        ScheduleSettings schedule = schedule(schema, table);
        if (schedule.cron().isPresent() && schedule.anchor().isPresent()) {
            throw new KeyedConfigException(key, "cannot be combined with " + ReplicationFragment.SCHEDULE_ANCHOR_TIME
                + ": a cron expression sets the times itself; set one of them");
        }
    }

    /** How a table is replicated: its per-table method and key, else the connector's. */
    public ReplicationSettings replication(String schema, String table) {
        Optional<Object> methodOverride = overrides.get(schema, table, ReplicationFragment.REPLICATION_METHOD);
        Optional<Object> keyOverride = overrides.get(schema, table, ReplicationFragment.REPLICATION_KEY);
        ReplicationMethod method = ReplicationMethod.valueOf(methodOverride.map(Object::toString)
            .orElseGet(() -> getString(ReplicationFragment.REPLICATION_METHOD)).trim().toUpperCase(Locale.ROOT));
        String key = keyOverride.map(Object::toString).orElseGet(() -> getString(ReplicationFragment.REPLICATION_KEY))
            .trim();
        String methodKey = methodOverride.isPresent() ? TableOverrides.key(schema, table,
            ReplicationFragment.REPLICATION_METHOD) : ReplicationFragment.REPLICATION_METHOD;
        // The key to fix when none is set: the table's own, if the table is INCREMENTAL by its own setting.
        boolean perTableKey = keyOverride.isPresent() || (methodOverride.isPresent() && key.isEmpty());
        String keyKey = perTableKey ? TableOverrides.key(schema, table, ReplicationFragment.REPLICATION_KEY)
            : ReplicationFragment.REPLICATION_KEY;
        return new ReplicationSettings(method,
            method == ReplicationMethod.INCREMENTAL && !key.isEmpty() ? Optional.of(key) : Optional.empty(),
            methodKey, keyKey, new ReplicationSettings.KeyClock(
                Duration.ofMillis(overrides.get(schema, table, ReplicationFragment.REPLICATION_KEY_CLOCK_SKEW_MS)
                    .map(v -> (Long) v).orElseGet(() -> getLong(ReplicationFragment.REPLICATION_KEY_CLOCK_SKEW_MS))),
                ZoneId.of(setting(schema, table, ReplicationFragment.REPLICATION_KEY_TIMEZONE).trim())));
    }

    /** How values of some types are represented (the keys of {@link TypesFragment}). */
    public TypeHandling typeHandling() {
        return new TypeHandling(
            TypeHandling.parse(TypeHandling.DecimalMode.class, getString(TypesFragment.DECIMAL_HANDLING_MODE)),
            TypeHandling.parse(TypeHandling.TimeMode.class, getString(TypesFragment.TIME_PRECISION_MODE)),
            TypeHandling.parse(TypeHandling.IntervalMode.class, getString(TypesFragment.INTERVAL_HANDLING_MODE)),
            TypeHandling.parse(TypeHandling.BinaryMode.class, getString(TypesFragment.BINARY_HANDLING_MODE)),
            TypeHandling.parse(TypeHandling.HstoreMode.class, getString(TypesFragment.HSTORE_HANDLING_MODE)),
            TypeHandling.parse(TypeHandling.UnsupportedMode.class, getString(TypesFragment.UNSUPPORTED_TYPE_HANDLING)),
            getBoolean(TypesFragment.METADATA_HEADERS),
            TypeHandling.parse(TypeHandling.FieldNameMode.class, getString(TypesFragment.FIELD_NAME_ADJUSTMENT_MODE)));
    }

    /** Most connections a task holds at once. */
    public int connectionsPerTask() {
        return getInt(ReplicationFragment.CONNECTIONS_MAX);
    }

    /**
     * A table whose per-table settings make it INCREMENTAL needs a replication key; the tables that are INCREMENTAL
     * by the connector-wide setting are checked against the catalog, by the preflight checks.
     */
    private void checkReplication() {
        for (TableOverrides.TableName name : overrides.tables()) {
            checkReplication(name.schema(), name.table());
        }
    }

    private void checkReplication(String schema, String table) {
        ReplicationSettings replication = replication(schema, table);
        if (replication.method() == ReplicationMethod.INCREMENTAL && replication.key().isEmpty()) {
            String where = schema.isEmpty() ? "" : " for table " + new TableOverrides.TableName(schema, table);
            throw new KeyedConfigException(replication.keyKey(), "must name a column" + where + ": "
                + replication.methodKey() + " is INCREMENTAL, which orders changes by that column (e.g. updated_at)");
        }
    }

    /** The tables named by per-table settings. */
    public Set<TableOverrides.TableName> tablesWithOverrides() {
        return overrides.tables();
    }
}
