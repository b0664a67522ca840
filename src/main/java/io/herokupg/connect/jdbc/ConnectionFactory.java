/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.jdbc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.herokupg.connect.config.ConnectionFragment;
import io.herokupg.connect.config.ConnectionSettings;
import io.herokupg.connect.config.Pem;
import io.herokupg.connect.config.SslSettings;

/**
 * Opens connections with the configured SSL settings. Each connector and each task owns one pool of exactly one
 * connection (Heroku plans allow few connections); user and password travel as driver properties, never in a URL.
 */
public final class ConnectionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionFactory.class);

    private ConnectionFactory() {
    }

    /**
     * A pool of up to {@code maxSize} connections, opened as needed. When {@code failFast}, the first connection is
     * opened now and its failure thrown
     * (as Hikari's {@code PoolInitializationException}, whose cause is the driver's exception).
     */
    public static HikariDataSource pool(ConnectionSettings settings, String poolName, int maxSize,
                                        boolean failFast) {
        if (settings.sslMode().allowsPlaintext()) {
            LOG.warn("{}={} allows an unencrypted connection to {}: credentials and data may cross the network in"
                + " clear text; Heroku Postgres requires require or stricter", ConnectionFragment.SSLMODE,
                settings.sslMode(), settings.describe());
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(jdbcUrl(settings));
        config.setUsername(settings.user());
        config.setPassword(settings.password().value());
        config.setDataSourceProperties(driverProperties(settings));
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(0);
        config.setAutoCommit(false);
        // PostgreSQL's default, stated so that HikariCP need not detect it: when the first connection of a pool is
        // lost while HikariCP reads its isolation level, HikariCP keeps "-1" and sets it on every later connection,
        // which the driver refuses, so the pool never connects again (HikariCP issue 1944). Passes set their own
        // isolation level in each transaction.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionTimeout(settings.timeouts().connect().toMillis() + 1_000);
        config.setInitializationFailTimeout(failFast ? 1 : -1);
        config.setRegisterMbeans(false);
        return new HikariDataSource(config);
    }

    /**
     * One connection without a pool, for short checks (config validation). The caller closes it.
     */
    public static Connection open(ConnectionSettings settings) throws SQLException {
        Properties props = driverProperties(settings);
        props.setProperty("user", settings.user());
        if (settings.password().value() != null) {
            props.setProperty("password", settings.password().value());
        }
        return new Driver().connect(jdbcUrl(settings), props);
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
        SslSettings ssl = settings.ssl();
        props.setProperty("sslmode", ssl.mode().value());
        ssl.rootCert().ifPresent(cert -> props.setProperty("sslrootcert", certificateFile(cert)));
        ssl.clientCert().ifPresent(cert -> props.setProperty("sslcert", certificateFile(cert)));
        ssl.clientKey().ifPresent(key -> props.setProperty("sslkey", SslFiles.write(Pem.privateKeyDer(
            Pem.textOf(ConnectionFragment.SSLKEY, key), ssl.keyPassword().orElse(null)), ".pk8").toString()));
        // The key is written decrypted (Pem.privateKeyDer), so its password is never handed to the driver or the
        // pool, whose DEBUG configuration dump would show an "sslpassword" property.
        props.setProperty("ApplicationName", settings.applicationName());
        props.setProperty("tcpKeepAlive", Boolean.toString(settings.timeouts().tcpKeepAlive()));
        long connectSeconds = Math.max(1, settings.timeouts().connect().toSeconds());
        props.setProperty("connectTimeout", Long.toString(connectSeconds));
        props.setProperty("loginTimeout", Long.toString(connectSeconds));
        long statementMillis = settings.timeouts().statement().toMillis();
        if (statementMillis > 0) {
            // A read that the server would have ended by statement_timeout, and whose answer has not come a connect
            // timeout later, waits on a network that silently dropped the connection (a stall, a failover): give
            // up on it, so that the task reconnects instead of waiting for TCP keepalive, which may take hours.
            props.setProperty("socketTimeout", Long.toString(
                Math.max(1, (statementMillis + settings.timeouts().connect().toMillis() + 999) / 1000)));
        }
        String options = settings.extraParameters().getOrDefault("options", "");
        // The value readers decode PostgreSQL's text of intervals and bytea in these formats (PgJDBC itself sets
        // DateStyle=ISO and extra_float_digits=3); they come last, so that they win over the URL's options.
        props.setProperty("options", (options.isBlank() ? "" : options + " ")
            + "-c statement_timeout=" + settings.timeouts().statement().toMillis()
            + " -c IntervalStyle=postgres -c bytea_output=hex");
        // Only these two carry credentials; make sure a URL parameter cannot smuggle in PgJDBC's bare ssl=true.
        props.remove("ssl");
        props.remove("user");
        props.remove("password");
        return props;
    }

    /** A path PgJDBC can read: the configured path, or a file holding the configured PEM text. */
    private static String certificateFile(String value) {
        return SslSettings.isPem(value) ? SslFiles.write(value, ".pem").toString() : value.trim();
    }
}
