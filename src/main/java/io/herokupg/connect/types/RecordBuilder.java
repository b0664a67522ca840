/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.PgType;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.TypeHandling;

/**
 * Turns rows of one table into {@link SourceRecord}s: value = a Struct of all columns under their PostgreSQL
 * names, key = a Struct of the primary-key columns (null for a table without one). Built once per table.
 */
public final class RecordBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(RecordBuilder.class);
    /** Types whose record values (Short, Integer, Long, String) print as PostgreSQL prints them. */
    private static final Set<String> PRINTED_AS_POSTGRES = Set.of("int2", "int4", "int8", "text", "varchar", "uuid");

    private final TableInfo table;
    private final String topic;
    private final Schema keySchema;
    private final Schema valueSchema;
    private final ColumnMapping.FieldDecoder[] decoders;
    private final List<String> selectList;
    private final Field[] valueFields;
    private final Field[] keyFields;
    private final int[] keyFieldIndexes;
    private final TypeHandling.FieldNameMode fieldNames;
    /** Records still to check with Struct.validate() (see {@link Structs}). */
    private int toValidate = 2;

    public RecordBuilder(TableInfo table, String topicPrefix) {
        this(table, topicPrefix, TypeHandling.DEFAULT);
    }

    /**
     * The builder of a table's records. Columns left out by {@code unsupported.type.handling=skip} are not part of
     * {@link #table()}, so readers do not select them.
     */
    public RecordBuilder(TableInfo table, String topicPrefix, TypeHandling handling) {
        this.topic = Names.topic(topicPrefix, table.id());
        this.fieldNames = handling.fieldNames();
        fieldNameCollision(table, fieldNames).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        SchemaBuilder value = SchemaBuilder.struct().name(Names.schemaName(topicPrefix, table.id(), "Value"));
        List<ColumnMapping.FieldDecoder> columnDecoders = new ArrayList<>();
        List<ColumnInfo> replicated = new ArrayList<>();
        List<String> select = new ArrayList<>();
        for (ColumnInfo column : table.columns()) {
            Optional<ColumnMapping> mapping = mapping(table, column, handling, topicPrefix);
            if (mapping.isPresent()) {
                value.field(Names.field(column.name(), fieldNames), mapping.get().schema());
                columnDecoders.add(mapping.get().decoder());
                replicated.add(column);
                String quoted = Identifiers.quote(column.name());
                String expression = mapping.get().select().apply(quoted);
                select.add(expression.equals(quoted) ? quoted : expression + " AS " + quoted);
            } else {
                LOG.warn("Table {}: leaving out column {} of type {}, which has no exact mapping"
                    + " (unsupported.type.handling=skip)", table.id(), column.name(), column.sqlType());
            }
        }
        this.table = replicated.size() == table.columns().size() ? table : table.withColumns(replicated);
        decoders = columnDecoders.toArray(new ColumnMapping.FieldDecoder[0]);
        selectList = List.copyOf(select);
        valueSchema = value.build();
        valueFields = valueSchema.fields().toArray(new Field[0]);
        List<String> pk = table.primaryKey();
        if (pk.isEmpty()) {
            keySchema = null;
            keyFieldIndexes = new int[0];
            keyFields = new Field[0];
        } else {
            SchemaBuilder key = SchemaBuilder.struct().name(Names.schemaName(topicPrefix, table.id(), "Key"));
            keyFieldIndexes = new int[pk.size()];
            for (int k = 0; k < pk.size(); k++) {
                Field field = valueSchema.field(Names.field(pk.get(k), fieldNames));
                keyFieldIndexes[k] = field.index();
                key.field(field.name(), field.schema());
            }
            keySchema = key.build();
            keyFields = keySchema.fields().toArray(new Field[0]);
        }
    }

    /** A column's mapping; a primary-key column cannot be left out, since reads resume and order by it. */
    private static Optional<ColumnMapping> mapping(TableInfo table, ColumnInfo column, TypeHandling handling,
                                                   String prefix) {
        Optional<ColumnMapping> mapping = TypeMapper.mappingFor(table.id().toString(), column, handling, prefix);
        if (mapping.isEmpty() && table.primaryKey().contains(column.name())) {
            throw new UnsupportedTypeException("Column " + table.id() + "." + column.name() + " has type "
                + column.sqlType() + ", which the connector cannot replicate exactly, and is part of the primary"
                + " key, which unsupported.type.handling=skip cannot leave out; set unsupported.type.handling=string"
                + " or leave the table out with table.exclude.list");
        }
        return mapping;
    }

    /**
     * Two columns whose field names are the same under {@code field.name.adjustment.mode} (e.g. "Order Total" and
     * order_total under avro): the problem, naming both; empty when the names are distinct.
     */
    public static Optional<String> fieldNameCollision(TableInfo table, TypeHandling.FieldNameMode mode) {
        Map<String, String> seen = new HashMap<>();
        for (ColumnInfo column : table.columns()) {
            String field = Names.field(column.name(), mode);
            String before = seen.putIfAbsent(field, column.name());
            if (before != null) {
                return Optional.of("Columns \"" + before + "\" and \"" + column.name() + "\" of " + table.id()
                    + " both become field " + field + " under field.name.adjustment.mode=" + mode.name()
                    .toLowerCase(Locale.ROOT) + "; leave one out with column.exclude.list, or choose another mode");
            }
        }
        return Optional.empty();
    }

    /** Checks that every column of the table can be mapped, without building anything to keep. */
    public static void checkSupported(TableInfo table) {
        checkSupported(table, TypeHandling.DEFAULT);
    }

    /**
     * Checks that every column of the table can be mapped under these modes, without building anything to keep.
     *
     * @throws UnsupportedTypeException naming every column at fault
     */
    public static void checkSupported(TableInfo table, TypeHandling handling) {
        List<String> problems = new ArrayList<>();
        for (ColumnInfo column : table.columns()) {
            try {
                mapping(table, column, handling, "check");
            } catch (UnsupportedTypeException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new UnsupportedTypeException(String.join("; ", problems));
        }
    }

    /**
     * The select list for the table's replicated columns in order: each quoted column, with a cast where its
     * reader needs one (e.g. {@code "price"::numeric::text AS "price"}).
     */
    public List<String> selectList() {
        return selectList;
    }

    public TableInfo table() {
        return table;
    }

    public String topic() {
        return topic;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    /** The number of columns of {@link #selectList()}: a row's first fields, before any the reader adds. */
    public int columnCount() {
        return decoders.length;
    }

    /**
     * The value Struct of a binary COPY row whose first fields are the {@link #selectList()}'s, in order; the
     * reader's own fields (its position) may follow.
     */
    public Struct value(CopyRow row) {
        Struct value = new Struct(valueSchema);
        Object[] values = Structs.values(value);
        for (int i = 0; i < decoders.length; i++) {
            Structs.set(value, values, valueFields[i], row.decode(i, decoders[i]));
        }
        return value;
    }

    /** The record of a row read by {@link #value(CopyRow)}, its key taken from the value's key fields. */
    public SourceRecord toRecord(Struct value, Map<String, ?> partition, Map<String, ?> offset) {
        Struct key = key(value);
        if (toValidate > 0) {
            toValidate--;
            value.validate();
            if (key != null) {
                key.validate();
            }
        }
        return new SourceRecord(partition, offset, topic, null, keySchema, key, valueSchema, value);
    }

    /**
     * The tombstone of a deleted row, whose value {@link #value(CopyRow)} read with (at least) its key's fields: the
     * key, and a null value (a compacted topic drops the key).
     */
    public SourceRecord tombstone(Struct value, Map<String, ?> partition, Map<String, ?> offset) {
        Struct key = key(value);
        key.validate();
        return new SourceRecord(partition, offset, topic, null, keySchema, key, null, null);
    }

    /**
     * The delete marker of a deleted row, read as for {@link #tombstone}: the key, and a value whose fields are null
     * but the key's (every other field must be optional: {@link #requiredNonKeyFields()}).
     */
    public SourceRecord deleteMarker(Struct value, Map<String, ?> partition, Map<String, ?> offset) {
        Struct key = key(value);
        Struct marker = new Struct(valueSchema);
        for (Field field : keyFields) {
            marker.put(field.name(), key.get(field));
        }
        marker.validate();
        return new SourceRecord(partition, offset, topic, null, keySchema, key, valueSchema, marker);
    }

    /** The value's fields that are neither optional nor part of the key. */
    public List<String> requiredNonKeyFields() {
        return valueSchema.fields().stream().filter(f -> !f.schema().isOptional())
            .filter(f -> keySchema == null || keySchema.field(f.name()) == null).map(Field::name).toList();
    }

    private Struct key(Struct value) {
        if (keySchema == null) {
            return null;
        }
        Struct key = new Struct(keySchema);
        Object[] values = Structs.values(key);
        for (int k = 0; k < keyFieldIndexes.length; k++) {
            Structs.set(key, values, keyFields[k], value.get(valueFields[keyFieldIndexes[k]]));
        }
        return key;
    }

    /**
     * The value field of a column whose record value prints ({@code toString}) exactly as PostgreSQL prints the column
     * (integers, text, varchar, uuid), so that a reader can take a position's text from the record; else -1.
     */
    public int printsAsPostgres(String column) {
        Field field = valueSchema.field(Names.field(column, fieldNames));
        if (field == null) {
            return -1;
        }
        PgType type = table.columns().get(field.index()).type();
        return type.kind() == PgType.Kind.BASE && type.builtIn() && PRINTED_AS_POSTGRES.contains(type.name())
            ? field.index() : -1;
    }
}
