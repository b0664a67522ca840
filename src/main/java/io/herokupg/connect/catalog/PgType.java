/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL type as one column (or array element, or composite field) uses it, domains already replaced by their
 * base type: what the type mapping needs to know, read from {@code pg_type} once per discovery.
 *
 * @param oid            the type's OID (of the base type, for a domain)
 * @param name           {@code pg_type.typname}, e.g. {@code int4}, {@code _text}, {@code citext}
 * @param schema         the schema of the type (extension types may live anywhere, e.g. {@code heroku_ext})
 * @param typmod         the type modifier that applies ({@code -1} when none), e.g. numeric's precision and scale
 * @param kind           what sort of type it is
 * @param delimiter      the delimiter between elements of an array of this type ({@code ,}; {@code ;} for box)
 * @param element        for an array: its element type
 * @param attributes     for a composite: its fields in order
 * @param labels         for an enum: its labels in sort order
 * @param fractionDigits for money: the digits after the decimal point in the server's {@code lc_monetary}; else -1
 */
public record PgType(long oid, String name, String schema, int typmod, Kind kind, char delimiter,
                     Optional<PgType> element, List<Attribute> attributes, List<String> labels, int fractionDigits) {

    /** Kinds of types, after domains are resolved. */
    public enum Kind { BASE, ARRAY, COMPOSITE, ENUM, RANGE, MULTIRANGE, PSEUDO }

    /** One field of a composite type. */
    public record Attribute(String name, PgType type) {
    }

    public PgType {
        attributes = List.copyOf(attributes);
        labels = List.copyOf(labels);
    }

    /** A base type without modifier, e.g. for tests and documentation. */
    public static PgType base(long oid, String name, String schema, int typmod) {
        return new PgType(oid, name, schema, typmod, Kind.BASE, ',', Optional.empty(), List.of(), List.of(), -1);
    }

    /** Whether the type is defined in {@code pg_catalog} (a built-in type). */
    public boolean builtIn() {
        return "pg_catalog".equals(schema);
    }

    /** The schema-qualified name, for messages. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    /** For numeric(p,s): the declared scale (negative scales exist since PostgreSQL 15), or null when unconstrained. */
    public Integer numericScale() {
        if (typmod < 4) {
            return null;
        }
        // numeric typmod = ((precision << 16) | (scale & 0x7ff)) + VARHDRSZ (4); the scale is an 11-bit signed number
        int scale = (typmod - 4) & 0x7FF;
        return (scale ^ 0x400) - 0x400;
    }

    /** For numeric(p,s): the declared precision, or -1 when unconstrained. */
    public int numericPrecision() {
        return typmod < 4 ? -1 : ((typmod - 4) >> 16) & 0xFFFF;
    }
}
