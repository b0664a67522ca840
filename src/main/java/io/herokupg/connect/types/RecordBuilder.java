/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.TableInfo;

/**
 * Turns rows of one table into {@link SourceRecord}s: value = a Struct of all columns under their PostgreSQL
 * names, key = a Struct of the primary-key columns (null for a table without one). Built once per table.
 */
public final class RecordBuilder {
    private final TableInfo table;
    private final String topic;
    private final Schema keySchema;
    private final Schema valueSchema;
    private final ColumnMapping.ValueReader[] readers;
    private final int[] keyFieldIndexes;

    public RecordBuilder(TableInfo table, String topicPrefix) {
        this.table = table;
        this.topic = Names.topic(topicPrefix, table.id());
        SchemaBuilder value = SchemaBuilder.struct().name(Names.schemaName(topicPrefix, table.id(), "Value"));
        readers = new ColumnMapping.ValueReader[table.columns().size()];
        int i = 0;
        for (ColumnInfo column : table.columns()) {
            ColumnMapping mapping = TypeMapper.mappingFor(table.id().toString(), column);
            value.field(column.name(), mapping.schema());
            readers[i++] = mapping.reader();
        }
        valueSchema = value.build();
        List<String> pk = table.primaryKey();
        if (pk.isEmpty()) {
            keySchema = null;
            keyFieldIndexes = new int[0];
        } else {
            SchemaBuilder key = SchemaBuilder.struct().name(Names.schemaName(topicPrefix, table.id(), "Key"));
            keyFieldIndexes = new int[pk.size()];
            for (int k = 0; k < pk.size(); k++) {
                keyFieldIndexes[k] = valueSchema.field(pk.get(k)).index();
                key.field(pk.get(k), valueSchema.field(pk.get(k)).schema());
            }
            keySchema = key.build();
        }
    }

    /** Checks that every column of the table can be mapped, without building anything to keep. */
    public static void checkSupported(TableInfo table) {
        for (ColumnInfo column : table.columns()) {
            TypeMapper.mappingFor(table.id().toString(), column);
        }
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

    /** Reads the value Struct of the result set's current row, whose columns are the table's columns in order. */
    public Struct readValue(ResultSet rs) throws SQLException {
        Struct value = new Struct(valueSchema);
        List<Field> fields = valueSchema.fields();
        for (int i = 0; i < readers.length; i++) {
            value.put(fields.get(i), readers[i].read(rs, i + 1));
        }
        return value;
    }

    /** The record of a row read by {@link #readValue(ResultSet)}, its key taken from the value's key fields. */
    public SourceRecord toRecord(Struct value, Map<String, ?> partition, Map<String, ?> offset) {
        Struct key = null;
        if (keySchema != null) {
            key = new Struct(keySchema);
            List<Field> fields = valueSchema.fields();
            List<Field> keyFields = keySchema.fields();
            for (int k = 0; k < keyFieldIndexes.length; k++) {
                key.put(keyFields.get(k), value.get(fields.get(keyFieldIndexes[k])));
            }
        }
        return new SourceRecord(partition, offset, topic, null, keySchema, key, valueSchema, value);
    }

    /** Column names in select order, for building queries. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(table.columns().size());
        table.columns().forEach(c -> names.add(c.name()));
        return names;
    }
}
