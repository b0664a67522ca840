/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.TableInfo;

/**
 * The query of a pass, inside {@code COPY (…) TO STDOUT}: the table's columns, then the position's values as text,
 * from the rows that meet the pass's conditions, after the last position read, in position order:
 * {@code SELECT "a", "b", ("s"."t"."k2")::text FROM "s"."t"
 * WHERE ("s"."t"."k1", "s"."t"."k2") > (CAST(E'7' AS int8), CAST(E'2026-01-01' AS date))
 * ORDER BY "s"."t"."k1", "s"."t"."k2"}. Values in, SQL out: no connection, no state.
 *
 * <p>A position is the lead (the replication key or transaction id; none for FULL_TABLE), then the primary key. A
 * pass in primary-key order (FULL_TABLE, a first change pass) orders and resumes by the primary key alone, which can
 * use its index; the row-value comparison resumes exactly after the last row. Without a primary key a change pass
 * resumes from its last lead value again (the rows sharing it are read again), and a FULL_TABLE pass cannot resume.
 *
 * @param table           the table, as the catalog describes it now
 * @param selectList      the table's columns as the record builder reads them
 * @param asText          expressions selected as text after the columns (the positions' values)
 * @param lead            the position's first value, if the order has one
 * @param primaryKeyOrder whether the pass reads in primary-key order (its positions name the primary key only)
 * @param conditions      the pass's conditions but its position ({@link FenceConditions}, a range)
 * @param after           the last position read, to continue after
 */
public record PassQuery(TableInfo table, List<String> selectList, List<String> asText, Optional<Lead> lead,
                        boolean primaryKeyOrder, List<String> conditions, Optional<List<String>> after) {

    /** A FULL_TABLE pass: every row, in primary-key order, after a key if given. */
    public static PassQuery fullTable(TableInfo table, List<String> selectList, List<String> asText,
                                      Optional<List<String>> afterKey) {
        return new PassQuery(table, selectList, asText, Optional.empty(), true, List.of(), afterKey);
    }

    /** The SQL. */
    public String sql() {
        List<String> where = new ArrayList<>(conditions);
        after.ifPresent(last -> where.add(afterCondition(last)));
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", selectList));
        asText.forEach(e -> sql.append(", (").append(e).append(")::text"));
        sql.append(" FROM ").append(table.fromItem());
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        List<String> order = primaryKeyOrder ? primaryKey() : position();
        return order.isEmpty() ? sql.toString() : sql.append(" ORDER BY ").append(String.join(", ", order)).toString();
    }

    /**
     * The highest lead value among the rows the pass's conditions select, as text (a pass in primary-key order does
     * not end on it).
     */
    public String highestLeadSql() {
        String key = lead.orElseThrow().expression();
        return "SELECT (" + key + ")::text FROM " + table.fromItem()
            + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
            + " ORDER BY " + key + " DESC LIMIT 1";
    }

    /** Whether any row meets the conditions: {@code SELECT 1 … LIMIT 1}. */
    public static String existsSql(TableInfo table, List<String> conditions) {
        return "SELECT 1 FROM " + table.fromItem() + " WHERE " + String.join(" AND ", conditions) + " LIMIT 1";
    }

    /**
     * The server's clock (µs) and the highest value of a key column, as text: the mark an INCREMENTAL table with a
     * sequence key takes before its first pass (one step down the key's index).
     */
    public static String highestKeyMarkSql(TableInfo table, ColumnInfo key) {
        String column = Sql.column(table, key.name());
        return "SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::int8, (" + column + ")::text FROM "
            + table.fromItem() + " WHERE " + column + " IS NOT NULL ORDER BY " + column + " DESC LIMIT 1";
    }

    private List<String> primaryKey() {
        return table.primaryKeyColumns().stream().map(c -> Sql.column(table, c.name())).toList();
    }

    private List<String> position() {
        List<String> expressions = new ArrayList<>();
        lead.ifPresent(l -> expressions.add(l.expression()));
        expressions.addAll(primaryKey());
        return expressions;
    }

    private List<String> positionTypes() {
        List<String> types = new ArrayList<>();
        lead.ifPresent(l -> types.add(l.type()));
        table.primaryKeyColumns().stream().map(ColumnInfo::sqlType).forEach(types::add);
        return types;
    }

    /**
     * After the last position: a row-value comparison when a primary key makes positions unique, else from the last
     * lead value again.
     */
    private String afterCondition(List<String> last) {
        List<String> expressions = position();
        List<String> types = positionTypes();
        if (table.primaryKey().isEmpty()) {
            return expressions.get(0) + " >= " + Sql.cast(last.get(0), types.get(0));
        }
        int from = primaryKeyOrder ? expressions.size() - table.primaryKey().size() : 0;
        return "(" + String.join(", ", expressions.subList(from, expressions.size())) + ") > ("
            + IntStream.range(from, types.size()).mapToObj(i -> Sql.cast(last.get(i - from), types.get(i)))
                .collect(Collectors.joining(", ")) + ")";
    }
}
