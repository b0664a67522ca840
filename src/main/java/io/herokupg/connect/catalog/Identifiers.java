/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

/** Quoting of SQL identifiers and literals; every identifier and literal we put in SQL goes through here. */
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

    /**
     * A string constant with C-style escapes ({@code E'…'}), backslashes and single quotes doubled, so that it
     * means the same whatever {@code standard_conforming_strings} says. For values that cannot be bound as
     * parameters, such as those of a {@code COPY (query)}. See
     * <a href="https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-STRINGS-ESCAPE">4.1.2.2</a>.
     */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a string constant cannot contain a NUL character");
        }
        StringBuilder literal = new StringBuilder(value.length() + 3).append("E'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\'') {
                literal.append(c);
            }
            literal.append(c);
        }
        return literal.append('\'').toString();
    }
}
