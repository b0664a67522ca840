/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.config.types.Password;

/**
 * Everything needed to open a connection, resolved from either database.url or the discrete keys.
 * {@link #toString()} never shows the password.
 *
 * @param extraParameters driver parameters taken from the URL's query string (other than user, password, sslmode)
 */
public record ConnectionSettings(String host, int port, String database, String user, Password password,
                                 SslMode sslMode, Optional<String> sslRootCert,
                                 Map<String, String> extraParameters, String applicationName) {

    public ConnectionSettings {
        extraParameters = Map.copyOf(extraParameters);
    }

    /** Where the connection goes, for messages: host, port and database, never credentials. */
    public String describe() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    /** Kafka's {@link Password} cannot compare a null value; compare the secrets themselves. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSettings other && host.equals(other.host) && port == other.port
            && database.equals(other.database) && user.equals(other.user)
            && Objects.equals(password.value(), other.password.value()) && sslMode == other.sslMode
            && sslRootCert.equals(other.sslRootCert) && extraParameters.equals(other.extraParameters)
            && applicationName.equals(other.applicationName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, database, user, sslMode);
    }

    @Override
    public String toString() {
        return "ConnectionSettings{" + describe() + ", user=" + user + ", password=" + Password.HIDDEN
            + ", sslmode=" + sslMode + ", sslrootcert=" + sslRootCert.orElse("-") + "}";
    }
}
