/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.util.List;
import java.util.stream.Collectors;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.TableInfo;

/**
 * SQL for reading a table in primary-key order from a position:
 * {@code SELECT "a", "b" FROM "s"."t" WHERE ("k1", "k2") > (CAST(? AS int8), CAST(? AS text))
 * ORDER BY "s"."t"."k1", "s"."t"."k2"}.
 * The row-value comparison resumes exactly after the last row read and can use the primary-key index; key values
 * are bound as text and cast to the column's declared type, so any key type works. Every identifier is quoted.
 */
final class KeysetQuery {
    private KeysetQuery() {
    }

    /**
     * The query for the whole table ({@code afterKey} false) or for the rows after a key, selecting the given list
     * (the table's columns, as {@code RecordBuilder.selectList()} reads them).
     */
    static String select(TableInfo table, List<String> selectList, boolean afterKey) {
        String columns = String.join(", ", selectList);
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM ")
            .append(table.id().quoted());
        List<ColumnInfo> key = table.primaryKeyColumns();
        if (key.isEmpty()) {
            return sql.toString();
        }
        String keyColumns = key.stream().map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", "));
        if (afterKey) {
            sql.append(" WHERE (").append(keyColumns).append(") > (")
                .append(key.stream().map(c -> "CAST(? AS " + c.sqlType() + ")").collect(Collectors.joining(", ")))
                .append(')');
        }
        // Qualified, so that ORDER BY means the table's column, not a select-list entry cast to text of that name.
        String qualified = key.stream().map(c -> table.id().quoted() + "." + Identifiers.quote(c.name()))
            .collect(Collectors.joining(", "));
        return sql.append(" ORDER BY ").append(qualified).toString();
    }
}
