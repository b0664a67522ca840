/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import static io.herokupg.connect.testing.GoldenColumns.quoted;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.herokupg.connect.config.TypeHandling;
import io.herokupg.connect.testing.GoldenOracle.ArrayOf;
import io.herokupg.connect.testing.GoldenOracle.Composite;
import io.herokupg.connect.testing.GoldenOracle.Field;

/**
 * One table with a column of every mapped type and a column of an array of each, rows of typical, extreme and
 * special values (row 3 all NULL), created in a real PostgreSQL; and the value the connector must emit for each
 * field, computed from what PostgreSQL itself says ({@link GoldenOracle}).
 */
public final class GoldenTable {
    public static final String TABLE = "types_golden";
    /** Rows 1..6; row 3 is NULL in every column. */
    public static final int ROWS = 6;
    /** Where the extension types live, as on Heroku. */
    public static final String EXT = "heroku_ext";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A column: its type, the oracle, its values (SQL expressions), the first major having it, with an array. */
    record Column(String name, String type, GoldenOracle oracle, List<String> values, int since, boolean array) {
    }

    private GoldenTable() {
    }

    private static final String TYPES = """
        DROP TABLE IF EXISTS %1$s;
        DROP TYPE IF EXISTS golden_pair; DROP TYPE IF EXISTS golden_inner; DROP TYPE IF EXISTS golden_mood;
        DROP DOMAIN IF EXISTS golden_price2; DROP DOMAIN IF EXISTS golden_price; DROP DOMAIN IF EXISTS golden_posint;
        CREATE TYPE golden_mood AS ENUM ('sad', 'ok', 'Très bien');
        CREATE TYPE golden_inner AS (x float8, b bytea);
        CREATE TYPE golden_pair AS (n int, label text, at timestamptz, tags text[], price numeric(8,2),
                                    mood golden_mood, part golden_inner);
        CREATE DOMAIN golden_posint AS integer CHECK (VALUE > 0);
        CREATE DOMAIN golden_price AS numeric(8,2);
        CREATE DOMAIN golden_price2 AS golden_price;
        """;

