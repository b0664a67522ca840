/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class CopyRowTest {

    @Test
    void fieldsAreFoundInPlaceAndNullsTold() throws IOException {
        byte[] message = row(new byte[] {0, 0, 0, 7}, null, "héllo".getBytes(StandardCharsets.UTF_8), new byte[0]);
        CopyRow row = new CopyRow().parse(message, 4);
        assertThat(row.fieldCount()).isEqualTo(4);
        assertThat(row.decode(0, (b, o, l) -> Binary.int32(b, o))).isEqualTo(7);
        assertThat(row.isNull(1)).isTrue();
        assertThat(row.decode(1, (b, o, l) -> "never")).isNull();
        assertThat(row.text(2)).isEqualTo("héllo");
        assertThat(row.text(3)).isEmpty();
        assertThat(row.bytes()).isEqualTo(message.length);
    }

    @Test
    void aRowOfAnotherShapeIsRefused() throws IOException {
        byte[] message = row(new byte[] {1});
        assertThatThrownBy(() -> new CopyRow().parse(message, 2)).isInstanceOf(DataException.class)
            .hasMessageContaining("1 fields where 2 were selected");
        byte[] cut = java.util.Arrays.copyOf(message, message.length - 1);
        assertThatThrownBy(() -> new CopyRow().parse(cut, 1)).isInstanceOf(DataException.class);
        byte[] longer = java.util.Arrays.copyOf(message, message.length + 1);
        assertThatThrownBy(() -> new CopyRow().parse(longer, 1)).isInstanceOf(DataException.class);
    }

    @Test
    void rowsWiderThanTheLastAreParsed() throws IOException {
        CopyRow row = new CopyRow();
        row.parse(row(new byte[] {1}), 1);
        byte[][] fields = new byte[40][];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new byte[] {(byte) i};
        }
        row.parse(row(fields), 40);
        assertThat(row.decode(39, (b, o, l) -> (int) b[o])).isEqualTo(39);
    }

    private static byte[] row(byte[]... fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(fields.length);
            for (byte[] field : fields) {
                if (field == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(field.length);
                    out.write(field);
                }
            }
        }
        return bytes.toByteArray();
    }
}
