/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.kafka.connect.data.Schema;

/** How one column becomes one Connect field: its schema and the code that reads its value. */
public record ColumnMapping(Schema schema, ValueReader reader) {

    /** Reads a column's value from the current row and converts it to the Connect value of the schema. */
    @FunctionalInterface
    public interface ValueReader {
        /** The value at column {@code index} (1-based) of the current row, or null for SQL NULL. */
        Object read(ResultSet rs, int index) throws SQLException;
    }
}
