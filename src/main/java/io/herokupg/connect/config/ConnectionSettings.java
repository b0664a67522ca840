/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.config.types.Password;

/**
 * Everything needed to open a connection, resolved from either database.url or the discrete keys.
 * {@link #toString()} never shows a secret.
 *
 * @param extraParameters driver parameters taken from the URL's query string (other than user, password, sslmode)
 * @param fromUrl         whether host, port, database, user and password came from database.url (for messages that
 *                        name the key to fix)
 * @param timeouts        connect and statement timeouts, TCP keepalive
 */
public record ConnectionSettings(String host, int port, String database, String user, Password password,
                                 SslSettings ssl, Map<String, String> extraParameters, String applicationName,
                                 boolean fromUrl, Timeouts timeouts) {

    /**
     * Time limits of a connection.
     *
     * @param connect   how long opening a connection (TCP, TLS, authentication) may take
     * @param statement the server's {@code statement_timeout}; zero for none
     */
    public record Timeouts(Duration connect, Duration statement, boolean tcpKeepAlive) {
    }

    public ConnectionSettings {
        extraParameters = Map.copyOf(extraParameters);
    }

    public SslMode sslMode() {
        return ssl.mode();
    }

    public Optional<String> sslRootCert() {
        return ssl.rootCert();
    }

    /** The key that set the host, port and database: database.url, or database.hostname. */
    public String hostKey() {
        return fromUrl ? ConnectionFragment.URL : ConnectionFragment.HOSTNAME;
    }

    /** The key that set the database name. */
    public String databaseKey() {
        return fromUrl ? ConnectionFragment.URL : ConnectionFragment.DBNAME;
    }

    /** The key that set the password. */
    public String passwordKey() {
        return fromUrl ? ConnectionFragment.URL : ConnectionFragment.PASSWORD;
    }

    /** Where the connection goes, for messages: host, port and database, never credentials. */
    public String describe() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    /** Kafka's {@link Password} cannot compare a null value; compare the secrets themselves. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSettings other && comparable().equals(other.comparable());
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, database, user, ssl.mode());
    }

    /** The same settings under another {@code application_name} (how the server lists the connection). */
    public ConnectionSettings withApplicationName(String name) {
        return new ConnectionSettings(host, port, database, user, password, ssl, extraParameters, name, fromUrl,
            timeouts);
    }

    private List<Object> comparable() {
        return List.of(host, port, database, user, Optional.ofNullable(password.value()), ssl, extraParameters,
            applicationName, fromUrl, timeouts);
    }

    @Override
    public String toString() {
        return "ConnectionSettings{" + describe() + ", user=" + user + ", password=" + Password.HIDDEN
            + ", " + ssl + "}";
    }
}
