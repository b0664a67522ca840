/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import io.herokupg.connect.config.TypeHandling;

/** Converters of the single-valued types, each for the modes of {@link TypeHandling} that concern it. */
final class Scalars {
    static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    static final String MICRO_TIME = "io.debezium.time.MicroTime";
    static final String ZONED_TIME = "io.debezium.time.ZonedTime";
    static final String INTERVAL = "io.debezium.time.Interval";
    static final String MICRO_DURATION = "io.debezium.time.MicroDuration";
    static final String UUID = "io.debezium.data.Uuid";
    static final String JSON = "io.debezium.data.Json";
    static final String XML = "io.debezium.data.Xml";
    static final String ENUM = "io.debezium.data.Enum";
    static final String VARIABLE_NUMERIC = "io.herokupg.connect.data.VariableNumeric";
    /** money holds 64-bit integer cents (or whatever the locale's fraction is): at most 19 digits. */
    static final int MONEY_PRECISION = 19;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Scalars() {
    }

    static Schema schema(SchemaBuilder builder, TypeMapper.Use use) {
        return (use.optional() ? builder.optional() : builder).build();
    }

    static Schema named(SchemaBuilder builder, String name, TypeMapper.Use use) {
        return schema(builder.name(name).version(1), use);
    }

    static Converter bool(TypeMapper.Use use) {
        return Converter.direct(schema(SchemaBuilder.bool(), use), "t"::equals,
            (rs, i) -> nullable(rs, rs.getBoolean(i)));
    }

    static Converter int16(TypeMapper.Use use) {
        return Converter.direct(schema(SchemaBuilder.int16(), use), Short::valueOf,
            (rs, i) -> nullable(rs, rs.getShort(i)));
    }

    static Converter int32(TypeMapper.Use use) {
        return Converter.direct(schema(SchemaBuilder.int32(), use), Integer::valueOf,
            (rs, i) -> nullable(rs, rs.getInt(i)));
    }

    static Converter int64(TypeMapper.Use use) {
        return Converter.direct(schema(SchemaBuilder.int64(), use), Long::valueOf,
            (rs, i) -> nullable(rs, rs.getLong(i)));
    }

    /** PostgreSQL prints NaN, Infinity and -Infinity as Java parses them; extra_float_digits=3 keeps every bit. */
    static Converter float32(TypeMapper.Use use) {
        return Converter.direct(schema(SchemaBuilder.float32(), use), Float::valueOf,
            (rs, i) -> nullable(rs, rs.getFloat(i)));
    }

