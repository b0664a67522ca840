/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.herokupg.connect.catalog.TableId;

class NamesTest {
    /** What Kafka accepts in a topic name (org.apache.kafka.common.internals.Topic). */
    private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern AVRO_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final List<TableId> AWKWARD = List.of(
        new TableId("public", "orders"),
        new TableId("my schema", "Order Items"),
        new TableId("sales-2024", "line-items"),
        new TableId("2024", "1st quarter"),
        new TableId("schéma", "表格"),
        new TableId("emoji", "\uD83D\uDE00"),
        new TableId("a.b", "c.d.e"),
        new TableId("", ""),
        new TableId("q\"uote", "sla/sh\\back"),
        new TableId("_", "9"),
        new TableId("tab\there", "new\nline"));

    static Stream<Arguments> topics() {
        return Stream.of(
            Arguments.of("stitch", new TableId("public", "orders"), "stitch.public.orders"),
            Arguments.of("p", new TableId("my schema", "Order Items"), "p.my_schema.Order_Items"),
            Arguments.of("p", new TableId("sales-2024", "a.b_c"), "p.sales-2024.a.b_c"),
            Arguments.of("p", new TableId("schéma", "表格"), "p.sch_ma.__"),
            Arguments.of("p", new TableId("x", "a/b:c#d"), "p.x.a_b_c_d"),
            Arguments.of("p", new TableId("emoji", "\uD83D\uDE00"), "p.emoji._"));
    }

    @ParameterizedTest
    @MethodSource("topics")
    void topicReplacesCharactersKafkaRejects(String prefix, TableId table, String expected) {
        assertThat(Names.topic(prefix, table)).isEqualTo(expected);
    }

    @Test
    void topicsAreValidKafkaTopicNames() {
        for (TableId table : AWKWARD) {
            String topic = Names.topic("stitch_heroku", table);

            assertThat(topic).as("%s", table).matches(KAFKA_TOPIC).startsWith("stitch_heroku.");
            assertThat(topic.length()).as("%s", table).isLessThanOrEqualTo(249);
        }
    }

    static Stream<Arguments> schemaNames() {
        return Stream.of(
            Arguments.of("stitch_heroku", new TableId("public", "orders"), "stitch_heroku.public.orders.Value"),
            Arguments.of("p", new TableId("my schema", "Order Items"), "p.my_schema.Order_Items.Value"),
            Arguments.of("p", new TableId("sales-2024", "2024 sales-data"), "p.sales_2024._2024_sales_data.Value"),
            Arguments.of("my.prefix", new TableId("a.b", "c"), "my.prefix.a_b.c.Value"),
            Arguments.of("my-prefix", new TableId("s", ""), "my_prefix.s._.Value"),
            Arguments.of("p", new TableId("schéma", "表"), "p.sch_ma._.Value"));
    }

    @ParameterizedTest
    @MethodSource("schemaNames")
    void schemaNameExamples(String prefix, TableId table, String expected) {
        assertThat(Names.schemaName(prefix, table, "Value")).isEqualTo(expected);
    }

    @Test
    void schemaNamesAreValidAvroFullNames() {
        List<String> prefixes = List.of("p", "stitch_heroku", "my.prefix", "my-prefix", ".lead", "trail.", "a..b",
            "9lives", "");
        for (String prefix : prefixes) {
            for (TableId table : AWKWARD) {
                for (String suffix : List.of("Key", "Value")) {
                    String name = Names.schemaName(prefix, table, suffix);

                    assertThat(name.split("\\.", -1)).as("%s from prefix '%s'", name, prefix)
                        .isNotEmpty()
                        .allSatisfy(part -> assertThat(part).matches(AVRO_NAME));
                    assertThat(name).endsWith("." + suffix);
                }
            }
        }
    }

    @Test
    void schemaNameKeepsSchemaAndTableAsOnePartEach() {
        // Dots inside a schema or table name must not add parts: the last three parts are schema, table, suffix.
        String[] parts = Names.schemaName("p", new TableId("a.b", "c.d.e"), "Value").split("\\.");

        assertThat(parts).containsExactly("p", "a_b", "c_d_e", "Value");
    }
}
