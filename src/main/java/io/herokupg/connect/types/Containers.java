/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.herokupg.connect.catalog.PgType;

/**
 * Converters of arrays (a Connect ARRAY of the element's schema, elements optional since arrays may hold NULLs)
 * and composite types (a STRUCT of optional fields), decoding PostgreSQL's text of the whole value and each part
 * with the part's converter.
 */
final class Containers {
    private Containers() {
    }

    static Converter array(TypeMapper.Use use) {
        PgType elementType = use.type().element().orElseThrow();
        Converter element = TypeMapper.converter(use.nested(elementType));
        Schema schema = Scalars.schema(SchemaBuilder.array(element.schema()), use);
        char delimiter = elementType.delimiter();
        Converter.TextDecoder decoder = text -> {
            List<String> parts = Literals.array(text, delimiter);
            List<Object> values = new ArrayList<>(parts.size());
            for (String part : parts) {
                values.add(part == null ? null : element.text().decode(part));
            }
            return values;
        };
        // money's own text depends on lc_monetary; numeric's does not.
        return Converter.textual(schema, decoder, isMoney(elementType) ? "::numeric[]::text" : "::text");
    }

    static Converter composite(TypeMapper.Use use) {
        PgType type = use.type();
        SchemaBuilder builder = SchemaBuilder.struct().name(Names.typeSchemaName(use.prefix(), type.schema(),
            type.name()));
        List<Converter> fields = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (PgType.Attribute attribute : type.attributes()) {
            PgType fieldType = attribute.type();
            if (isMoney(fieldType) || fieldType.element().filter(Containers::isMoney).isPresent()) {
                throw new TypeMapper.Unsupported("its field " + attribute.name() + " is money, which a composite"
                    + " value prints in the locale's currency format");
            }
            Converter field = TypeMapper.converter(use.nested(fieldType));
            String name = Names.field(attribute.name(), use.handling().fieldNames());
            String before = names.putIfAbsent(name, attribute.name());
            if (before != null) {
                throw new TypeMapper.Unsupported("its fields " + before + " and " + attribute.name() + " have the same"
                    + " field name under field.name.adjustment.mode: " + name);
            }
            builder.field(name, field.schema());
            fields.add(field);
        }
        Schema schema = Scalars.schema(builder, use);
        return Converter.textual(schema, text -> struct(schema, fields, text));
    }

    private static Struct struct(Schema schema, List<Converter> converters, String text) {
        List<String> parts = Literals.record(text);
        List<Field> fields = schema.fields();
        if (parts.size() != fields.size()) {
            throw new DecodeException("holds a composite value of " + parts.size() + " fields where its type has "
                + fields.size() + ": " + text);
        }
        Struct struct = new Struct(schema);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            struct.put(fields.get(i), part == null ? null : converters.get(i).text().decode(part));
        }
        return struct;
    }

    private static boolean isMoney(PgType type) {
        return type.builtIn() && "money".equals(type.name());
    }
}