    static Converter float64(TypeMapper.Use use) {
        return Converter.direct(schema(SchemaBuilder.float64(), use), Double::valueOf,
            (rs, i) -> nullable(rs, rs.getDouble(i)));
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    /** Text types, read as they are (a cast to text would strip char(n)'s padding). */
    static Converter string(TypeMapper.Use use) {
        return Converter.direct(schema(SchemaBuilder.string(), use), s -> s, ResultSet::getString);
    }

    static Converter namedString(TypeMapper.Use use, String name) {
        return Converter.direct(named(SchemaBuilder.string(), name, use), s -> s, ResultSet::getString);
    }

    /** Types kept as their exact PostgreSQL text, e.g. inet, bit(n), point, ranges. */
    static Converter text(TypeMapper.Use use) {
        return Converter.textual(schema(SchemaBuilder.string(), use), s -> s);
    }

    static Converter uuid(TypeMapper.Use use) {
        return Converter.textual(named(SchemaBuilder.string(), UUID, use), s -> s);
    }

    static Converter enumeration(TypeMapper.Use use) {
        SchemaBuilder builder = SchemaBuilder.string().name(ENUM).version(1)
            .parameter("allowed", String.join(",", use.type().labels()));
        return Converter.direct(schema(builder, use), s -> s, ResultSet::getString);
    }

    /** numeric(p,s) by decimal.handling.mode; an unconstrained numeric is its exact text in every mode. */
    static Converter numeric(TypeMapper.Use use) {
        Integer scale = use.type().numericScale();
        if (scale == null) {
            return Converter.textual(named(SchemaBuilder.string(), VARIABLE_NUMERIC, use), s -> s);
        }
        // A negative scale (PostgreSQL 15+) rounds to tens, hundreds…: the values are integers.
        return decimal(use, Math.max(0, scale), use.type().numericPrecision(), "::text");
    }

    /** money, read as numeric: the text of money depends on lc_monetary, that of numeric does not. */
    static Converter money(TypeMapper.Use use) {
        int digits = use.type().fractionDigits() < 0 ? 2 : use.type().fractionDigits();
        return decimal(use, digits, MONEY_PRECISION, "::numeric::text");
    }

    private static Converter decimal(TypeMapper.Use use, int scale, int precision, String selectSuffix) {
        return switch (use.handling().decimal()) {
            case PRECISE -> Converter.textual(schema(Decimal.builder(scale)
                .parameter("connect.decimal.precision", Integer.toString(precision)), use),
                s -> exactDecimal(s, scale), selectSuffix);
            case DOUBLE -> Converter.textual(schema(SchemaBuilder.float64(), use), Double::valueOf, selectSuffix);
            case STRING -> Converter.textual(schema(SchemaBuilder.string(), use), s -> s, selectSuffix);
        };
    }

    private static BigDecimal exactDecimal(String text, int scale) {
        if (text.equals("NaN") || text.endsWith("Infinity")) {
            throw new DecodeException("holds " + text + ", which a Connect Decimal cannot represent: set"
                + " decimal.handling.mode=double or string, or leave the column out with column.exclude.list");
        }
        return new BigDecimal(text).setScale(scale);
    }

    /** bytea by binary.handling.mode; PostgreSQL prints it in hex ({@code \x0a0b}, bytea_output=hex). */
    static Converter bytea(TypeMapper.Use use) {
        TypeHandling.BinaryMode mode = use.handling().binary();
        Function<byte[], Object> encode = switch (mode) {
            case BYTES -> bytes -> bytes;
            case BASE64 -> bytes -> Base64.getEncoder().encodeToString(bytes);
            case HEX -> bytes -> HexFormat.of().formatHex(bytes);
        };
        Schema schema = schema(mode == TypeHandling.BinaryMode.BYTES ? SchemaBuilder.bytes() : SchemaBuilder.string(),
            use);
        return Converter.direct(schema, s -> encode.apply(hexBytes(s)), (rs, i) -> {
            byte[] bytes = rs.getBytes(i);
            return bytes == null ? null : encode.apply(bytes);
        });
    }

    private static byte[] hexBytes(String text) {
        if (!text.startsWith("\\x")) {
            throw new DecodeException("holds bytea text that is not in hex format (bytea_output=hex)");
        }
        return HexFormat.of().parseHex(text, 2, text.length());
    }

    static Converter date(TypeMapper.Use use) {
        return Converter.textual(schema(Date.builder(), use),
            s -> new java.util.Date(Temporals.epochDay(s) * MILLIS_PER_DAY));
    }

    static Converter time(TypeMapper.Use use) {
        if (use.handling().time() == TypeHandling.TimeMode.CONNECT) {
            return Converter.textual(schema(Time.builder(), use),
                s -> new java.util.Date(Temporals.microsOfDay(s) / 1_000));
        }
        return Converter.textual(named(SchemaBuilder.int64(), MICRO_TIME, use), Temporals::microsOfDay);
    }

    static Converter timetz(TypeMapper.Use use) {
        return Converter.textual(named(SchemaBuilder.string(), ZONED_TIME, use), Temporals::offsetTime);
    }

    static Converter timestamp(TypeMapper.Use use) {
        return timestamp(use, Temporals::localMicros);
    }

    static Converter timestamptz(TypeMapper.Use use) {
        return timestamp(use, Temporals::instantMicros);
    }

    private static Converter timestamp(TypeMapper.Use use, Function<String, Long> micros) {
        if (use.handling().time() == TypeHandling.TimeMode.CONNECT) {
            return Converter.textual(schema(Timestamp.builder(), use),
                s -> new java.util.Date(millis(micros.apply(s))));
        }
        return Converter.textual(named(SchemaBuilder.int64(), MICRO_TIMESTAMP, use), micros::apply);
    }

    /** Microseconds to milliseconds, truncating the fraction of the millisecond; ±infinity stay the long's ends. */
    private static long millis(long micros) {
        if (micros == Temporals.INFINITY_MICROS || micros == Temporals.MINUS_INFINITY_MICROS) {
            return micros;
        }
        return Math.floorDiv(micros, 1_000L);
    }

    static Converter interval(TypeMapper.Use use) {
        if (use.handling().interval() == TypeHandling.IntervalMode.NUMERIC) {
            return Converter.textual(named(SchemaBuilder.int64(), MICRO_DURATION, use), Intervals::micros);
        }
        return Converter.textual(named(SchemaBuilder.string(), INTERVAL, use), Intervals::iso8601);
    }

    /** hstore by hstore.handling.mode: a MAP of STRING to optional STRING, or a JSON object. */
    static Converter hstore(TypeMapper.Use use) {
        if (use.handling().hstore() == TypeHandling.HstoreMode.JSON) {
            return Converter.textual(named(SchemaBuilder.string(), JSON, use),
                s -> Literals.jsonObject(Literals.hstore(s)));
        }
        return Converter.textual(schema(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA), use),
            Literals::hstore);
    }
}
