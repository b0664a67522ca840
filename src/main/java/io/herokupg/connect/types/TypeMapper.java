/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.PgType;
import io.herokupg.connect.config.TypeHandling;

/**
 * The one registry from PostgreSQL types to Connect schemas and value readers; the choice is made once per
 * column, never per row. Semantic schema names follow Debezium's ({@code io.debezium.time.MicroTimestamp},
 * {@code io.debezium.data.Json}, …) because downstream sinks already understand them. Built-in types are looked
 * up by name in {@code pg_catalog}; extension types (citext, hstore) by name in any schema (Heroku keeps them in
 * {@code heroku_ext}); arrays, composites, enums and ranges by their kind; domains arrive as their base type.
 */
public final class TypeMapper {
    /** Registered built-in types, by {@code pg_type.typname}, in the order the README lists them. */
    static final Map<String, Factory> BUILT_IN = builtIn();
    /** Extension types, by name in any schema. */
    static final Map<String, Factory> EXTENSIONS = extensions();

    private TypeMapper() {
    }

    /** One use of a type: a column (optional unless NOT NULL), an array element or a composite field (optional). */
    record Use(PgType type, boolean optional, TypeHandling handling, String prefix) {
        Use nested(PgType part) {
            return new Use(part, true, handling, prefix);
        }
    }

    /** Makes the converter of one use of a registered type. */
    @FunctionalInterface
    interface Factory {
        Converter create(Use use);
    }

    /** A type without an exact mapping; the message says why, to follow "has type x, which …". */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason);
        }
    }

    private static Map<String, Factory> builtIn() {
        Map<String, Factory> types = new LinkedHashMap<>();
        types.put("int2", Scalars::int16);
        types.put("int4", Scalars::int32);
        types.put("int8", Scalars::int64);
        types.put("oid", Scalars::oid);
        types.put("float4", Scalars::float32);
        types.put("float8", Scalars::float64);
        types.put("numeric", Scalars::numeric);
        types.put("money", Scalars::money);
        types.put("bool", Scalars::bool);
        // Read as they are: a cast to text strips char(n)'s padding and adds the netmask to inet and cidr.
        for (String name : new String[] {"text", "varchar", "bpchar", "name"}) {
            types.put(name, Scalars::string);
        }
        types.put("char", use -> Scalars.printed(use, "charout"));
        types.put("inet", use -> Scalars.printed(use, "inet_out"));
        types.put("cidr", use -> Scalars.printed(use, "cidr_out"));
        types.put("bytea", Scalars::bytea);
        types.put("uuid", Scalars::uuid);
        types.put("json", Scalars::json);
        types.put("jsonb", Scalars::jsonb);
        types.put("xml", Scalars::xml);
        types.put("date", Scalars::date);
        types.put("time", Scalars::time);
        types.put("timetz", Scalars::timetz);
        types.put("timestamp", Scalars::timestamp);
        types.put("timestamptz", Scalars::timestamptz);
        types.put("interval", Scalars::interval);
        for (String name : new String[] {"macaddr", "macaddr8", "bit", "varbit", "tsvector", "point", "line", "lseg",
            "box", "path", "polygon", "circle"}) {
            types.put(name, Scalars::text);
        }
        return Collections.unmodifiableMap(types);
    }

    private static Map<String, Factory> extensions() {
        Map<String, Factory> types = new LinkedHashMap<>();
        types.put("citext", Scalars::extensionString);
        types.put("hstore", Scalars::hstore);
        return Collections.unmodifiableMap(types);
    }

    /**
     * The mapping of a column, or empty when it is left out ({@code unsupported.type.handling=skip} and its type has
     * no exact mapping).
     *
     * @param table  the table's name, for messages
     * @param prefix the topic prefix, which composite types' schema names begin with
     * @throws UnsupportedTypeException naming the column and its type, when the type has no exact mapping and
     *                                  {@code unsupported.type.handling=fail}
     */
    public static Optional<ColumnMapping> mappingFor(String table, ColumnInfo column, TypeHandling handling,
                                                     String prefix) {
        Converter converter;
        try {
            converter = converter(new Use(column.type(), !column.notNull(), handling, prefix));
        } catch (Unsupported e) {
            switch (handling.unsupported()) {
                case SKIP:
                    return Optional.empty();
                case STRING:
                    converter = Converter.textual(Scalars.schema(SchemaBuilder.string(),
                        new Use(column.type(), !column.notNull(), handling, prefix)), s -> s);
                    break;
                default:
                    throw new UnsupportedTypeException(unsupportedMessage(table, column, e));
            }
        }
        return Optional.of(new ColumnMapping(converter.schema(), naming(table, column, converter.field()),
            converter.select()));
    }

    /** The message of a column without an exact mapping, naming it and the ways out. */
    static String unsupportedMessage(String table, ColumnInfo column, Unsupported reason) {
        return "Column " + table + "." + column.name() + " has type " + column.sqlType() + ", which the connector"
            + " cannot replicate exactly (" + reason.getMessage() + "); leave the column out with"
            + " column.exclude.list, or set unsupported.type.handling=string (its PostgreSQL text) or skip";
    }

    /** A decoding failure names the column: the message says what to do about it. */
    private static ColumnMapping.FieldDecoder naming(String table, ColumnInfo column,
                                                     ColumnMapping.FieldDecoder decoder) {
        String where = "Column " + table + "." + column.name() + " ";
        return (row, offset, length) -> {
            try {
                return decoder.decode(row, offset, length);
            } catch (DecodeException e) {
                throw new DataException(where + e.getMessage(), e);
            }
        };
    }

    /** The converter of one use of a type, however deeply nested. */
    static Converter converter(Use use) {
        PgType type = use.type();
        return switch (type.kind()) {
            case ARRAY -> Containers.array(use);
            case COMPOSITE -> Containers.composite(use);
            case ENUM -> Scalars.enumeration(use);
            case RANGE, MULTIRANGE -> Scalars.text(use);
            case BASE, PSEUDO -> registered(use);
        };
    }

    private static Converter registered(Use use) {
        PgType type = use.type();
        Factory factory = (type.builtIn() ? BUILT_IN : EXTENSIONS).get(type.name());
        if (factory == null) {
            throw new Unsupported(type.qualifiedName() + " has no mapping");
        }
        return factory.create(use);
    }
}
