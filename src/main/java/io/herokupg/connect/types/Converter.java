/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.util.function.UnaryOperator;

import org.apache.kafka.connect.data.Schema;

/**
 * How values of one PostgreSQL type, as one column, array element or composite field uses it, become Connect values:
 * chosen once, never per value.
 *
 * @param schema the Connect schema (optional or not, as the use requires)
 * @param text   decodes PostgreSQL's text output of a value (in arrays, composites and top-level columns read
 *               as text)
 * @param field  decodes a top-level column's value as the binary COPY sends the {@code select} expression
 * @param select the select-list expression of a top-level column, given the quoted column
 */
record Converter(Schema schema, TextDecoder text, ColumnMapping.FieldDecoder field, UnaryOperator<String> select) {

    /** PostgreSQL text output (never null) to the Connect value. */
    @FunctionalInterface
    interface TextDecoder {
        Object decode(String text);
    }

    /** A converter whose column is selected as text ({@code ::text}) and decoded like an element. */
    static Converter textual(Schema schema, TextDecoder text) {
        return textual(schema, text, "::text");
    }

    /**
     * A converter whose column is selected with the given suffix (which must give text, e.g. {@code ::numeric::text})
     * and decoded as text.
     */
    static Converter textual(Schema schema, TextDecoder text, String selectSuffix) {
        return viaText(schema, text, column -> column + selectSuffix);
    }

    /** A converter whose column is selected by an expression that gives its text, and decoded as text. */
    static Converter viaText(Schema schema, TextDecoder text, UnaryOperator<String> select) {
        return new Converter(schema, text, (row, offset, length) -> text.decode(Binary.utf8(row, offset, length)),
            select);
    }

    /** A converter whose column is selected as it is and decoded from its type's binary form. */
    static Converter binary(Schema schema, TextDecoder text, ColumnMapping.FieldDecoder field) {
        return new Converter(schema, text, field, UnaryOperator.identity());
    }

    /**
     * A converter whose column is selected through its type's output function as text (the I/O conversion, as
     * PostgreSQL prints the value), for types whose cast to text prints otherwise (inet and cidr add the netmask).
     */
    static Converter printed(Schema schema, TextDecoder text, String outputFunction) {
        return viaText(schema, text, column -> "textin(" + outputFunction + "(" + column + "))");
    }
}
