/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.kafka.connect.data.Schema;

/**
 * How one column becomes one Connect field: its schema, the code that reads its value, and what to append to the
 * quoted column name in the select list so that the reader finds the value in the form it reads (e.g.
 * {@code ::text}, or {@code ::numeric::text} for money); empty when the column is selected as it is.
 */
public record ColumnMapping(Schema schema, ValueReader reader, String selectSuffix) {

    public ColumnMapping(Schema schema, ValueReader reader) {
        this(schema, reader, "");
    }

    /** Reads a column's value from the current row and converts it to the Connect value of the schema. */
    @FunctionalInterface
    public interface ValueReader {
        /** The value at column {@code index} (1-based) of the current row, or null for SQL NULL. */
        Object read(ResultSet rs, int index) throws SQLException;
    }
}
