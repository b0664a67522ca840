/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

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

    protected SourceConfig(ConfigDef def, Map<String, String> props) {
        super(def, props, false);
        // Fail early, on the key at fault, rather than when the first connection is opened.
        connection();
    }

    public static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConnectionFragment.define(def);
        SelectionFragment.define(def);
        ReplicationFragment.define(def);
        OutputFragment.define(def);
        return def;
    }

    /**
     * The connection settings, from database.url or from the discrete keys.
     *
     * @throws ConfigException naming the key at fault; never showing a password or the URL
     */
    public ConnectionSettings connection() {
        Password url = getPassword(ConnectionFragment.URL);
        String sslRootCert = getString(ConnectionFragment.SSLROOTCERT);
        String appName = "kafka-connect-heroku-postgres" + connectorName().map(n -> " (" + n + ")").orElse("");
        if (url != null && url.value() != null && !url.value().isBlank()) {
            DatabaseUrl parsed;
            try {
                parsed = DatabaseUrl.parse(url.value());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("Invalid value for configuration " + ConnectionFragment.URL + ": "
                    + e.getMessage());
            }
            Map<String, String> params = new HashMap<>(parsed.parameters());
            String urlSslMode = params.remove("sslmode");
            SslMode sslMode = originals().containsKey(ConnectionFragment.SSLMODE) || urlSslMode == null
                ? sslMode() : urlSslMode(urlSslMode);
            String rootCert = sslRootCert != null ? sslRootCert : params.remove("sslrootcert");
            String user = parsed.user().orElseThrow(() -> new ConfigException("Invalid value for configuration "
                + ConnectionFragment.URL + ": the URL names no user (expected postgres://USER:PASSWORD@HOST…)"));
            return new ConnectionSettings(parsed.host(), parsed.port(), parsed.database(), user,
                new Password(parsed.password().orElse(null)), sslMode, Optional.ofNullable(rootCert), params, appName);
        }
        String host = requireString(ConnectionFragment.HOSTNAME);
        String dbname = requireString(ConnectionFragment.DBNAME);
        String user = requireString(ConnectionFragment.USER);
        Password password = getPassword(ConnectionFragment.PASSWORD);
        return new ConnectionSettings(host, getInt(ConnectionFragment.PORT), dbname, user,
            password == null ? new Password(null) : password, sslMode(), Optional.ofNullable(sslRootCert),
            Map.of(), appName);
    }

    private static SslMode urlSslMode(String value) {
        try {
            return SslMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid value for configuration " + ConnectionFragment.URL
                + ": its sslmode parameter must be one of " + String.join(", ", SslMode.names()));
        }
    }

    private String requireString(String key) {
        String value = getString(key);
        if (value == null || value.isBlank()) {
            throw new ConfigException("Missing required configuration " + key + ": set " + ConnectionFragment.URL
                + " (Heroku's DATABASE_URL), or " + ConnectionFragment.HOSTNAME + ", " + ConnectionFragment.DBNAME
                + " and " + ConnectionFragment.USER + " (with " + ConnectionFragment.PASSWORD + ")");
        }
        return value;
    }

    private SslMode sslMode() {
        return SslMode.parse(getString(ConnectionFragment.SSLMODE));
    }

    public Optional<String> connectorName() {
        return Optional.ofNullable(originalsStrings().get(CONNECTOR_NAME)).filter(s -> !s.isBlank());
    }

    public TableSelection tableSelection() {
        return new TableSelection(
            SelectionFragment.compile(getList(SelectionFragment.TABLE_INCLUDE_LIST)),
            SelectionFragment.compile(getList(SelectionFragment.TABLE_EXCLUDE_LIST)));
    }

    /** The topic prefix: topic.prefix, or else one derived from the connector's name. */
    public String topicPrefix() {
        String prefix = getString(OutputFragment.TOPIC_PREFIX);
        if (prefix != null && !prefix.isEmpty()) {
            return prefix;
        }
        String derived = OutputFragment.defaultPrefix(connectorName().orElse(""));
        if (derived.isEmpty()) {
            throw new ConfigException("Missing configuration " + OutputFragment.TOPIC_PREFIX
                + ": it cannot be derived from the connector name; set it explicitly");
        }
        return derived;
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(ReplicationFragment.POLL_INTERVAL_MS));
    }

    public int batchMaxRows() {
        return getInt(ReplicationFragment.BATCH_MAX_ROWS);
    }
}
