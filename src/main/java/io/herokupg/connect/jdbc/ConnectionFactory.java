/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.jdbc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.herokupg.connect.config.ConnectionSettings;

/**
 * Opens connections with the configured SSL settings. Each connector and each task owns one pool of exactly one
 * connection (Heroku plans allow few connections); user and password travel as driver properties, never in a URL.
 */
public final class ConnectionFactory {
    private static final long CONNECT_TIMEOUT_SECONDS = 30;

    private ConnectionFactory() {
    }

    /**
     * A pool of one connection. When {@code failFast}, the first connection is opened now and its failure thrown
     * (as Hikari's {@code PoolInitializationException}, whose cause is the driver's exception).
     */
    public static HikariDataSource pool(ConnectionSettings settings, String poolName, boolean failFast) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(jdbcUrl(settings));
        config.setUsername(settings.user());
        config.setPassword(settings.password().value());
        config.setDataSourceProperties(driverProperties(settings));
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setAutoCommit(false);
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS));
        config.setInitializationFailTimeout(failFast ? 1 : -1);
        config.setRegisterMbeans(false);
        return new HikariDataSource(config);
    }

    /** {@code jdbc:postgresql://host:port/db}: no credentials, no SSL settings, safe to log. */
    public static String jdbcUrl(ConnectionSettings settings) {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        // PgJDBC percent-decodes the database name, so a name with '/', '?' or spaces must be encoded.
        return "jdbc:postgresql://" + host + ":" + settings.port() + "/"
            + URLEncoder.encode(settings.database(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Properties driverProperties(ConnectionSettings settings) {
        Properties props = new Properties();
        settings.extraParameters().forEach(props::setProperty);
        props.setProperty("sslmode", settings.sslMode().value());
        settings.sslRootCert().ifPresent(cert -> props.setProperty("sslrootcert", cert));
        props.setProperty("ApplicationName", settings.applicationName());
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT_SECONDS));
        // Only these two carry credentials; make sure a URL parameter cannot smuggle in PgJDBC's bare ssl=true.
        props.remove("ssl");
        props.remove("user");
        props.remove("password");
        return props;
    }
}
