/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import org.apache.kafka.connect.data.Schema;

/**
 * How values of one PostgreSQL type, as one column, array element or composite field uses it, become Connect values:
 * chosen once, never per value.
 *
 * @param schema       the Connect schema (optional or not, as the use requires)
 * @param text         decodes PostgreSQL's text output of a value (in arrays, composites and top-level columns read
 *                     as text)
 * @param reader       reads a top-level column's value
 * @param selectSuffix appended to the quoted column in the select list for {@code reader} ({@code ::text}), or empty
 */
record Converter(Schema schema, TextDecoder text, ColumnMapping.ValueReader reader, String selectSuffix) {

    /** PostgreSQL text output (never null) to the Connect value. */
    @FunctionalInterface
    interface TextDecoder {
        Object decode(String text);
    }

    /** A converter whose column is selected as text and decoded like an element. */
    static Converter textual(Schema schema, TextDecoder text) {
        return textual(schema, text, "::text");
    }

    /** A converter whose column is selected with the given suffix (which must give text) and decoded as text. */
    static Converter textual(Schema schema, TextDecoder text, String selectSuffix) {
        return new Converter(schema, text, (rs, i) -> {
            String value = rs.getString(i);
            return value == null ? null : text.decode(value);
        }, selectSuffix);
    }

    /** A converter whose column is read by a typed getter, selected as it is. */
    static Converter direct(Schema schema, TextDecoder text, ColumnMapping.ValueReader reader) {
        return new Converter(schema, text, reader, "");
    }
}
