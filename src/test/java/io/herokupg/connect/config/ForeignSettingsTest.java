/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static io.herokupg.connect.config.ReplicationConfigTest.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.herokupg.connect.HerokuPostgresSourceConnector;

/**
 * The settings of Confluent's JDBC source and Debezium are refused with our equivalent, both by the connector's
 * {@code validate()} (what the REST API answers, on the key itself) and when the connector or a task starts.
 */
class ForeignSettingsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mode|timestamp|replication.method",
        "timestamp.column.name|updated_at|replication.key",
        "incrementing.column.name|id|replication.key",
        "table.whitelist|orders|table.include.list",
        "table.blacklist|audit|table.exclude.list",
        "connection.url|jdbc:postgresql://h/db|database.url",
        "connection.user|u|database.user",
        "connection.password|p|database.password",
        "table.poll.interval.ms|60000|table.discovery.interval.ms",
        "timestamp.initial|-1|start.position",
        "timestamp.delay.interval.ms|1000|replication.key.clock.skew.ms",
        "numeric.mapping|best_fit|decimal.handling.mode",
        "db.timezone|UTC|replication.key.timezone",
        "query|SELECT 1|view",
        "schema.include.list|public|table.include.list",
        "schema.exclude.list|audit|table.exclude.list",
        "snapshot.mode|no_data|start.position",
        "plugin.name|pgoutput|CAPTURE",
        "slot.name|debezium|CAPTURE",
        "publication.name|dbz|CAPTURE",
        "database.server.name|srv|topic.prefix",
        "column.whitelist|a|column.include.list",
        "column.blacklist|a|column.exclude.list",
        "tombstones.on.delete|true|capture.delete.handling"})
    void eachForeignSettingNamesOurs(String key, String value, String ours) {
        Map<String, String> props = props(key, value);

        Config validated = new HerokuPostgresSourceConnector().validate(props);
        List<String> errors = validated.configValues().stream().filter(v -> v.name().equals(key))
            .flatMap(v -> v.errorMessages().stream()).toList();
        assertThat(errors).singleElement().asString().contains(ours).containsAnyOf("did you mean", "not needed",
            "not supported");
        assertThat(validated.configValues()).filteredOn(v -> !v.name().equals(key))
            .flatExtracting(ConfigValue::errorMessages).isEmpty();
        assertThatThrownBy(() -> new SourceConfig(props)).isInstanceOf(KeyedConfigException.class)
            .hasMessageContaining(key).hasMessageContaining(ours);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"table.include.list|public\\.orders", "topic.prefix|p",
        "decimal.handling.mode|string", "database.hostname|h", "table.types|TABLE"})
    void settingsWeShareWithThemAreOurs(String key, String value) {
        assertThat(ForeignSettings.find(props(key, value))).isEmpty();
    }
}
