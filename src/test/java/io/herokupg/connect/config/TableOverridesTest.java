/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableOverridesTest {

    private static Map<String, String> base() {
        Map<String, String> props = new HashMap<>();
        props.put("database.hostname", "localhost");
        props.put("database.dbname", "db");
        props.put("database.user", "u");
        props.put("poll.interval.ms", "60000");
        props.put("batch.max.rows", "100");
        return props;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "table.public.orders.poll.interval.ms | public | orders",
        "table.\"my.schema\".\"my.table\".poll.interval.ms | my.schema | my.table",
        "table.\"Order \"\"Items\"\"\".\"x.y\".poll.interval.ms | Order \"Items\" | x.y",
        "table.sales.\"Line Items\".poll.interval.ms | sales | Line Items"})
    void aPerTableSettingOverridesTheConnectorsForThatTableOnly(String key, String schema, String table) {
        Map<String, String> props = base();
        props.put(key, "5000");
        SourceConfig config = new SourceConfig(props);

        assertThat(config.pollInterval(schema, table)).isEqualTo(Duration.ofMillis(5000));
        assertThat(config.pollInterval(schema, "other")).isEqualTo(Duration.ofMillis(60000));
        assertThat(config.batchMaxRows(schema, table)).isEqualTo(100);
    }

    @Test
    void batchSizeCanBeSetPerTable() {
        Map<String, String> props = base();
        props.put("table.public.big.batch.max.rows", "5000");
        SourceConfig config = new SourceConfig(props);

        assertThat(config.batchMaxRows("public", "big")).isEqualTo(5000);
        assertThat(config.batchMaxRows("public", "small")).isEqualTo(100);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "table.public.orders.replication.mode | FULL_TABLE",
        "table.public.orders.poll.interval.ms | soon",
        "table.public.orders.batch.max.rows | 0",
        "table.\"public.orders.poll.interval.ms | 1000",
        "table.public.poll | 1000",
        "table.public..poll.interval.ms | 1000"})
    void aWrongPerTableSettingIsAnErrorOnItsKey(String key, String value) {
        Map<String, String> props = base();
        props.put(key, value);

        assertThatThrownBy(() -> new SourceConfig(props)).isInstanceOfSatisfying(KeyedConfigException.class,
            e -> assertThat(e.key()).isEqualTo(key));
    }

    @Test
    void connectorWideTableKeysAreNotPerTableSettings() {
        Map<String, String> props = base();
        props.put("table.include.list", "public\\..*");
        props.put("table.types", "TABLE,VIEW");

        assertThat(new SourceConfig(props).tablesWithOverrides()).isEmpty();
    }
}
