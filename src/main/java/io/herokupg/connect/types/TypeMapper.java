/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;

import io.herokupg.connect.catalog.ColumnInfo;

/**
 * The one registry from PostgreSQL types to Connect schemas and value readers; the choice is made once per
 * column, never per row. Semantic schema names follow Debezium's ({@code io.debezium.time.MicroTimestamp},
 * {@code io.debezium.data.Json}, …) because downstream sinks already understand them.
 */
public final class TypeMapper {
    static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    static final String MICRO_TIME = "io.debezium.time.MicroTime";
    static final String ZONED_TIME = "io.debezium.time.ZonedTime";
    static final String INTERVAL = "io.debezium.time.Interval";
    static final String UUID = "io.debezium.data.Uuid";
    static final String JSON = "io.debezium.data.Json";
    static final String XML = "io.debezium.data.Xml";
    static final String VARIABLE_NUMERIC = "io.herokupg.connect.data.VariableNumeric";

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private static final Map<String, Function<ColumnInfo, ColumnMapping>> BY_TYPE_NAME = Map.ofEntries(
        Map.entry("bool", c -> simple(SchemaBuilder.bool(), c, (rs, i) -> nullable(rs, rs.getBoolean(i)))),
        Map.entry("int2", c -> simple(SchemaBuilder.int16(), c, (rs, i) -> nullable(rs, rs.getShort(i)))),
        Map.entry("int4", c -> simple(SchemaBuilder.int32(), c, (rs, i) -> nullable(rs, rs.getInt(i)))),
        Map.entry("int8", c -> simple(SchemaBuilder.int64(), c, (rs, i) -> nullable(rs, rs.getLong(i)))),
        Map.entry("oid", c -> simple(SchemaBuilder.int64(), c, (rs, i) -> nullable(rs, rs.getLong(i)))),
        Map.entry("float4", c -> simple(SchemaBuilder.float32(), c, (rs, i) -> nullable(rs, rs.getFloat(i)))),
        Map.entry("float8", c -> simple(SchemaBuilder.float64(), c, (rs, i) -> nullable(rs, rs.getDouble(i)))),
        Map.entry("numeric", TypeMapper::numeric),
        Map.entry("text", TypeMapper::string),
        Map.entry("varchar", TypeMapper::string),
        Map.entry("bpchar", TypeMapper::string),
        Map.entry("name", TypeMapper::string),
        Map.entry("char", TypeMapper::string),
        Map.entry("citext", TypeMapper::string),
        Map.entry("bytea", c -> simple(SchemaBuilder.bytes(), c, ResultSet::getBytes)),
        Map.entry("uuid", c -> named(SchemaBuilder.string(), UUID, c, ResultSet::getString)),
        Map.entry("json", c -> named(SchemaBuilder.string(), JSON, c, ResultSet::getString)),
        Map.entry("jsonb", c -> named(SchemaBuilder.string(), JSON, c, ResultSet::getString)),
        Map.entry("xml", c -> named(SchemaBuilder.string(), XML, c, ResultSet::getString)),
        Map.entry("date", TypeMapper::date),
        Map.entry("time", c -> named(SchemaBuilder.int64(), MICRO_TIME, c, TypeMapper::microsOfDay)),
        Map.entry("timetz", c -> named(SchemaBuilder.string(), ZONED_TIME, c, ResultSet::getString)),
        Map.entry("timestamp", c -> named(SchemaBuilder.int64(), MICRO_TIMESTAMP, c, TypeMapper::localMicros)),
        Map.entry("timestamptz", c -> named(SchemaBuilder.int64(), MICRO_TIMESTAMP, c, TypeMapper::instantMicros)),
        Map.entry("interval", c -> named(SchemaBuilder.string(), INTERVAL, c, Intervals::iso8601)));

    private TypeMapper() {
    }

    /**
     * The mapping of a column.
     *
     * @throws UnsupportedTypeException naming the column and its type
     */
    public static ColumnMapping mappingFor(String table, ColumnInfo column) {
        Function<ColumnInfo, ColumnMapping> factory = "pg_catalog".equals(column.typeSchema())
            || "citext".equals(column.typeName()) ? BY_TYPE_NAME.get(column.typeName()) : null;
        if (factory == null) {
            throw new UnsupportedTypeException("Column " + table + "." + column.name() + " has type "
                + column.sqlType() + ", which this version of the connector cannot replicate exactly;"
                + " leave the table out with table.exclude.list");
        }
        return factory.apply(column);
    }

    private static ColumnMapping simple(SchemaBuilder builder, ColumnInfo column, ColumnMapping.ValueReader reader) {
        return new ColumnMapping(optionality(builder, column).build(), reader);
    }

    private static ColumnMapping named(SchemaBuilder builder, String name, ColumnInfo column,
                                       ColumnMapping.ValueReader reader) {
        return new ColumnMapping(optionality(builder.name(name).version(1), column).build(), reader);
    }

    private static SchemaBuilder optionality(SchemaBuilder builder, ColumnInfo column) {
        return column.notNull() ? builder : builder.optional();
    }

    private static ColumnMapping string(ColumnInfo column) {
        return simple(SchemaBuilder.string(), column, ResultSet::getString);
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    /** numeric(p,s) becomes a Connect Decimal of scale s; an unconstrained numeric keeps its exact text. */
    private static ColumnMapping numeric(ColumnInfo column) {
        int scale = column.numericScale();
        if (scale < 0) {
            return named(SchemaBuilder.string(), VARIABLE_NUMERIC, column, ResultSet::getString);
        }
        SchemaBuilder builder = Decimal.builder(scale)
            .parameter("connect.decimal.precision", Integer.toString(column.numericPrecision()));
        return simple(builder, column, (rs, i) -> {
            BigDecimal value = rs.getBigDecimal(i);
            return value == null ? null : value.setScale(scale);
        });
    }

    private static ColumnMapping date(ColumnInfo column) {
        return simple(Date.builder(), column, (rs, i) -> {
            LocalDate value = rs.getObject(i, LocalDate.class);
            return value == null ? null : new java.util.Date(value.toEpochDay() * MILLIS_PER_DAY);
        });
    }

    private static Object microsOfDay(ResultSet rs, int index) throws SQLException {
        LocalTime value = rs.getObject(index, LocalTime.class);
        // 24:00:00 is a valid PostgreSQL time; PgJDBC reads it as LocalTime.MAX.
        if (value == null) {
            return null;
        }
        return value.equals(LocalTime.MAX) ? MICROS_PER_DAY : value.toNanoOfDay() / 1_000L;
    }

    private static Object localMicros(ResultSet rs, int index) throws SQLException {
        LocalDateTime value = rs.getObject(index, LocalDateTime.class);
        return value == null ? null : ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), value);
    }

    private static Object instantMicros(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : ChronoUnit.MICROS.between(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0,
            ZoneOffset.UTC), value);
    }
}
