/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parsers of the text PostgreSQL prints for arrays ({@code array_out}), composite values ({@code record_out}) and
 * hstore ({@code hstore_out}): each gives the text of the parts, which the part's own type then decodes.
 */
final class Literals {
    private Literals() {
    }

    /**
     * The elements of a one-dimensional array literal such as {@code {1,NULL,"a b"}} or {@code [0:1]={x,y}}, null for
     * NULL elements; {@code delimiter} is the element type's ({@code ,}, or {@code ;} for box).
     *
     * @throws DecodeException for a multi-dimensional array, or text that is no array literal
     */
    static List<String> array(String text, char delimiter) {
        Cursor in = new Cursor(text);
        if (in.peek() == '[') {
            skipDimensions(in, text);
        }
        in.expect('{');
        List<String> elements = new ArrayList<>();
        in.skipSpaces();
        if (in.peek() == '}') {
            in.next();
        } else {
            char after;
            do {
                elements.add(arrayElement(in, delimiter, text));
                after = in.next();
                if (after != delimiter && after != '}') {
                    throw malformed("array", text);
                }
            } while (after == delimiter);
        }
        in.skipSpaces();
        if (!in.atEnd()) {
            throw malformed("array", text);
        }
        return elements;
    }

    /** Skips {@code [l:u]=}; more than one bracketed range is a multi-dimensional array. */
    private static void skipDimensions(Cursor in, String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw malformed("array", text);
        }
        if (text.lastIndexOf('[', equals) > 0) {
            throw multiDimensional();
        }
        in.pos = equals + 1;
    }

    private static String arrayElement(Cursor in, char delimiter, String text) {
        in.skipSpaces();
        char c = in.peek();
        if (c == '{') {
            throw multiDimensional();
        }
        if (c == '"') {
            in.next();
            String quoted = in.quoted();
            in.skipSpaces();
            return quoted;
        }
        return unquotedElement(in, delimiter, text);
    }

    /** An element without quotes: NULL (in any case) is a null element; spaces around it do not count. */
    private static String unquotedElement(Cursor in, char delimiter, String text) {
        StringBuilder value = new StringBuilder();
        boolean escaped = false;
        while (!in.atEnd() && in.peek() != delimiter && in.peek() != '}') {
            char c = in.next();
            if (c == '\\') {
                escaped = true;
                c = in.next();
            }
            value.append(c);
        }
        String element = value.toString().strip();
        if (element.isEmpty() && !escaped) {
            throw malformed("array", text);
        }
        return !escaped && "NULL".equals(element.toUpperCase(Locale.ROOT)) ? null : element;
    }

    private static DecodeException multiDimensional() {
        return new DecodeException("holds a multi-dimensional array, which the connector does not replicate"
            + " (arrays become a Connect ARRAY of one dimension): leave the column out with column.exclude.list");
    }

    /**
     * The fields of a composite value such as {@code (1,"a b",,"")}: null for an empty field (NULL), the text of the
     * others ({@code ""} is the empty string).
     */
    static List<String> record(String text) {
        Cursor in = new Cursor(text);
        in.expect('(');
        List<String> fields = new ArrayList<>();
        if (in.peek() == ')') {
            in.next();
        } else {
            char after;
            do {
                fields.add(recordField(in));
                after = in.next();
            } while (after == ',');
            if (after != ')') {
                throw malformed("composite", text);
            }
        }
        if (!in.atEnd()) {
            throw malformed("composite", text);
        }
        return fields;
    }

    private static String recordField(Cursor in) {
        StringBuilder value = new StringBuilder();
        boolean present = false;
        while (!in.atEnd() && in.peek() != ',' && in.peek() != ')') {
            char c = in.next();
            present = true;
            if (c == '"') {
                value.append(in.quoted());
            } else {
                value.append(c == '\\' ? in.next() : c);
            }
        }
        return present ? value.toString() : null;
    }

    /** The pairs of an hstore such as {@code "a"=>"1", "b"=>NULL}, in the order printed. */
    static Map<String, String> hstore(String text) {
        Cursor in = new Cursor(text);
        Map<String, String> pairs = new LinkedHashMap<>();
        in.skipSpaces();
        while (!in.atEnd()) {
            String key = hstoreItem(in, text);
            if (key == null) {
                throw malformed("hstore", text);
            }
            in.skipSpaces();
            in.expect('=');
            in.expect('>');
            pairs.put(key, hstoreItem(in, text));
            in.skipSpaces();
            if (!in.atEnd()) {
                in.expect(',');
                in.skipSpaces();
            }
        }
        return pairs;
    }

    private static String hstoreItem(Cursor in, String text) {
        in.skipSpaces();
        if (in.peek() == '"') {
            in.next();
            return in.quoted();
        }
        StringBuilder word = new StringBuilder();
        while (!in.atEnd() && " ,=".indexOf(in.peek()) < 0) {
            word.append(in.next());
        }
        if (!"NULL".equals(word.toString().toUpperCase(Locale.ROOT))) {
            throw malformed("hstore", text);
        }
        return null;
    }

    /** A JSON object of string keys and string or null values, e.g. for hstore in JSON mode. */
    static String jsonObject(Map<String, String> pairs) {
        StringBuilder json = new StringBuilder("{");
        pairs.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            jsonString(json, key).append(':');
            if (value == null) {
                json.append("null");
            } else {
                jsonString(json, value);
            }
        });
        return json.append('}').toString();
    }

    private static StringBuilder jsonString(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }

    private static DecodeException malformed(String what, String text) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return new DecodeException("holds text that is no " + what + " literal: " + shown);
    }

    /** A position in a literal. */
    private static final class Cursor {
        private final String text;
        private int pos;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return atEnd() ? '\0' : text.charAt(pos);
        }

        char next() {
            if (atEnd()) {
                throw malformed("complete", text);
            }
            return text.charAt(pos++);
        }

        void expect(char c) {
            if (next() != c) {
                throw malformed("well-formed", text);
            }
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        /** The rest of a quoted string whose opening quote was read: backslash escapes, {@code ""} for a quote. */
        String quoted() {
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '\\') {
                    value.append(next());
                } else if (c != '"') {
                    value.append(c);
                } else if (peek() == '"') {
                    value.append(next());
                } else {
                    return value.toString();
                }
            }
        }
    }
}
