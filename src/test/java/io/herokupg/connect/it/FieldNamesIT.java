/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.avro.SchemaBuilder;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.ConnectorIT;
import io.herokupg.connect.testing.TaskDriver;

/**
 * field.name.adjustment.mode on a real table: columns and a composite type's attributes named as PostgreSQL allows
 * become field names Avro accepts (checked with Avro's own validating builder), values unchanged; names that would
 * collide are refused at validation, naming both columns.
 */
class FieldNamesIT extends ConnectorIT {
    FieldNamesIT() {
        super("field-names");
    }

    @Test
    void avroModeGivesAvroNamesToColumnsKeysAndCompositeFields() throws Exception {
        execute("DROP TABLE IF EXISTS fn_orders", "DROP TYPE IF EXISTS fn_money_line",
            "CREATE TYPE fn_money_line AS (\"Unit Price\" numeric(10, 2), \"2nd-qty\" int)",
            "CREATE TABLE fn_orders (\"Order Id\" int PRIMARY KEY, \"Order Total\" numeric(10, 2),"
                + " \"1st line\" fn_money_line, \"ça\" text)",
            "INSERT INTO fn_orders VALUES (7, 12.50, ROW(3.25, 2), 'va')");
        TaskDriver driver = new TaskDriver(pg, "public.fn_orders", Map.of("field.name.adjustment.mode", "avro"));
        List<SourceRecord> records = driver.start().pollUntil(r -> !r.isEmpty(), Duration.ofSeconds(60));
        driver.stop();

        SourceRecord record = records.get(0);
        assertThat(record.keySchema().fields()).extracting(Field::name).containsExactly("Order_Id");
        assertThat(record.valueSchema().fields()).extracting(Field::name)
            .containsExactly("Order_Id", "Order_Total", "_1st_line", "_a");
        Struct value = (Struct) record.value();
        assertThat(value.getInt32("Order_Id")).isEqualTo(7);
        assertThat(value.get("Order_Total")).hasToString("12.50");
        Struct line = value.getStruct("_1st_line");
        assertThat(line.schema().fields()).extracting(Field::name).containsExactly("Unit_Price", "_2nd_qty");
        assertThat(line.get("Unit_Price")).hasToString("3.25");
        assertThat(value.getString("_a")).isEqualTo("va");
        assertAvroNames(record.keySchema());
        assertAvroNames(record.valueSchema());
        assertAvroNames(line.schema());
    }

    @Test
    void collidingNamesAreRefusedAtValidation() throws Exception {
        execute("DROP TABLE IF EXISTS fn_clash",
            "CREATE TABLE fn_clash (id int PRIMARY KEY, \"Order Total\" int, \"Order_Total\" int)");
        Map<String, String> config = connect.connectorConfig(pg, name, "it_fn", "public\\.fn_clash");
        config.put("field.name.adjustment.mode", "avro");

        Map<String, List<String>> errors = connect.rest().validate(config);

        assertThat(errors).containsOnlyKeys("field.name.adjustment.mode");
        assertThat(errors.get("field.name.adjustment.mode")).singleElement().asString()
            .contains("\"Order Total\"", "\"Order_Total\"", "public.fn_clash");
        config.put("field.name.adjustment.mode", "avro_unicode");
        assertThat(connect.rest().validate(config)).isEmpty();
    }

    /** Through Avro's validating builder: the record's dotted name and every field name. */
    private static void assertAvroNames(Schema connect) {
        SchemaBuilder.FieldAssembler<org.apache.avro.Schema> fields = SchemaBuilder.record(connect.name()).fields();
        for (Field field : connect.fields()) {
            fields = fields.name(field.name()).type().stringType().noDefault();
        }
        assertThat(fields.endRecord().getFields()).hasSameSizeAs(connect.fields());
    }

    private void execute(String... sql) throws Exception {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
