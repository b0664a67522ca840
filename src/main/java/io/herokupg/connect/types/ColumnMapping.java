/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.util.function.UnaryOperator;

import org.apache.kafka.connect.data.Schema;

/**
 * How one column becomes one Connect field: its schema, the decoder of the value as a binary {@code COPY} sends it,
 * and the select-list expression that makes the server send it in the form the decoder reads: the quoted column
 * itself (its type's binary form), or an expression giving its text (e.g. {@code "c"::text}, or
 * {@code textin(inet_out("c"))} for types whose cast to text differs from their output).
 */
public record ColumnMapping(Schema schema, FieldDecoder decoder, UnaryOperator<String> select) {

    /** Decodes one field of a binary COPY row to the Connect value of the schema. */
    @FunctionalInterface
    public interface FieldDecoder {
        /** The value of the field of {@code length} bytes (never -1: SQL NULL is handled by the caller) at offset. */
        Object decode(byte[] row, int offset, int length);
    }
}
