/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read.plan;

import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.TableInfo;

/** The small pieces of SQL the plans are made of. */
public final class Sql {
    private Sql() {
    }

    /**
     * A value cast to its SQL type. A pass's query runs inside a {@code COPY}, which takes no parameters, so values
     * are written as escaped literals.
     */
    public static String cast(String value, String type) {
        return "CAST(" + Identifiers.literal(value) + " AS " + type + ")";
    }

    /**
     * A column qualified with its table, so that in ORDER BY it does not mean a select-list entry of the same name
     * (which may be its text).
     */
    public static String column(TableInfo table, String name) {
        return table.id().quoted() + "." + Identifiers.quote(name);
    }

    /**
     * A row's {@code xmin} as a 64-bit transaction id: the latest id before the reading snapshot's {@code xmax} with
     * the same low 32 bits (FrozenTransactionId and BootstrapTransactionId read as 0).
     */
    public static String xid64(long xmax) {
        return "(CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE " + xmax + "::int8 - ((" + (xmax & 0xFFFFFFFFL)
            + "::int8 - xmin::text::int8 + 4294967296) % 4294967296) END)";
    }
}
