/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A real PostgreSQL server that, like Heroku Postgres, accepts only TLS connections. The tests create their tables
 * as {@link #user()}, an ordinary (non-superuser) role that owns {@link #database()}, as Heroku's default credential.
 */
public interface PostgresFixture extends AutoCloseable {

    /** The server's version, e.g. "17.5". */
    String serverVersion();

    /** Host name under which the tests (and an in-JVM worker) reach the server. */
    String host();

    int port();

    String database();

    String user();

    String password();

    /** The CA certificate (PEM) that signed the server's certificate. */
    java.nio.file.Path caCertificate();

    /** A connection as {@link #user()} over TLS, autocommit on. */
    default Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user());
        props.setProperty("password", password());
        props.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/" + database(), props);
    }

    /** Connector settings that reach this database with sslmode=require, as discrete keys. */
    default Map<String, String> connectorConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("database.hostname", host());
        config.put("database.port", Integer.toString(port()));
        config.put("database.user", user());
        config.put("database.password", password());
        config.put("database.dbname", database());
        config.put("database.sslmode", "require");
        return config;
    }

    /** Heroku's form: postgres://USER:PASSWORD@HOST:PORT/DBNAME. */
    default String databaseUrl() {
        return "postgres://" + encode(user()) + ":" + encode(password()) + "@" + host() + ":" + port() + "/"
            + encode(database());
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    void close();
}
