/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.heroku;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the Platform API's config-vars answer: one flat JSON object of names to string values (a value may be
 * {@code null}; numbers and booleans are kept as their text). Nested objects and arrays are refused. Small on
 * purpose: the connector must not depend on a JSON library the worker may or may not have.
 */
final class FlatJson {
    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    /**
     * The object's members, in order; a {@code null} value for a JSON null.
     *
     * @throws IllegalArgumentException if the text is not one flat JSON object; the message never quotes values
     */
    static Map<String, String> parseObject(String text) {
        FlatJson parser = new FlatJson(text);
        parser.skipSpace();
        Map<String, String> result = parser.object();
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the object");
        }
        return result;
    }

    private Map<String, String> object() {
        Map<String, String> members = new LinkedHashMap<>();
        expect('{');
        skipSpace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipSpace();
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            members.put(name, value());
            skipSpace();
            char next = next();
            if (next == '}') {
                return members;
            }
            if (next != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private String value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '{' || c == '[') {
            throw error("nested values are not config vars");
        }
        int start = pos;
        while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String literal = text.substring(start, pos);
        if (literal.isEmpty()) {
            throw error("expected a value");
        }
        return "null".equals(literal) ? null : literal;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            out.append(c == '\\' ? escape() : c);
        }
    }

    private static final String ESCAPED = "\"\\/bfnrt";
    private static final String UNESCAPED = "\"\\/\b\f\n\r\t";

    private char escape() {
        char c = next();
        int simple = ESCAPED.indexOf(c);
        if (simple >= 0) {
            return UNESCAPED.charAt(simple);
        }
        if (c != 'u' || pos + 4 > text.length()) {
            throw error("bad escape");
        }
        try {
            char decoded = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return decoded;
        } catch (NumberFormatException e) {
            throw error("bad \\u escape");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not a flat JSON object of config vars: " + what + " at offset " + pos);
    }
}
