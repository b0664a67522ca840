/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills Structs whose values are of their schema's classes by construction (the type mapping makes them so), without
 * Connect's check of each value on {@link Struct#put}: that check builds a message string for every call
 * ({@code ConnectSchema.validateValue(String, Schema, Object)}), about a third of the cost of turning a row into a
 * record. The values go straight into the Struct's value array, read once per Struct through a {@link VarHandle};
 * should Connect's {@code Struct} not have that array (a future version), every value goes through {@code put}.
 * {@link RecordBuilder} validates the first records of each table shape with {@link Struct#validate()}, and the
 * type tests validate every record, so that a converter producing the wrong class cannot go unnoticed.
 */
final class Structs {
    private static final Logger LOG = LoggerFactory.getLogger(Structs.class);
    private static final VarHandle VALUES = valuesHandle();

    private Structs() {
    }

    private static VarHandle valuesHandle() {
        try {
            VarHandle handle = MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
                .findVarHandle(Struct.class, "values", Object[].class);
            Schema probe = SchemaBuilder.struct()
                .field("a", Schema.OPTIONAL_INT32_SCHEMA).field("b", Schema.OPTIONAL_STRING_SCHEMA).build();
            Struct struct = new Struct(probe);
            Object[] values = (Object[]) handle.get(struct);
            values[0] = 1;
            values[1] = "x";
            if (values.length == 2 && Integer.valueOf(1).equals(struct.get("a")) && "x".equals(struct.get("b"))) {
                return handle;
            }
            LOG.info("Connect's Struct keeps its values otherwise; filling Structs with put() (slower)");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("Connect's Struct has no value array to fill ({}); filling Structs with put() (slower)",
                e.toString());
        }
        return null;
    }

    /**
     * The value array of a new Struct, to fill by field index; null when values must go through
     * {@link Struct#put(Field, Object)}.
     */
    static Object[] values(Struct struct) {
        return VALUES == null ? null : (Object[]) VALUES.get(struct);
    }

    /** Sets a field of a new Struct whose value array {@link #values} gave (or null). */
    static void set(Struct struct, Object[] values, Field field, Object value) {
        if (values != null) {
            values[field.index()] = value;
        } else {
            struct.put(field, value);
        }
    }
}
