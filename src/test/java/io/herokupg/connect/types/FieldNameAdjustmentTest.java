/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.avro.SchemaBuilder;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.TableType;
import io.herokupg.connect.config.TypeHandling;
import io.herokupg.connect.config.TypeHandling.FieldNameMode;

/**
 * field.name.adjustment.mode: the field names of keys and values, checked against Apache Avro's own name rules (its
 * {@code SchemaBuilder} validates every record and field name it is given), which AvroConverter and Protobuf's
 * converters apply.
 */
class FieldNameAdjustmentTest {
    /** Column names PostgreSQL accepts (quoted), most of them invalid in Avro. */
    private static final List<String> AWKWARD = List.of("Order Total", "order-id", "1st", "ça va", "名前", "a.b",
        "select", "\"quoted\"", "tab\there", "\uD83D\uDE00", "_ok", "plain", "x$y", "9");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "avro|Order Total|Order_Total",
        "avro|order-id|order_id",
        "avro|1st|_1st",
        "avro|plain|plain",
        "avro_unicode|Order Total|Order_u0020Total",
        "avro_unicode|1st|_u0031st",
        "avro_unicode|a.b|a_u002eb",
        "avro_unicode|plain|plain",
        "none|Order Total|Order Total"})
    void adjustsAsDocumented(String mode, String column, String field) {
        assertThat(Names.field(column, FieldNameMode.valueOf(mode.toUpperCase(Locale.ROOT)))).isEqualTo(field);
    }

    @Test
    void avroModesGiveNamesAvroAccepts() {
        for (FieldNameMode mode : List.of(FieldNameMode.AVRO, FieldNameMode.AVRO_UNICODE)) {
            Schema value = builder(AWKWARD.subList(0, 11), mode).valueSchema();
            assertAvroAccepts(value);
        }
    }

    @Test
    void withoutAdjustmentAvroRefusesSuchNames() {
        Schema value = builder(List.of("id", "Order Total"), FieldNameMode.NONE).valueSchema();

        assertThat(value.field("Order Total")).isNotNull();
        assertThatThrownBy(() -> assertAvroAccepts(value)).hasMessageContaining("Order Total");
    }

    @Test
    void unicodeModeKeepsDistinctNamesDistinct() {
        Set<String> fields = new HashSet<>();
        for (String column : AWKWARD) {
            fields.add(Names.field(column, FieldNameMode.AVRO_UNICODE));
        }
        assertThat(fields).hasSameSizeAs(AWKWARD);
    }

    @Test
    void theKeyTakesTheAdjustedNames() {
        RecordBuilder builder = builder(List.of("Order Id", "Order Total"), FieldNameMode.AVRO);

        assertThat(builder.valueSchema().fields()).extracting(Field::name).containsExactly("Order_Id", "Order_Total");
        assertThat(builder.printsAsPostgres("Order Id")).isZero();
    }

    @Test
    void collidingNamesAreRefusedNamingBothColumns() {
        TableInfo table = table(List.of("Order Id", "Order Total", "Order_Total"));

        assertThat(RecordBuilder.fieldNameCollision(table, FieldNameMode.AVRO)).hasValueSatisfying(problem ->
            assertThat(problem).contains("\"Order Total\"", "\"Order_Total\"", "public.orders",
                "field.name.adjustment.mode=avro", "column.exclude.list"));
        assertThat(RecordBuilder.fieldNameCollision(table, FieldNameMode.AVRO_UNICODE)).isEmpty();
        assertThat(RecordBuilder.fieldNameCollision(table, FieldNameMode.NONE)).isEmpty();
        assertThatThrownBy(() -> new RecordBuilder(table, "p", handling(FieldNameMode.AVRO)))
            .hasMessageContaining("Order_Total");
    }

    private static void assertAvroAccepts(Schema connect) {
        // Every part of the record's dotted name, and every field name, through Avro's validating builder.
        SchemaBuilder.FieldAssembler<org.apache.avro.Schema> fields = SchemaBuilder.record(connect.name()).fields();
        for (Field field : connect.fields()) {
            fields = fields.name(field.name()).type().stringType().noDefault();
        }
        assertThat(fields.endRecord().getFields()).hasSameSizeAs(connect.fields());
    }

    private static RecordBuilder builder(List<String> columns, FieldNameMode mode) {
        return new RecordBuilder(table(columns), "heroku", handling(mode));
    }

    private static TypeHandling handling(FieldNameMode mode) {
        TypeHandling d = TypeHandling.DEFAULT;
        return new TypeHandling(d.decimal(), d.time(), d.interval(), d.binary(), d.hstore(), d.unsupported(),
            d.headers(), mode);
    }

    private static TableInfo table(List<String> names) {
        List<ColumnInfo> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(new ColumnInfo(name, columns.size() + 1, 23, "int4", "pg_catalog", "integer", -1, true));
        }
        return new TableInfo(new TableId("public", "orders"), columns, List.of(names.get(0)), 0, TableType.TABLE);
    }
}
