/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.TableInfo;

/**
 * SQL for reading a table in primary-key order from a position:
 * {@code SELECT "a", "b", ("s"."t"."k2")::text FROM "s"."t"
 * WHERE ("s"."t"."k1", "s"."t"."k2") > (CAST(E'7' AS int8), CAST(E'2026-01-01' AS date))
 * ORDER BY "s"."t"."k1", "s"."t"."k2"}.
 * The row-value comparison resumes exactly after the last row read and can use the primary-key index; the key's
 * values that the records do not print as PostgreSQL does follow the columns as text ({@link Positions}), and are
 * written back as literals cast to the column's declared type, so any key type works. Every identifier is quoted.
 */
final class KeysetQuery {
    private KeysetQuery() {
    }

    /**
     * The query for the whole table, or for the rows after a key, selecting the given list (the table's columns, as
     * {@code RecordBuilder.selectList()} reads them), then the given expressions as text (the position's).
     */
    static String select(TableInfo table, List<String> selectList, List<String> asText,
                         Optional<List<String>> afterKey) {
        List<ColumnInfo> key = table.primaryKeyColumns();
        // Qualified, so that ORDER BY means the table's column, not a select-list entry cast to text of that name.
        List<String> qualified = key.stream().map(c -> table.id().quoted() + "." + Identifiers.quote(c.name()))
            .toList();
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", selectList));
        asText.forEach(k -> sql.append(", (").append(k).append(")::text"));
        sql.append(" FROM ").append(table.fromItem());
        if (key.isEmpty()) {
            return sql.toString();
        }
        afterKey.ifPresent(values -> sql.append(" WHERE (").append(String.join(", ", qualified)).append(") > (")
            .append(IntStream.range(0, key.size())
                .mapToObj(i -> ChangeQuery.cast(values.get(i), key.get(i).sqlType()))
                .collect(Collectors.joining(", ")))
            .append(')'));
        return sql.append(" ORDER BY ").append(String.join(", ", qualified)).toString();
    }
}
