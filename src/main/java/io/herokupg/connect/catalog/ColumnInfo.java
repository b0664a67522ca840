/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

/**
 * A column as the catalog describes it.
 *
 * @param name        the column name, exactly as stored
 * @param position    the attribute number ({@code pg_attribute.attnum}); columns are kept in this order
 * @param typeOid     the OID of the column's type, or of its base type for a domain
 * @param typeName    the type's name ({@code pg_type.typname}) of that OID
 * @param typeSchema  the schema of that type (extension types often live in {@code heroku_ext})
 * @param sqlType     the declared type as {@code format_type()} spells it, usable in a cast, e.g. {@code numeric(12,2)}
 * @param typmod      the type modifier of the declared type ({@code -1} when none)
 * @param notNull     whether the column is declared {@code NOT NULL}
 * @param type        the full type (array element, composite fields, enum labels…), domains resolved
 */
public record ColumnInfo(String name, int position, long typeOid, String typeName, String typeSchema,
                         String sqlType, int typmod, boolean notNull, PgType type) {

    /** A column whose type is a base type without further detail. */
    public ColumnInfo(String name, int position, long typeOid, String typeName, String typeSchema, String sqlType,
                      int typmod, boolean notNull) {
        this(name, position, typeOid, typeName, typeSchema, sqlType, typmod, notNull,
            PgType.base(typeOid, typeName, typeSchema, typmod));
    }
}
