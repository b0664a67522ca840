/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A real PostgreSQL server that, like Heroku Postgres, accepts only TLS connections. The tests create their tables
 * as {@link #user()}, an ordinary (non-superuser) role that owns {@link #database()}, as Heroku's default credential.
 */
public interface PostgresFixture extends AutoCloseable {
    /** The application role: like Heroku's default credential, it owns the database but is no superuser. */
    String USER = "heroku_app";
    /** A password with characters that must be escaped in a URL. */
    String PASSWORD = "s3cr3t-Pa55:w/rd@x";
    String DATABASE = "app_db";

    /** The server's version, e.g. "17.5". */
    String serverVersion();

    /** Host name under which the tests (and an in-JVM worker) reach the server. */
    String host();

    int port();

    default String database() {
        return DATABASE;
    }

    default String user() {
        return USER;
    }

    default String password() {
        return PASSWORD;
    }

    /** The CA certificate (PEM) that signed the server's certificate. */
    java.nio.file.Path caCertificate();

    /** A superuser connection to {@link #database()}, for what the application role may not do. */
    Connection superuser() throws SQLException;

    /** Creates, once, the role that logs in with the test client certificate (mutual TLS). */
    default void createClientCertificateRole() throws SQLException {
        try (Connection admin = superuser(); Statement st = admin.createStatement()) {
            st.execute("DO $$ BEGIN CREATE ROLE " + TestCertificates.CLIENT_USER + " LOGIN;"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        }
    }

    /** A connection as {@link #user()} over TLS, autocommit on. */
    default Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user());
        props.setProperty("password", password());
        props.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/" + database(), props);
    }

    /** Runs the statements in turn as {@link #user()}, each in its own transaction. */
    default void execute(String... statements) throws SQLException {
        try (Connection conn = connect(); Statement st = conn.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
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

    /** Replaces the discrete database keys of a connector config by database.url. */
    static void useUrl(Map<String, String> config, String url) {
        for (String key : new String[] {"database.hostname", "database.port", "database.user", "database.password",
            "database.dbname"}) {
            config.remove(key);
        }
        config.put("database.url", url);
    }

    /** Heroku's form: postgres://USER:PASSWORD@HOST:PORT/DBNAME. */
    default String databaseUrl() {
        return "postgres://" + encode(user()) + ":" + encode(password()) + "@" + host() + ":" + port() + "/"
            + encode(database());
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Creates the application role and its database, as a superuser; returns the server version. */
    static String createApplicationDatabase(Statement superuser) throws SQLException {
        superuser.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD.replace("'", "''") + "'");
        superuser.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        // Heroku's default credential may read the activity of all sessions (PostgreSQL 10+ has the role).
        superuser.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pg_read_all_stats') THEN"
            + " GRANT pg_read_all_stats TO " + USER + "; END IF; END $$");
        try (ResultSet rs = superuser.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    void close();
}
