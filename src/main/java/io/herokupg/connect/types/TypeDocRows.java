/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.herokupg.connect.catalog.PgType;

/** The rows of the README's type table: which types each covers and what to know beyond the schema. */
final class TypeDocRows {
    private static final String CATALOG = "pg_catalog";

    private TypeDocRows() {
    }

    static List<TypeDocs.Row> rows() {
        List<TypeDocs.Row> rows = new ArrayList<>();
        rows.add(row("`smallint`", "", "int2"));
        rows.add(row("`integer`", "", "int4"));
        rows.add(row("`bigint`, `oid`", "", "int8", "oid"));
        rows.add(row("`real`", "NaN and ±Infinity kept; exact (`extra_float_digits=3`)", "float4"));
        rows.add(row("`double precision`", "NaN and ±Infinity kept; exact", "float8"));
        rows.add(new TypeDocs.Row("`numeric(p,s)`", List.of(PgType.base(0, "numeric", CATALOG, (10 << 16 | 2) + 4)),
            "scale s, precision p; NaN fails the task in `precise` mode (the message names the column and the"
                + " modes that keep it); a negative scale (PostgreSQL 15+) becomes scale 0"));
        rows.add(row("`numeric`", "unconstrained: the exact text in every mode, including `NaN`, `Infinity`,"
            + " `-Infinity` (PostgreSQL 14+)", "numeric"));
        rows.add(new TypeDocs.Row("`money`", List.of(new PgType(0, "money", CATALOG, -1, PgType.Kind.BASE, ',',
            Optional.empty(), List.of(), List.of(), 2)), "read as `numeric` (no locale parsing); the scale is"
                + " `lc_monetary`'s fraction digits (2 on Heroku), precision 19"));
        rows.add(row("`boolean`", "", "bool"));
        rows.add(row("`text`, `varchar(n)`, `char(n)`, `name`, `\"char\"`, `citext`, `inet`, `cidr`",
            "as PostgreSQL prints them: `char(n)` keeps its padding", "text", "varchar", "bpchar", "name", "char",
            "citext", "inet", "cidr"));
        rows.add(row("`bytea`", "base64 and hex are of the bytes; hex in lower case", "bytea"));
        rows.add(row("`uuid`", "", "uuid"));
        rows.add(row("`json`, `jsonb`", "the text PostgreSQL prints", "json", "jsonb"));
        rows.add(row("`xml`", "", "xml"));
        rows.add(row("`date`", "days since 1970-01-01; BC dates count back (1 BC is year 0); `infinity` and"
            + " `-infinity` are the largest and smallest int (2147483647, -2147483648 days)", "date"));
        rows.add(row("`time`", "microseconds (`connect`: milliseconds) of the day; `24:00:00` is a whole day",
            "time"));
        rows.add(row("`timetz`", "ISO-8601 with the value's own offset, e.g. `13:45:00.5+05:45`, `08:00:00Z`,"
            + " `12:00:00+05:53:28`", "timetz"));
        rows.add(row("`timestamp`, `timestamptz`", "microseconds (`connect`: milliseconds, truncated) since"
            + " 1970-01-01 00:00 (UTC for `timestamptz`), BC and years past 9999 included; `infinity` and `-infinity`"
            + " are Long.MAX_VALUE and Long.MIN_VALUE (as PostgreSQL stores them); values after 294246 AD do not fit"
            + " and fail the task", "timestamp", "timestamptz"));
        rows.add(row("`interval`", "`string`: ISO-8601 with every field, e.g. `P1Y2M3DT4H5M6.789S`; `numeric`:"
            + " a year counts 365.25 days, a month 30 (as `extract(epoch …)`); PostgreSQL 17's infinite intervals"
            + " are `infinity`/`-infinity` or Long.MAX_VALUE/Long.MIN_VALUE", "interval"));
        rows.add(row("`macaddr`, `macaddr8`, `bit(n)`, `varbit`, `tsvector`, `point`, `line`, `lseg`, `box`, `path`,"
            + " `polygon`, `circle`", "the exact text PostgreSQL prints (bits as `0`/`1` characters)", "macaddr",
            "macaddr8", "bit", "varbit", "tsvector", "point", "line", "lseg", "box", "path", "polygon", "circle"));
        rows.add(kind("range and multirange types (PostgreSQL 14+)", "the exact text, e.g. `[1,10)`, `{[1,3),[5,7)}`",
            PgType.Kind.RANGE, PgType.Kind.MULTIRANGE));
        rows.add(new TypeDocs.Row("enum types", List.of(new PgType(0, "mood", "public", -1, PgType.Kind.ENUM, ',',
            Optional.empty(), List.of(), List.of("sad", "ok", "happy"), -1)), "`allowed`: the labels in order,"
                + " comma-separated (as Debezium)"));
        rows.add(row("`hstore` (any schema, e.g. `heroku_ext`)", "`json` mode: a JSON object of strings and nulls",
            "hstore"));
        rows.add(new TypeDocs.Row("composite types", List.of(composite()), "named `<topic.prefix>.<schema>.<type>`"
            + " (here `prefix`, `public.address`), each part made valid for Avro and Protobuf; a composite with a"
            + " `money` field is not supported (it prints money in the locale's format)"));
        rows.add(new TypeDocs.Row("one-dimensional arrays of any type above, e.g. `integer[]`",
            List.of(array(base("int4"))), "elements may be NULL; lower bounds (`[0:2]={…}`) are dropped; a"
                + " multi-dimensional value fails the task, naming the column (leave it out with"
                + " `column.exclude.list`)"));
        rows.add(new TypeDocs.Row("domains", List.of(base("int4")), "as their base type, e.g. this row for a"
            + " domain over `integer`"));
        rows.add(new TypeDocs.Row("any other type, e.g. `pg_lsn`, `tsquery`, `int2vector`",
            List.of(base("pg_lsn"), base("tsquery"), base("int2vector")), "`string`: `::text` of the value"));
        return rows;
    }

    private static TypeDocs.Row row(String label, String note, String... names) {
        return new TypeDocs.Row(label, Arrays.stream(names).map(TypeDocRows::base).toList(), note);
    }

    private static TypeDocs.Row kind(String label, String note, PgType.Kind... kinds) {
        return new TypeDocs.Row(label, Arrays.stream(kinds).map(k -> new PgType(0, "r", "public", -1, k, ',',
            Optional.empty(), List.of(), List.of(), -1)).toList(), note);
    }

    static PgType base(String name) {
        String schema = TypeMapper.EXTENSIONS.containsKey(name) ? "heroku_ext" : CATALOG;
        return PgType.base(0, name, schema, -1);
    }

    private static PgType array(PgType element) {
        return new PgType(0, "_" + element.name(), CATALOG, -1, PgType.Kind.ARRAY, ',', Optional.of(element),
            List.of(), List.of(), -1);
    }

    private static PgType composite() {
        return new PgType(0, "address", "public", -1, PgType.Kind.COMPOSITE, ',', Optional.empty(),
            List.of(new PgType.Attribute("street", base("text")), new PgType.Attribute("zip", base("int4"))),
            List.of(), -1);
    }
}
