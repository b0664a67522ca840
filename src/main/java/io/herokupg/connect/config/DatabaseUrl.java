/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed database URL: Heroku's {@code DATABASE_URL} ({@code postgres://USER:PASSWORD@HOST:PORT/DB}),
 * the {@code postgresql://} spelling, or a PgJDBC {@code jdbc:postgresql://HOST:PORT/DB?user=…&password=…} URL
 * such as the Heroku JVM buildpack's {@code JDBC_DATABASE_URL}.
 *
 * <p>User and password are taken out of the URL so that they travel as driver properties and never as part of a
 * URL that could be logged; {@link #toString()} never shows the password. Other query parameters are kept.
 */
public final class DatabaseUrl {
    public static final int DEFAULT_PORT = 5432;

    // scheme://[userinfo@]host[:port][/db][?query] ; host may be an IPv6 literal in brackets.
    private static final Pattern URL = Pattern.compile(
        "(?<scheme>postgres|postgresql|jdbc:postgresql)://(?:(?<userinfo>[^@/?#]*)@)?"
            + "(?<host>\\[[0-9A-Fa-f:.]+\\]|[^:/?#\\[\\]@]+)(?::(?<port>[0-9]{1,5}))?"
            + "(?:/(?<db>[^?#]*))?(?:\\?(?<query>[^#]*))?");

    private static final Set<String> NORMALIZED = Set.of("user", "password", "sslmode", "sslrootcert");

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> parameters;

    private DatabaseUrl(String host, int port, String database, String user, String password,
                        Map<String, String> parameters) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /**
     * Parses a URL. The message of the exception never repeats the URL, since it may hold a password.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the URL is empty");
        }
        Matcher m = URL.matcher(url.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected postgres://USER:PASSWORD@HOST:PORT/DBNAME,"
                + " postgresql://… or jdbc:postgresql://HOST:PORT/DBNAME");
        }
        Map<String, String> params = parseQuery(m.group("query"));
        String user = params.remove("user");
        String password = params.remove("password");
        String userinfo = m.group("userinfo");
        if (userinfo != null && !userinfo.isEmpty()) {
            int colon = userinfo.indexOf(':');
            user = decode(colon < 0 ? userinfo : userinfo.substring(0, colon));
            password = colon < 0 ? password : decode(userinfo.substring(colon + 1));
        }
        String db = m.group("db") == null ? "" : decode(m.group("db"));
        if (db.isEmpty()) {
            throw new IllegalArgumentException("the URL names no database (expected …/DBNAME after the host)");
        }
        return new DatabaseUrl(host(m.group("host")), port(m.group("port")), db, emptyToNull(user),
            emptyToNull(password), params);
    }

    private static String host(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : decode(host);
    }

    private static int port(String port) {
        if (port == null) {
            return DEFAULT_PORT;
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("the port " + value + " is not between 1 and 65535");
        }
        return value;
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            // PgJDBC's property names are case-sensitive (prepareThreshold, ApplicationName): keep them as written,
            // except the ones this connector reads itself, which libpq and PgJDBC accept in any case.
            String lower = name.toLowerCase(Locale.ROOT);
            String key = NORMALIZED.contains(lower) ? lower : name;
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.put(key, value);
        }
        return params;
    }

    private static String decode(String s) {
        // URLDecoder turns '+' into a space, which is right for query strings but not for paths and userinfo;
        // escape '+' first so that it stays a literal plus sign everywhere, as in libpq.
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the URL has a malformed percent-escape", null);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /**
     * Query parameters other than user and password, in their order, under their names as written (sslmode and
     * sslrootcert lower-cased).
     */
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return "postgres://" + (user == null ? "" : user + (password == null ? "" : ":********") + "@")
            + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }
}