    static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(col("c_int2", "smallint", GoldenColumns.INT2, quoted("-32768", "32767", "0")));
        c.add(col("c_int4", "integer", GoldenColumns.INT4, quoted("-2147483648", "2147483647", "0", "1")));
        c.add(col("c_int8", "bigint", GoldenColumns.INT8, quoted("-9223372036854775808", "9223372036854775807",
            "0")));
        c.add(col("c_float4", "real", GoldenColumns.FLOAT4, quoted("3.4028235e+38", "NaN", "-Infinity",
            "1.17549435e-38", "-0", "1.1", "Infinity", "1e-45")));
        c.add(col("c_float8", "double precision", GoldenColumns.FLOAT8, quoted("2.2250738585072014e-308",
            "Infinity", "-Infinity", "NaN", "-0", "0.1", "1.7976931348623157e308", "4.9e-324")));
        c.add(col("c_numeric", "numeric(12,3)", GoldenColumns.NUMERIC, quoted("-123456789.123", "999999999.999",
            "0.000", "0.001")));
        c.add(col("c_numeric_var", "numeric", GoldenColumns.VARIABLE_NUMERIC, quoted(
            "3.14159265358979323846264338327950288", "NaN", "-0.000000000000000000001", "1e100", "0")));
        c.add(new Column("c_numeric_inf", "numeric", GoldenColumns.VARIABLE_NUMERIC, quoted("Infinity",
            "-Infinity", "NaN"), 14, true));
        c.add(col("c_money", "money", GoldenColumns.MONEY, quoted("-1234.56", "1000000.00", "0",
            "92233720368547758.07", "-92233720368547758.08")));
        c.add(col("c_bool", "boolean", GoldenColumns.BOOL, quoted("true", "false")));
        c.add(col("c_text", "text", GoldenColumns.STRING, List.of("'žluťoučký kůň 🐎 \"q\" \\ {a,b} (x)'",
            "'NULL'", "''", "E'line\\nbreak\\ttab'", "' leading and trailing '")));
        c.add(col("c_varchar", "varchar(10)", GoldenColumns.STRING, quoted("short", " spaced ", "", "ten chars!")));
        c.add(col("c_char", "char(4)", GoldenColumns.OUTPUT, quoted("ab", "abcd", "", "ž")));
        c.add(col("c_name", "name", GoldenColumns.STRING, quoted("pg_class", "a\"b", "")));
        c.add(col("c_char1", "\"char\"", GoldenColumns.STRING, quoted("a", "Z", " ")));
        c.add(col("c_citext", EXT + ".citext", GoldenColumns.STRING, quoted("MiXeD Case", "ß", "")));
        c.add(col("c_bytea", "bytea", GoldenColumns.BYTEA, List.of("'\\x00ff10'", "'\\x'",
            "decode(repeat('ab', 300), 'hex')")));
        c.add(col("c_uuid", "uuid", GoldenColumns.UUID, quoted("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff")));
        c.add(col("c_json", "json", GoldenColumns.JSON, quoted("{\"b\": 1, \"a\": [1, 2.50, \"x\"]}", "\"str\"",
            "null", "[]")));
        c.add(col("c_jsonb", "jsonb", GoldenColumns.JSON, quoted("{\"b\": 1, \"a\": [1, 2.50]}",
            "{\"k\": \"ž\\\"\\\\\"}", "[]", "0.10")));
        c.add(col("c_xml", "xml", GoldenColumns.XML, quoted("<a x=\"1\">t &amp; u</a>", "text only", "<!-- c -->")));
        c.add(col("c_date", "date", GoldenColumns.DATE, quoted("2024-02-29", "infinity", "-infinity",
            "4713-01-01 BC", "5874897-12-31", "0001-02-29 BC", "1969-12-31", "10000-01-01")));
        c.add(col("c_time", "time", GoldenColumns.TIME, quoted("13:45:06.123456", "24:00:00", "00:00:00",
            "23:59:59.999999", "00:00:00.000001")));
        c.add(col("c_timetz", "timetz", GoldenColumns.TIMETZ, quoted("13:45:06.5+05:45", "24:00:00-15:59",
            "00:00:00+00", "12:00:00+05:53:28", "23:59:59.999999-03:30")));
        c.add(col("c_ts", "timestamp", GoldenColumns.TIMESTAMP, quoted("2024-03-31 01:30:00.123456", "infinity",
            "-infinity", "4713-01-01 00:00:00 BC", "10000-01-01 00:00:00.000001", "1969-12-31 23:59:59.999999",
            "275760-09-13 00:00:00")));
        c.add(col("c_tstz", "timestamptz", GoldenColumns.TIMESTAMP, quoted("2024-03-31 01:30:00.123456+01",
            "infinity", "-infinity", "0044-03-15 12:00:00+00 BC", "1901-01-01 00:00:00-03:30:52",
            "10000-01-01 00:00:00+00", "1969-12-31 23:59:59.999999+00")));
        c.add(col("c_interval", "interval", GoldenColumns.INTERVAL, quoted("1 year 2 mons 3 days 04:05:06.789",
            "-1 years -2 mons +3 days -04:05:06.789", "00:00:00", "-00:00:00.000001",
            "100 years 1000000 days 100000:00:00")));
        addTextTypes(c);
        c.add(col("c_mood", "golden_mood", GoldenColumns.ENUM, quoted("sad", "Très bien", "ok")));
        c.add(new Column("c_posint", "golden_posint", GoldenColumns.INT4, quoted("1", "2147483647"), 0, false));
        c.add(new Column("c_price", "golden_price", GoldenColumns.NUMERIC, quoted("123456.78", "-0.01"), 0, false));
        c.add(new Column("c_price2", "golden_price2", GoldenColumns.NUMERIC, quoted("1.00"), 0, false));
        // Arrays of domains: PostgreSQL 11+.
        c.add(new Column("c_price3", "golden_price2", GoldenColumns.NUMERIC, quoted("-1.50", "999999.99"), 11, true));
        c.add(col("c_hstore", EXT + ".hstore", new GoldenOracle.Hstore(EXT), quoted("\"a\"=>\"1\", \"b\"=>NULL", "",
            "\"k,=>\\\"q\"=>\"v\\\\\"", "\"ž\"=>\"\"")));
        c.add(col("c_pair", "golden_pair", pair(), List.of(
            "ROW(1, 'a \"b\", (c)', '2024-01-01 00:00:00+00', ARRAY['x', NULL, 'y,z'], 12.34, 'ok',"
                + " ROW(1.5, '\\x00ff'))",
            "ROW(NULL, '', 'infinity', '{}', NULL, NULL, ROW(NULL, NULL))",
            "ROW(NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
            "ROW(-1, 'NULL', '-infinity', ARRAY[NULL]::text[], -999999.99, 'Très bien', NULL)")));
        return c;
    }

    /** Types whose value is their exact PostgreSQL text: network, bits, text search, geometry, ranges. */
    private static void addTextTypes(List<Column> c) {
        c.add(col("c_inet", "inet", GoldenColumns.OUTPUT, quoted("192.168.0.1/24", "::1", "2001:db8::1/64")));
        c.add(col("c_cidr", "cidr", GoldenColumns.OUTPUT, quoted("10.0.0.0/8", "2001:db8::/32", "0.0.0.0/0")));
        c.add(col("c_macaddr", "macaddr", GoldenColumns.STRING, quoted("08:00:2b:01:02:03", "ff:ff:ff:ff:ff:ff")));
        c.add(new Column("c_macaddr8", "macaddr8", GoldenColumns.STRING, quoted("08:00:2b:01:02:03:04:05",
            "00:00:00:00:00:00:00:00"), 10, true));
        c.add(col("c_bit", "bit(4)", GoldenColumns.STRING, quoted("1010", "0000", "1111")));
        c.add(col("c_varbit", "varbit", GoldenColumns.STRING, quoted("1", "", "101010101")));
        c.add(col("c_tsvector", "tsvector", GoldenColumns.STRING, quoted("a fat cat:3A", "", "'quoted''s' x")));
        c.add(col("c_point", "point", GoldenColumns.STRING, quoted("(1.5,-2)", "(1e300,-0)")));
        c.add(col("c_line", "line", GoldenColumns.STRING, quoted("{1,-1,0}", "{0.5,2,-3.25}")));
        c.add(col("c_lseg", "lseg", GoldenColumns.STRING, quoted("[(0,0),(1,1)]")));
        c.add(col("c_box", "box", GoldenColumns.STRING, quoted("(1,1),(0,0)", "(2.5,3),(-1,-1)")));
        c.add(col("c_path", "path", GoldenColumns.STRING, quoted("[(0,0),(1,1),(2,0)]", "((0,0),(1,1))")));
        c.add(col("c_polygon", "polygon", GoldenColumns.STRING, quoted("((0,0),(1,1),(1,0))")));
        c.add(col("c_circle", "circle", GoldenColumns.STRING, quoted("<(0,0),1.5>")));
        c.add(col("c_int4range", "int4range", GoldenColumns.STRING, quoted("[1,10)", "empty", "(,5]")));
        c.add(col("c_numrange", "numrange", GoldenColumns.STRING, quoted("[1.5,2.5]", "(,)")));
        c.add(col("c_tstzrange", "tstzrange", GoldenColumns.STRING, quoted("[2024-01-01 00:00:00+00,infinity)")));
        c.add(col("c_daterange", "daterange", GoldenColumns.STRING, quoted("[2024-01-01,2024-02-01)")));
        c.add(new Column("c_multirange", "int4multirange", GoldenColumns.STRING, quoted("{[1,3),[5,7)}", "{}"),
            14, true));
    }

    private static Column col(String name, String type, GoldenOracle oracle, List<String> values) {
        return new Column(name, type, oracle, values, 0, true);
    }

    private static Composite pair() {
        Composite inner = new Composite("driver.public.golden_inner", List.of(
            new Field("x", GoldenColumns.FLOAT8), new Field("b", GoldenColumns.BYTEA)));
        return new Composite("driver.public.golden_pair", List.of(new Field("n", GoldenColumns.INT4),
            new Field("label", GoldenColumns.STRING), new Field("at", GoldenColumns.TIMESTAMP),
            new Field("tags", new ArrayOf(GoldenColumns.STRING)), new Field("price", GoldenColumns.NUMERIC),
            new Field("mood", GoldenColumns.ENUM), new Field("part", inner)));
    }

    /** The columns the server of this major version has, each scalar followed by its array column. */
    public static Map<String, GoldenOracle> oracles(int major) {
        Map<String, GoldenOracle> oracles = new LinkedHashMap<>();
        oracles.put("id", GoldenColumns.INT4);
        for (Column c : columns()) {
            if (major >= c.since()) {
                oracles.put(c.name(), c.oracle());
                if (c.array()) {
                    oracles.put(c.name() + "_a", new ArrayOf(c.oracle()));
                }
            }
        }
        oracles.put("c_int4_lb", new ArrayOf(GoldenColumns.INT4));
        return oracles;
    }

    /** Creates the extensions (in heroku_ext, as a superuser), the types and the table, and fills it. */
    public static void create(PostgresFixture pg, int major) throws SQLException {
        try (Connection admin = pg.superuser(); Statement st = admin.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + EXT);
            st.execute("GRANT USAGE ON SCHEMA " + EXT + " TO " + pg.user());
            st.execute("CREATE EXTENSION IF NOT EXISTS hstore SCHEMA " + EXT);
            st.execute("CREATE EXTENSION IF NOT EXISTS citext SCHEMA " + EXT);
        }
        List<Column> columns = columns().stream().filter(c -> major >= c.since()).toList();
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + TABLE + " (id integer PRIMARY KEY");
        for (Column c : columns) {
            ddl.append(", ").append(c.name()).append(' ').append(c.type());
            if (c.array()) {
                ddl.append(", ").append(c.name()).append("_a ").append(c.type()).append("[]");
            }
        }
        ddl.append(", c_int4_lb integer[])");
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute(String.format(TYPES, TABLE));
            st.execute(ddl.toString());
            for (int id = 1; id <= ROWS; id++) {
                st.execute(insert(columns, id));
            }
        }
    }

    /** Row {@code id}: the k-th non-NULL row takes value k (cycling) and an array made of the values. */
    private static String insert(List<Column> columns, int id) {
        List<String> names = new ArrayList<>(List.of("id"));
        List<String> values = new ArrayList<>(List.of(Integer.toString(id)));
        int k = id < 3 ? id - 1 : id - 2;
        for (Column c : columns) {
            names.add(c.name());
            values.add(id == 3 ? "NULL" : cast(c.values().get(k % c.values().size()), c.type()));
            if (c.array()) {
                names.add(c.name() + "_a");
                values.add(id == 3 ? "NULL" : array(c, k));
            }
        }
        names.add("c_int4_lb");
        values.add(id == 3 ? "NULL" : k % 2 == 0 ? "'[0:2]={1,NULL,3}'" : "'[-5:-5]={7}'");
        return "INSERT INTO " + TABLE + " (" + String.join(", ", names) + ") VALUES (" + String.join(", ", values)
            + ")";
    }

    private static String cast(String value, String type) {
        return "(" + value + ")::" + type;
    }

    /** Arrays: [v0, NULL, v1], all values, {}, [NULL], [last, v0]. */
    private static String array(Column c, int k) {
        List<String> v = c.values().stream().map(x -> cast(x, c.type())).toList();
        String type = c.type() + "[]";
        return switch (k) {
            case 0 -> "ARRAY[" + v.get(0) + ", NULL, " + v.get(1 % v.size()) + "]::" + type;
            case 1 -> "ARRAY[" + String.join(", ", v) + "]::" + type;
            case 2 -> "'{}'::" + type;
            case 3 -> "ARRAY[NULL::" + c.type() + "]";
            default -> "ARRAY[" + v.get(v.size() - 1) + ", " + v.get(0) + "]::" + type;
        };
    }

    /** The expected value of every field of every row, by id then column, under the given modes. */
    public static Map<Integer, Map<String, Object>> expected(Connection conn, int major, TypeHandling handling)
        throws SQLException {
        Map<String, GoldenOracle> oracles = oracles(major);
        String select = oracles.entrySet().stream()
            .map(e -> "(" + e.getValue().sql("\"" + e.getKey() + "\"", 0) + ")::text")
            .collect(Collectors.joining(",\n "));
        Map<Integer, Map<String, Object>> rows = new HashMap<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + select + " FROM " + TABLE + " ORDER BY id")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                int i = 1;
                for (Map.Entry<String, GoldenOracle> e : oracles.entrySet()) {
                    String json = rs.getString(i++);
                    row.put(e.getKey(), e.getValue().expected(json == null ? null : parse(json), handling));
                }
                rows.put((Integer) row.get("id"), row);
            }
        }
        return rows;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("the oracle gave no JSON: " + json, e);
        }
    }
}
