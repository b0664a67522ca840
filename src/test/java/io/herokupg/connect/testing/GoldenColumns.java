/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herokupg.connect.config.TypeHandling;
import io.herokupg.connect.testing.GoldenOracle.Expect;
import io.herokupg.connect.testing.GoldenOracle.Scalar;

/**
 * The scalar oracles of the golden type table: for each PostgreSQL type, a SQL expression PostgreSQL computes the
 * truth with, and the test-side rule from that text to the documented Connect value in each mode.
 */
final class GoldenColumns {
    static final String TEXT = "%1$s::text";
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final Pattern OFFSET = Pattern.compile("(.*[0-9])([+-])(\\d\\d)(?::(\\d\\d))?(?::(\\d\\d))?");

    private GoldenColumns() {
    }

    static Scalar scalar(String template, Expect expect, String schema) {
        return new Scalar(template, expect, h -> schema);
    }

    static Scalar scalar(String template, Expect expect, Function<TypeHandling, String> schema) {
        return new Scalar(template, expect, schema);
    }

    static final Scalar INT2 = scalar(TEXT, (t, h) -> Short.valueOf(t), "INT16");
    static final Scalar INT4 = scalar(TEXT, (t, h) -> Integer.valueOf(t), "INT32");
    static final Scalar INT8 = scalar(TEXT, (t, h) -> Long.valueOf(t), "INT64");
    static final Scalar FLOAT4 = scalar(TEXT, (t, h) -> Float.valueOf(t), "FLOAT32");
    static final Scalar FLOAT8 = scalar(TEXT, (t, h) -> Double.valueOf(t), "FLOAT64");
    static final Scalar BOOL = scalar(TEXT, (t, h) -> Boolean.valueOf(t), "BOOLEAN");
    static final Scalar STRING = scalar(TEXT, (t, h) -> t, "STRING");
    /**
     * The type's output function (format's %s): bpchar's cast to text strips its padding, inet's adds the netmask
     * (a cast to text need not be the text PostgreSQL prints).
     */
    static final Scalar OUTPUT = scalar("CASE WHEN %1$s IS NULL THEN NULL ELSE format('%%s', %1$s) END",
        (t, h) -> t, "STRING");
    static final Scalar VARIABLE_NUMERIC = scalar(TEXT, (t, h) -> t,
        "STRING io.herokupg.connect.data.VariableNumeric");
    static final Scalar NUMERIC = scalar(TEXT, GoldenColumns::decimal, GoldenColumns::decimalSchema);
    static final Scalar MONEY = scalar("%1$s::numeric::text", GoldenColumns::decimal, GoldenColumns::decimalSchema);
    static final Scalar BYTEA = scalar("encode(%1$s, 'hex')", GoldenColumns::bytes,
        h -> h.binary() == TypeHandling.BinaryMode.BYTES ? "BYTES" : "STRING");
    static final Scalar UUID = scalar(TEXT, (t, h) -> t, "STRING io.debezium.data.Uuid");
    static final Scalar JSON = scalar(TEXT, (t, h) -> t, "STRING io.debezium.data.Json");
    static final Scalar XML = scalar(TEXT, (t, h) -> t, "STRING io.debezium.data.Xml");
    static final Scalar ENUM = scalar(TEXT, (t, h) -> t, "STRING io.debezium.data.Enum");
    static final Scalar DATE = scalar("CASE WHEN isfinite(%1$s) THEN (%1$s - DATE '1970-01-01')::text"
        + " ELSE %1$s::text END", GoldenColumns::date, "INT32 org.apache.kafka.connect.data.Date");
    static final Scalar TIME = scalar("(extract(epoch FROM %1$s) * 1000000)::bigint::text", GoldenColumns::time,
        h -> connect(h) ? "INT32 org.apache.kafka.connect.data.Time" : "INT64 io.debezium.time.MicroTime");
    static final Scalar TIMETZ = scalar(TEXT, (t, h) -> isoOffset(t), "STRING io.debezium.time.ZonedTime");
    static final Scalar TIMESTAMP = scalar("CASE WHEN isfinite(%1$s) THEN"
        + " (floor(extract(epoch FROM date_trunc('second', %1$s)))::bigint * 1000000"
        + " + extract(microseconds FROM %1$s)::bigint %% 1000000)::text ELSE %1$s::text END",
        GoldenColumns::timestamp,
        h -> connect(h) ? "INT64 org.apache.kafka.connect.data.Timestamp" : "INT64 io.debezium.time.MicroTimestamp");
    static final Scalar INTERVAL = scalar("CASE WHEN %1$s IS NULL THEN NULL ELSE concat_ws('|',"
        + " extract(year FROM %1$s), extract(month FROM %1$s), extract(day FROM %1$s), extract(hour FROM %1$s),"
        + " extract(minute FROM %1$s), round(extract(second FROM %1$s)::numeric, 6),"
        + " (extract(epoch FROM %1$s) * 1000000)::bigint) END",
        GoldenColumns::interval, h -> h.interval() == TypeHandling.IntervalMode.NUMERIC
            ? "INT64 io.debezium.time.MicroDuration" : "STRING io.debezium.time.Interval");

