/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import org.apache.kafka.connect.errors.DataException;

/**
 * One row of a {@code COPY … TO STDOUT (FORMAT binary)}: a field count (16 bits), then each field as a 32-bit length
 * ({@code -1}: NULL) and that many bytes. Parsed in place, without copying; one instance is reused row after row.
 * See PostgreSQL's documentation of COPY, "Binary Format".
 */
public final class CopyRow {
    private byte[] data;
    private int count;
    private int[] starts = new int[16];
    private int[] lengths = new int[16];

    /**
     * Reads the fields' positions in a row's bytes.
     *
     * @throws DataException when the bytes are not one whole row of {@code expectedFields} fields
     */
    public CopyRow parse(byte[] row, int expectedFields) {
        data = row;
        if (row.length < 2) {
            throw malformed("a row of " + row.length + " bytes");
        }
        count = Binary.int16(row, 0);
        if (count != expectedFields) {
            throw malformed("a row of " + count + " fields where " + expectedFields + " were selected");
        }
        if (starts.length < count) {
            starts = new int[count];
            lengths = new int[count];
        }
        int pos = 2;
        for (int i = 0; i < count; i++) {
            if (pos + 4 > row.length) {
                throw malformed("a row cut short in field " + (i + 1));
            }
            int length = Binary.int32(row, pos);
            pos += 4;
            starts[i] = pos;
            lengths[i] = length;
            if (length > 0) {
                pos += length;
            }
        }
        if (pos != row.length) {
            throw malformed("a row of " + row.length + " bytes whose fields end at " + pos);
        }
        return this;
    }

    private static DataException malformed(String what) {
        return new DataException("COPY (FORMAT binary) sent " + what);
    }

    public int fieldCount() {
        return count;
    }

    /** Whether field {@code i} (0-based) is NULL. */
    public boolean isNull(int i) {
        return lengths[i] < 0;
    }

    /** Decodes field {@code i} (0-based), or null for NULL. */
    Object decode(int i, ColumnMapping.FieldDecoder decoder) {
        int length = lengths[i];
        return length < 0 ? null : decoder.decode(data, starts[i], length);
    }

    /** Field {@code i} (0-based) as text (the value of a text-valued select expression), or null for NULL. */
    public String text(int i) {
        int length = lengths[i];
        return length < 0 ? null : Binary.utf8(data, starts[i], length);
    }

    /** The row's size as sent, in bytes. */
    public int bytes() {
        return data.length;
    }
}
