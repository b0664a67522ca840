/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SourceConfig#replication}: the method and key of each table, and the key an error is reported on. */
class ReplicationConfigTest {

    /** A minimal connector config with these keys and values on top. */
    static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("database.hostname", "localhost");
        props.put("database.dbname", "db");
        props.put("database.user", "u");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @Test
    void replicationDefaultsToFullTableWithoutAKey() {
        ReplicationSettings replication = new SourceConfig(props()).replication("public", "orders");

        assertThat(replication).isEqualTo(new ReplicationSettings(ReplicationMethod.FULL_TABLE, Optional.empty(),
            "replication.method", "replication.key"));
    }

    @Test
    void connectorWideReplicationAppliesToEveryTable() {
        SourceConfig config = new SourceConfig(props("replication.method", "INCREMENTAL",
            "replication.key", " updated_at "));

        for (String table : List.of("orders", "items")) {
            assertThat(config.replication("public", table)).isEqualTo(new ReplicationSettings(
                ReplicationMethod.INCREMENTAL, Optional.of("updated_at"), "replication.method", "replication.key"));
        }
    }

    @ParameterizedTest
    @CsvSource({"xmin, XMIN", "Incremental, INCREMENTAL", "' full_table ', FULL_TABLE", "XMIN, XMIN"})
    void methodValuesIgnoreCase(String value, ReplicationMethod expected) {
        SourceConfig config = new SourceConfig(props("replication.method", value, "replication.key", "id",
            "table.public.items.replication.method", value));

        assertThat(config.replication("public", "orders").method()).isEqualTo(expected);
        assertThat(config.replication("public", "items").method()).isEqualTo(expected);
    }

    @Test
    void perTableReplicationOverridesTheConnectorsForThatTableOnly() {
        SourceConfig config = new SourceConfig(props("replication.method", "XMIN",
            "table.public.orders.replication.method", "incremental",
            "table.public.orders.replication.key", "updated_at",
            "table.public.items.replication.key", "id",
            "table.\"my.schema\".events.replication.method", "FULL_TABLE"));

        assertThat(config.replication("public", "orders")).isEqualTo(new ReplicationSettings(
            ReplicationMethod.INCREMENTAL, Optional.of("updated_at"), "table.public.orders.replication.method",
            "table.public.orders.replication.key"));
        // A key is used by INCREMENTAL only.
        assertThat(config.replication("public", "items")).isEqualTo(new ReplicationSettings(ReplicationMethod.XMIN,
            Optional.empty(), "replication.method", "table.public.items.replication.key"));
        assertThat(config.replication("my.schema", "events")).isEqualTo(new ReplicationSettings(
            ReplicationMethod.FULL_TABLE, Optional.empty(), "table.\"my.schema\".events.replication.method",
            "table.\"my.schema\".events.replication.key"));
        assertThat(config.replication("public", "other")).isEqualTo(new ReplicationSettings(ReplicationMethod.XMIN,
            Optional.empty(), "replication.method", "replication.key"));
    }

    @Test
    void aPerTableMethodTakesTheConnectorsKeyUnlessTheTableHasItsOwn() {
        SourceConfig config = new SourceConfig(props("replication.key", "updated_at",
            "table.public.orders.replication.method", "INCREMENTAL",
            "table.public.items.replication.method", "INCREMENTAL",
            "table.public.items.replication.key", "id"));

        assertThat(config.replication("public", "orders")).isEqualTo(new ReplicationSettings(
            ReplicationMethod.INCREMENTAL, Optional.of("updated_at"), "table.public.orders.replication.method",
            "replication.key"));
        assertThat(config.replication("public", "items").key()).contains("id");
        assertThat(config.replication("public", "other").method()).isEqualTo(ReplicationMethod.FULL_TABLE);
    }

    @Test
    void aPerTableIncrementalWithoutAnyKeyIsRejectedOnTheTablesKey() {
        KeyedConfigException e = catchThrowableOfType(KeyedConfigException.class, () -> new SourceConfig(props(
            "table.public.orders.replication.method", "INCREMENTAL")));

        assertThat(e).isNotNull();
        assertThat(e.key()).isEqualTo("table.public.orders.replication.key");
        assertThat(e.getMessage()).contains("public.orders").contains("table.public.orders.replication.method");
    }

    @Test
    void aConnectorWideIncrementalWithoutAKeyIsLeftToThePreflightChecks() {
        // Which tables it applies to is known only from the catalog; Preflight reports it on replication.key.
        ReplicationSettings replication = new SourceConfig(props("replication.method", "INCREMENTAL"))
            .replication("public", "orders");

        assertThat(replication.key()).isEmpty();
        assertThat(replication.keyKey()).isEqualTo("replication.key");
    }

    @Test
    void anInvalidMethodIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> new SourceConfig(props("replication.method", "LOG_BASED")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("replication.method");
        KeyedConfigException e = catchThrowableOfType(KeyedConfigException.class, () -> new SourceConfig(props(
            "table.public.orders.replication.method", "CDC")));
        assertThat(e).isNotNull();
        assertThat(e.key()).isEqualTo("table.public.orders.replication.method");
        assertThat(e.getMessage()).contains("FULL_TABLE, INCREMENTAL, XMIN");
    }
}
