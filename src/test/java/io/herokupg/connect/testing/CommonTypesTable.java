/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A table with the common column types, filled with generated rows (negative numbers, NULLs, non-ASCII text,
 * times before the epoch), and an oracle that computes in SQL, independently of the connector, the value each
 * column must have in Kafka.
 */
public final class CommonTypesTable {
    /** Column names in table order, as they must appear in the record value. */
    public static final List<String> COLUMNS = List.of("id", "small_n", "int_n", "big_n", "real_n", "double_n",
        "price", "ratio", "label", "code", "fixed", "flag", "born", "at_time", "created_at", "updated_at", "ident",
        "doc", "raw", "blob", "span");

    private static final String DDL = """
        CREATE TABLE %s (
          id bigserial PRIMARY KEY,
          small_n smallint, int_n integer NOT NULL, big_n bigint,
          real_n real, double_n double precision,
          price numeric(12,2), ratio numeric,
          label text NOT NULL, code varchar(16), fixed char(4),
          flag boolean,
          born date, at_time time, created_at timestamp, updated_at timestamptz,
          ident uuid, doc jsonb, raw json, blob bytea, span interval)""";

    private static final String FILL = """
        INSERT INTO %s (small_n, int_n, big_n, real_n, double_n, price, ratio, label, code, fixed, flag, born,
                        at_time, created_at, updated_at, ident, doc, raw, blob, span)
        SELECT (g %% 32000 - 16000)::smallint, g * 7 - 5000, g::bigint * 1000003 - 4000000000,
               CASE WHEN g %% 7 = 0 THEN NULL ELSE g / 3.0 END, g * 1.5e-3 - 7.25,
               CASE WHEN g %% 11 = 0 THEN NULL ELSE (g * 12.34 - 999.99)::numeric(12,2) END,
               (g::numeric / 7)::numeric(30,20) * 1000000,
               'row ' || g || ' žluťoučký kůň 🐎', CASE WHEN g %% 5 = 0 THEN NULL ELSE 'c' || g END,
               substr(md5(g::text), 1, 3), g %% 3 = 0,
               DATE '1969-07-20' + (g - 5000), TIME '00:00:00.000001' + g * INTERVAL '7.123457 seconds',
               TIMESTAMP '1969-12-31 23:59:59.999999' + g * INTERVAL '1 hour 3.000007 seconds',
               TIMESTAMPTZ '2024-03-31 01:30:00.123456+01' + g * INTERVAL '17 minutes 0.000013 seconds',
               md5(g::text)::uuid, jsonb_build_object('g', g, 'tags', jsonb_build_array('a', g %% 4)),
               ('{"n": ' || g || ', "s" : "x"}')::json, decode(lpad(to_hex(g), 8, '0'), 'hex'),
               make_interval(days => g %% 5, secs => 4.5)
        FROM generate_series(1, %d) AS g""";

    private static final String ORACLE = """
        SELECT id, small_n, int_n, big_n, real_n, double_n, price, ratio::text, label, code, fixed, flag,
               born - DATE '1970-01-01',
               (extract(epoch FROM at_time) * 1000000)::bigint,
               floor(extract(epoch FROM date_trunc('second', created_at)))::bigint * 1000000
                 + extract(microseconds FROM created_at)::bigint %% 1000000,
               floor(extract(epoch FROM date_trunc('second', updated_at)))::bigint * 1000000
                 + extract(microseconds FROM updated_at)::bigint %% 1000000,
               ident::text, doc::text, raw::text, blob, extract(day FROM span)::int
        FROM %s ORDER BY id""";

    private CommonTypesTable() {
    }

    /** Creates the table (dropping any old one) and fills it with {@code rows} rows. */
    public static void create(Connection conn, String table, int rows) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute(String.format(DDL, table));
            st.execute(String.format(FILL, table, rows));
            st.execute("ANALYZE " + table);
        }
    }

    /** The expected record value of every row, by id, computed by PostgreSQL itself. */
    public static Map<Long, Map<String, Object>> expected(Connection conn, String table) throws SQLException {
        Map<Long, Map<String, Object>> rows = new HashMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(String.format(ORACLE, table))) {
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                row.put("id", rs.getLong(1));
                row.put("small_n", rs.getShort(2));
                row.put("int_n", rs.getInt(3));
                row.put("big_n", rs.getLong(4));
                row.put("real_n", rs.getObject(5) == null ? null : rs.getFloat(5));
                row.put("double_n", rs.getDouble(6));
                row.put("price", rs.getBigDecimal(7));
                row.put("ratio", rs.getString(8));
                row.put("label", rs.getString(9));
                row.put("code", rs.getString(10));
                row.put("fixed", rs.getString(11));
                row.put("flag", rs.getBoolean(12));
                row.put("born", new Date(rs.getLong(13) * 86_400_000L));
                row.put("at_time", rs.getLong(14));
                row.put("created_at", rs.getLong(15));
                row.put("updated_at", rs.getLong(16));
                row.put("ident", rs.getString(17));
                row.put("doc", rs.getString(18));
                row.put("raw", rs.getString(19));
                row.put("blob", rs.getBytes(20));
                row.put("span", "P0Y0M" + rs.getInt(21) + "DT0H0M4.5S");
                rows.put(rs.getLong(1), row);
            }
        }
        return rows;
    }

    /** Asserts that a record value equals the expected row, field by field, and has the table's columns in order. */
    public static void assertValue(Struct value, Map<String, Object> expected) {
        List<String> names = new ArrayList<>();
        for (Field field : value.schema().fields()) {
            names.add(field.name());
            Object actual = value.get(field);
            Object wanted = expected.get(field.name());
            if (actual instanceof BigDecimal a && wanted instanceof BigDecimal w) {
                assertThat(a).as("column %s of row %s", field.name(), expected.get("id")).isEqualTo(w);
            } else {
                assertThat(actual).as("column %s of row %s", field.name(), expected.get("id")).isEqualTo(wanted);
            }
        }
        assertThat(names).isEqualTo(COLUMNS);
    }
}
