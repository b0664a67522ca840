/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * An approximate size of what records carry, cheap to compute: text length, binary length, 8 a number (4 an int,
 * 1 a boolean), summed over Struct fields, arrays and maps. Not the serialized size, which the converter decides.
 */
final class RecordSizes {
    private RecordSizes() {
    }

    static long of(List<SourceRecord> records) {
        long bytes = 0;
        for (SourceRecord record : records) {
            bytes += of(record.value());
        }
        return bytes;
    }

    static long of(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Struct struct) {
            long bytes = 0;
            for (Field field : struct.schema().fields()) {
                bytes += of(struct.get(field));
            }
            return bytes;
        }
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof byte[] binary) {
            return binary.length;
        }
        return ofOther(value);
    }

    private static long ofOther(Object value) {
        if (value instanceof ByteBuffer buffer) {
            return buffer.remaining();
        }
        if (value instanceof Collection<?> items) {
            return items.stream().mapToLong(RecordSizes::of).sum();
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().mapToLong(e -> of(e.getKey()) + of(e.getValue())).sum();
        }
        return ofScalar(value);
    }

    private static long ofScalar(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.unscaledValue().bitLength() / 8 + 1;
        }
        if (value instanceof Boolean || value instanceof Byte) {
            return 1;
        }
        if (value instanceof Short) {
            return 2;
        }
        return value instanceof Integer || value instanceof Float ? 4 : 8;
    }
}
