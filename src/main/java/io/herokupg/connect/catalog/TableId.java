/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.util.Comparator;
import java.util.Objects;

/** A table's schema-qualified name, exactly as stored in the catalog (no case folding, no quoting). */
public record TableId(String schema, String table) implements Comparable<TableId> {
    private static final Comparator<TableId> ORDER =
        Comparator.comparing(TableId::schema).thenComparing(TableId::table);

    public TableId {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** The name as an SQL identifier, each part double-quoted, e.g. {@code "public"."Order Items"}. */
    public String quoted() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(table);
    }

    @Override
    public int compareTo(TableId other) {
        return ORDER.compare(this, other);
    }

    /** {@code schema.table}, unquoted, for logs and for the include/exclude rules. */
    @Override
    public String toString() {
        return schema + "." + table;
    }
}
