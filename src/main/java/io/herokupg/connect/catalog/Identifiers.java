/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

/** Quoting of SQL identifiers; every identifier we put in SQL goes through here. */
public final class Identifiers {
    private Identifiers() {
    }

    /**
     * Double-quotes an identifier, doubling embedded double quotes, so that any name (mixed case, spaces, dots,
     * reserved words) reaches the server unchanged. See
     * <a href="https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS">4.1.1</a>.
     */
    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot contain a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
