/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

import io.herokupg.connect.config.TypeHandling;

/** Compares record values with the golden table's expected values, directly and after a real JSON converter. */
public final class GoldenAssert {
    private GoldenAssert() {
    }

    /** Each record value through {@code JsonConverter} (schemas.enable=true): to JSON bytes and back. */
    public static Struct viaJson(SourceRecord record) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "true", "converter.type", "value"));
            byte[] json = converter.fromConnectData(record.topic(), record.valueSchema(), record.value());
            SchemaAndValue back = converter.toConnectData(record.topic(), json);
            return (Struct) back.value();
        }
    }

    /**
     * Asserts that a record value has exactly the expected fields in order, each with the documented schema and the
     * expected value. {@code viaJson}: the value went through JsonConverter, which writes NaN and ±Infinity of
     * FLOAT32/FLOAT64 as strings and reads them back as 0.0, and reads -0.0 back as 0.0 (limitations of that
     * converter), so those are only checked to be numbers (zero for -0.0).
     */
    public static void assertRow(Struct value, Map<String, Object> expected, Map<String, GoldenOracle> oracles,
                                 TypeHandling handling, boolean viaJson) {
        Object id = expected.get("id");
        assertThat(value.schema().fields()).extracting(Field::name).as("fields of row %s", id)
            .containsExactlyElementsOf(expected.keySet());
        List<String> failures = new ArrayList<>();
        for (Field field : value.schema().fields()) {
            String path = "row " + id + " " + field.name() + (viaJson ? " (via JsonConverter)" : "");
            try {
                assertThat(GoldenOracle.describe(field.schema())).as("schema of %s", path)
                    .isEqualTo(oracles.get(field.name()).schema(handling));
                assertOptionalElements(field.schema(), path);
                matches(value.get(field), expected.get(field.name()), path, viaJson);
            } catch (AssertionError e) {
                failures.add(e.getMessage().strip().replaceAll("\\s+", " "));
            }
        }
        assertThat(failures).as("fields of row %s that differ from PostgreSQL's", id).isEmpty();
    }

    private static void assertOptionalElements(Schema schema, String path) {
        if (schema.type() == Schema.Type.ARRAY) {
            assertThat(schema.valueSchema().isOptional()).as("elements of %s are optional", path).isTrue();
        }
    }

    @SuppressWarnings("unchecked")
    static void matches(Object actual, Object expected, String path, boolean viaJson) {
        if (expected == null) {
            assertThat(actual).as(path).isNull();
        } else if (expected instanceof GoldenOracle.JsonValue json) {
            assertThat(actual).as(path).isInstanceOf(String.class);
            assertThat(GoldenTable.parse((String) actual)).as(path).isEqualTo(json.json());
        } else if (expected instanceof List<?> list) {
            assertThat(actual).as(path).isInstanceOf(List.class);
            List<Object> values = (List<Object>) actual;
            assertThat(values).as(path).hasSameSizeAs(list);
            for (int i = 0; i < list.size(); i++) {
                matches(values.get(i), list.get(i), path + "[" + i + "]", viaJson);
            }
        } else if (expected instanceof GoldenOracle.StructValue struct) {
            matchesStruct(actual, struct, path, viaJson);
        } else {
            matchesScalar(actual, expected, path, viaJson);
        }
    }

    private static void matchesStruct(Object actual, GoldenOracle.StructValue expected, String path,
                                      boolean viaJson) {
        assertThat(actual).as(path).isInstanceOf(Struct.class);
        Struct struct = (Struct) actual;
        assertThat(struct.schema().fields()).extracting(Field::name).as(path)
            .containsExactlyElementsOf(expected.fields().keySet());
        expected.fields().forEach((name, value) -> matches(struct.get(name), value, path + "." + name, viaJson));
    }

    private static void matchesScalar(Object actual, Object expected, String path, boolean viaJson) {
        if (expected instanceof byte[] bytes) {
            assertThat(hex(actual)).as(path).isEqualTo(HexFormat.of().formatHex(bytes));
        } else if (expected instanceof java.util.Date date) {
            assertThat(actual).as(path).isInstanceOf(java.util.Date.class);
            assertThat(((java.util.Date) actual).getTime()).as(path).isEqualTo(date.getTime());
        } else if (viaJson && isNonFinite(expected)) {
            assertThat(actual).as(path).isInstanceOf(expected.getClass());
        } else if (viaJson && isNegativeZero(expected)) {
            assertThat(((Number) actual).doubleValue()).as(path).isZero();
        } else if (expected instanceof Map<?, ?> map) {
            assertThat(actual).as(path).isInstanceOf(Map.class);
            assertThat(new java.util.HashMap<Object, Object>((Map<?, ?>) actual)).as(path)
                .isEqualTo(new java.util.HashMap<Object, Object>(map));
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static boolean isNegativeZero(Object value) {
        return value instanceof Double d && d.equals(-0.0) || value instanceof Float f && f.equals(-0.0f);
    }

    private static boolean isNonFinite(Object value) {
        return value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f);
    }

    private static String hex(Object bytes) {
        if (bytes instanceof ByteBuffer buffer) {
            byte[] copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            return HexFormat.of().formatHex(copy);
        }
        assertThat(bytes).isInstanceOf(byte[].class);
        return HexFormat.of().formatHex((byte[]) bytes);
    }

    /** The value of a record as the golden table's expected map would have it: for looking up the row. */
    public static int id(SourceRecord record) {
        return ((Struct) record.value()).getInt32("id");
    }

    /** A mode set that changes every non-default representation it can at once. */
    public static TypeHandling handling(TypeHandling.DecimalMode decimal, TypeHandling.TimeMode time,
                                        TypeHandling.IntervalMode interval, TypeHandling.BinaryMode binary,
                                        TypeHandling.HstoreMode hstore) {
        return new TypeHandling(decimal, time, interval, binary, hstore, TypeHandling.UnsupportedMode.FAIL, false);
    }
}
