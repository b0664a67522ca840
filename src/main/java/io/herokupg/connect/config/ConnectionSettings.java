/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Map;
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

    @Override
    public String toString() {
        return "ConnectionSettings{" + describe() + ", user=" + user + ", password=" + Password.HIDDEN
            + ", sslmode=" + sslMode + ", sslrootcert=" + sslRootCert.orElse("-") + "}";
    }
}
