/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DiscoverySettingsTest {

    @Test
    void discoverySettingsAreTheSelectionKeys() {
        DiscoverySettings discovery = new SourceConfig(Map.of(ConnectionFragment.URL, "postgres://u:p@db.example.com/d",
            SelectionFragment.TABLE_TYPES, "VIEW, TABLE",
            SelectionFragment.TABLE_INCLUDE_LIST, "public\\..*",
            SelectionFragment.COLUMN_EXCLUDE_LIST, "public\\.orders\\.secret")).discovery();

        assertThat(discovery.types()).containsExactly(TableType.TABLE, TableType.VIEW);
        assertThat(discovery.tables().matches("public", "orders")).isTrue();
        assertThat(discovery.tables().matches("sales", "orders")).isFalse();
        assertThat(discovery.columns().matches("public", "orders", "secret")).isFalse();
        assertThat(discovery.columns().matches("public", "orders", "id")).isTrue();
    }
}
