/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Arrays;
import java.util.Locale;

/**
 * PostgreSQL's {@code sslmode} values, passed to PgJDBC as {@code sslmode=<value>} (never as the bare
 * {@code ssl=true}, which PgJDBC reads as verify-full and which fails against Heroku's default certificates).
 */
public enum SslMode {
    DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    /** The value as PgJDBC and libpq spell it, e.g. {@code verify-full}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when the server certificate is checked against a root certificate. */
    public boolean verifiesServer() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    /** True when the connection may be made without TLS. */
    public boolean allowsPlaintext() {
        return this == DISABLE || this == ALLOW || this == PREFER;
    }

    public static SslMode parse(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
            .filter(mode -> mode.value().equals(normalized))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown sslmode '" + value + "'"));
    }

    public static String[] names() {
        return Arrays.stream(values()).map(SslMode::value).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return value();
    }
}
