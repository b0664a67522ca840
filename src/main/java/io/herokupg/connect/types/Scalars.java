/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.UnaryOperator;

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
        return Converter.binary(schema(SchemaBuilder.bool(), use), "t"::equals, (b, o, l) -> b[o] != 0);
    }

    static Converter int16(TypeMapper.Use use) {
        return Converter.binary(schema(SchemaBuilder.int16(), use), Short::valueOf, (b, o, l) -> Binary.int16(b, o));
    }

    static Converter int32(TypeMapper.Use use) {
        return Converter.binary(schema(SchemaBuilder.int32(), use), Integer::valueOf,
            (b, o, l) -> Binary.int32(b, o));
    }

    static Converter int64(TypeMapper.Use use) {
        return Converter.binary(schema(SchemaBuilder.int64(), use), Long::valueOf, (b, o, l) -> Binary.int64(b, o));
    }

    /** oid: an unsigned 32-bit number, as int64. */
    static Converter oid(TypeMapper.Use use) {
        return Converter.binary(schema(SchemaBuilder.int64(), use), Long::valueOf,
            (b, o, l) -> Integer.toUnsignedLong(Binary.int32(b, o)));
    }

    /** PostgreSQL prints NaN, Infinity and -Infinity as Java parses them; the binary form is the IEEE bits. */
    static Converter float32(TypeMapper.Use use) {
        return Converter.binary(schema(SchemaBuilder.float32(), use), Float::valueOf,
            (b, o, l) -> Float.intBitsToFloat(Binary.int32(b, o)));
    }

    static Converter float64(TypeMapper.Use use) {
        return Converter.binary(schema(SchemaBuilder.float64(), use), Double::valueOf,
            (b, o, l) -> Double.longBitsToDouble(Binary.int64(b, o)));
    }

    /** Text types, as they are (a cast to text would strip char(n)'s padding): their binary form is their text. */
    static Converter string(TypeMapper.Use use) {
        return Converter.binary(schema(SchemaBuilder.string(), use), s -> s, Binary::utf8);
    }

    /** Types whose cast to text differs from their output ({@code inet}, {@code cidr}, {@code "char"}). */
    static Converter printed(TypeMapper.Use use, String outputFunction) {
        return Converter.printed(schema(SchemaBuilder.string(), use), s -> s, outputFunction);
    }

    /** An extension's text type (citext): its cast to text keeps the text. */
    static Converter extensionString(TypeMapper.Use use) {
        return Converter.textual(schema(SchemaBuilder.string(), use), s -> s);
    }

    static Converter json(TypeMapper.Use use) {
        return Converter.binary(named(SchemaBuilder.string(), JSON, use), s -> s, Binary::utf8);
    }

    static Converter jsonb(TypeMapper.Use use) {
        return Converter.binary(named(SchemaBuilder.string(), JSON, use), s -> s, Binary::jsonb);
    }

    /** xml as xml_out prints it (its binary form and its cast may rewrite the declaration's encoding). */
    static Converter xml(TypeMapper.Use use) {
        return Converter.printed(named(SchemaBuilder.string(), XML, use), s -> s, "xml_out");
    }

    /** Types kept as their exact PostgreSQL text, e.g. macaddr, bit(n), point, ranges. */
    static Converter text(TypeMapper.Use use) {
        return Converter.textual(schema(SchemaBuilder.string(), use), s -> s);
    }

    static Converter uuid(TypeMapper.Use use) {
        return Converter.binary(named(SchemaBuilder.string(), UUID, use), s -> s, (b, o, l) -> Binary.uuid(b, o));
    }

    /** An enum's binary form is its label. */
    static Converter enumeration(TypeMapper.Use use) {
        SchemaBuilder builder = SchemaBuilder.string().name(ENUM).version(1)
            .parameter("allowed", String.join(",", use.type().labels()));
        return Converter.binary(schema(builder, use), s -> s, Binary::utf8);
    }

    /** numeric(p,s) by decimal.handling.mode; an unconstrained numeric is its exact text in every mode. */
    static Converter numeric(TypeMapper.Use use) {
        Integer scale = use.type().numericScale();
        if (scale == null) {
            return Converter.binary(named(SchemaBuilder.string(), VARIABLE_NUMERIC, use), s -> s,
                (b, o, l) -> Binary.numeric(b, o).text());
        }
        // A negative scale (PostgreSQL 15+) rounds to tens, hundreds…: the values are integers.
        return decimal(use, Math.max(0, scale), use.type().numericPrecision(), UnaryOperator.identity());
    }

    /** money, read as numeric: the text of money depends on lc_monetary, that of numeric does not. */
    static Converter money(TypeMapper.Use use) {
        int digits = use.type().fractionDigits() < 0 ? 2 : use.type().fractionDigits();
        return decimal(use, digits, MONEY_PRECISION, column -> column + "::numeric");
    }

    /** A column selected (by {@code select}) as numeric, in the decimal.handling.mode. */
    private static Converter decimal(TypeMapper.Use use, int scale, int precision, UnaryOperator<String> select) {
        return switch (use.handling().decimal()) {
            case PRECISE -> new Converter(schema(Decimal.builder(scale)
                .parameter("connect.decimal.precision", Integer.toString(precision)), use),
                s -> exactDecimal(s, scale), (b, o, l) -> exactDecimal(Binary.numeric(b, o), scale), select);
            case DOUBLE -> new Converter(schema(SchemaBuilder.float64(), use), Double::valueOf,
                (b, o, l) -> toDouble(Binary.numeric(b, o)), select);
            case STRING -> new Converter(schema(SchemaBuilder.string(), use), s -> s,
                (b, o, l) -> Binary.numeric(b, o).text(), select);
        };
    }

    private static BigDecimal exactDecimal(String text, int scale) {
        if (text.equals("NaN") || text.endsWith("Infinity")) {
            throw notDecimal(text);
        }
        return new BigDecimal(text).setScale(scale);
    }

    private static BigDecimal exactDecimal(Binary.Numeric numeric, int scale) {
        if (numeric instanceof Binary.Finite finite) {
            return finite.value().setScale(scale);
        }
        throw notDecimal(numeric.text());
    }

    private static DecodeException notDecimal(String text) {
        return new DecodeException("holds " + text + ", which a Connect Decimal cannot represent: set"
            + " decimal.handling.mode=double or string, or leave the column out with column.exclude.list");
    }

    /** As Double.valueOf of the value's text: the nearest double (BigDecimal.doubleValue rounds the same way). */
    private static Double toDouble(Binary.Numeric numeric) {
        if (numeric instanceof Binary.Finite finite) {
            return finite.value().doubleValue();
        }
        return ((Binary.Special) numeric).toDouble();
    }

    /** bytea by binary.handling.mode; its binary form is the bytes, its text (in arrays) hex (bytea_output=hex). */
    static Converter bytea(TypeMapper.Use use) {
        TypeHandling.BinaryMode mode = use.handling().binary();
        Function<byte[], Object> encode = switch (mode) {
            case BYTES -> bytes -> bytes;
            case BASE64 -> bytes -> Base64.getEncoder().encodeToString(bytes);
            case HEX -> bytes -> HexFormat.of().formatHex(bytes);
        };
        Schema schema = schema(mode == TypeHandling.BinaryMode.BYTES ? SchemaBuilder.bytes() : SchemaBuilder.string(),
            use);
        return Converter.binary(schema, s -> encode.apply(hexBytes(s)),
            (b, o, l) -> encode.apply(Arrays.copyOfRange(b, o, o + l)));
    }

    private static byte[] hexBytes(String text) {
        if (!text.startsWith("\\x")) {
            throw new DecodeException("holds bytea text that is not in hex format (bytea_output=hex)");
        }
        return HexFormat.of().parseHex(text, 2, text.length());
    }

    static Converter date(TypeMapper.Use use) {
        return Converter.binary(schema(Date.builder(), use),
            s -> new java.util.Date(Temporals.epochDay(s) * MILLIS_PER_DAY),
            (b, o, l) -> new java.util.Date(Binary.epochDay(b, o) * MILLIS_PER_DAY));
    }

    static Converter time(TypeMapper.Use use) {
        if (use.handling().time() == TypeHandling.TimeMode.CONNECT) {
            return Converter.binary(schema(Time.builder(), use),
                s -> new java.util.Date(Temporals.microsOfDay(s) / 1_000),
                (b, o, l) -> new java.util.Date(Binary.int64(b, o) / 1_000));
        }
        return Converter.binary(named(SchemaBuilder.int64(), MICRO_TIME, use), Temporals::microsOfDay,
            (b, o, l) -> Binary.int64(b, o));
    }

    static Converter timetz(TypeMapper.Use use) {
        return Converter.binary(named(SchemaBuilder.string(), ZONED_TIME, use), Temporals::offsetTime,
            (b, o, l) -> Binary.offsetTime(b, o));
    }

    static Converter timestamp(TypeMapper.Use use) {
        return timestamp(use, Temporals::localMicros);
    }

    static Converter timestamptz(TypeMapper.Use use) {
        return timestamp(use, Temporals::instantMicros);
    }

    /** Both on the wire as microseconds since 2000-01-01 (UTC for timestamptz). */
    private static Converter timestamp(TypeMapper.Use use, Function<String, Long> micros) {
        if (use.handling().time() == TypeHandling.TimeMode.CONNECT) {
            return Converter.binary(schema(Timestamp.builder(), use),
                s -> new java.util.Date(millis(micros.apply(s))),
                (b, o, l) -> new java.util.Date(millis(Binary.epochMicros(b, o))));
        }
        return Converter.binary(named(SchemaBuilder.int64(), MICRO_TIMESTAMP, use), micros::apply,
            (b, o, l) -> Binary.epochMicros(b, o));
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
            return Converter.binary(named(SchemaBuilder.int64(), MICRO_DURATION, use), Intervals::micros,
                (b, o, l) -> Intervals.micros(Binary.interval(b, o)));
        }
        return Converter.binary(named(SchemaBuilder.string(), INTERVAL, use), Intervals::iso8601,
            (b, o, l) -> Intervals.iso8601(Binary.interval(b, o)));
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
