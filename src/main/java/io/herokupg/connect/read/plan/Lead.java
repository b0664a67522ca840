/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read.plan;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.TableInfo;

/**
 * The first value of a change pass's position, before the primary key: the replication key (INCREMENTAL) or the
 * row's 64-bit transaction id (XMIN).
 *
 * @param expression its SQL
 * @param type       its SQL type, to cast a stored value back to
 */
public record Lead(String expression, String type) {

    /** The replication key column. */
    public static Lead key(TableInfo table, ColumnInfo key) {
        return new Lead(Sql.column(table, key.name()), key.sqlType());
    }

    /** The row's transaction id, placed by the reading snapshot's xmax. */
    public static Lead xid(long readXmax) {
        return new Lead(Sql.xid64(readXmax), "int8");
    }
}