    private static boolean connect(TypeHandling h) {
        return h.time() == TypeHandling.TimeMode.CONNECT;
    }

    static Object decimal(String text, TypeHandling h) {
        return switch (h.decimal()) {
            case PRECISE -> new BigDecimal(text);
            case DOUBLE -> Double.valueOf(text);
            case STRING -> text;
        };
    }

    static String decimalSchema(TypeHandling h) {
        return switch (h.decimal()) {
            case PRECISE -> "BYTES org.apache.kafka.connect.data.Decimal";
            case DOUBLE -> "FLOAT64";
            case STRING -> "STRING";
        };
    }

    private static Object bytes(String hex, TypeHandling h) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return switch (h.binary()) {
            case BYTES -> bytes;
            case BASE64 -> Base64.getEncoder().encodeToString(bytes);
            case HEX -> HexFormat.of().formatHex(bytes);
        };
    }

    /** Days since 1970 (PostgreSQL subtracts the dates); ±infinity as the int's ends. */
    private static Object date(String text, TypeHandling h) {
        long days = switch (text) {
            case "infinity" -> Integer.MAX_VALUE;
            case "-infinity" -> Integer.MIN_VALUE;
            default -> Long.parseLong(text);
        };
        return new java.util.Date(days * MILLIS_PER_DAY);
    }

    private static Object time(String text, TypeHandling h) {
        long micros = Long.parseLong(text);
        return connect(h) ? new java.util.Date(micros / 1000) : micros;
    }

    private static Object timestamp(String text, TypeHandling h) {
        long micros = switch (text) {
            case "infinity" -> Long.MAX_VALUE;
            case "-infinity" -> Long.MIN_VALUE;
            default -> Long.parseLong(text);
        };
        if (!connect(h)) {
            return micros;
        }
        boolean infinite = micros == Long.MAX_VALUE || micros == Long.MIN_VALUE;
        return new java.util.Date(infinite ? micros : Math.floorDiv(micros, 1000L));
    }

    /** PostgreSQL's {@code +05}, {@code +05:45}, {@code +05:53:28} as ISO-8601 offsets; zero as Z. */
    static String isoOffset(String text) {
        Matcher m = OFFSET.matcher(text);
        if (!m.matches()) {
            throw new AssertionError("not a timetz: " + text);
        }
        String hh = m.group(3);
        String mm = m.group(4) == null ? "00" : m.group(4);
        String ss = m.group(5) == null ? "" : ":" + m.group(5);
        if ((hh + mm + ss).matches("[0:]*")) {
            return m.group(1) + "Z";
        }
        return m.group(1) + m.group(2) + hh + ":" + mm + ss;
    }

    /** From years|months|days|hours|minutes|seconds|epoch micros, as PostgreSQL's extract() gives them. */
    private static Object interval(String text, TypeHandling h) {
        String[] p = text.split("\\|");
        if (h.interval() == TypeHandling.IntervalMode.NUMERIC) {
            return Long.parseLong(p[6]);
        }
        return "P" + whole(p[0]) + "Y" + whole(p[1]) + "M" + whole(p[2]) + "DT" + whole(p[3]) + "H" + whole(p[4])
            + "M" + new BigDecimal(p[5]).stripTrailingZeros().toPlainString() + "S";
    }

    private static String whole(String number) {
        return new BigDecimal(number).toBigIntegerExact().toString();
    }

    /** Each value of a list, as a SQL literal of the type: {@code 'x'}. */
    static List<String> quoted(String... values) {
        return java.util.Arrays.stream(values).map(v -> "'" + v.replace("'", "''") + "'").toList();
    }
}
