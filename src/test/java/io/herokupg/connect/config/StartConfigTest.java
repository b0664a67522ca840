/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static io.herokupg.connect.config.ReplicationConfigTest.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** start.position, start.key and resync.token: defaults, per-table values, and the combinations refused by key. */
class StartConfigTest {

    @Test
    void theDefaultIsAFullLoadWithoutAToken() {
        assertThat(new SourceConfig(props()).start("public", "t")).isEqualTo(StartSettings.DEFAULT);
    }

    @Test
    void perTableSettingsOverrideTheConnectors() {
        SourceConfig config = new SourceConfig(props("replication.method", "INCREMENTAL", "replication.key", "id",
            "start.position", "NOW", "reports.topic", "r", "resync.token", "a",
            "table.public.orders.start.position", "key", "table.public.orders.start.key", " 1000 ",
            "table.public.orders.resync.token", "2026-12-06"));

        assertThat(config.start("public", "orders")).isEqualTo(new StartSettings(StartSettings.Mode.KEY,
            Optional.of("1000"), "table.public.orders.start.position", "2026-12-06"));
        assertThat(config.start("public", "lines")).isEqualTo(new StartSettings(StartSettings.Mode.NOW,
            Optional.empty(), "start.position", "a"));
    }

    @Test
    void nowNeedsTheReportsTopic() {
        assertThatThrownBy(() -> new SourceConfig(props("replication.method", "XMIN", "start.position", "now")))
            .isInstanceOf(KeyedConfigException.class).hasMessageContaining("start.position")
            .hasMessageContaining("reports.topic");
        assertThatThrownBy(() -> new SourceConfig(props("replication.method", "XMIN", "reports.topic", "",
            "table.s.t.start.position", "now")))
            .isInstanceOf(KeyedConfigException.class).hasMessageContaining("table.s.t.start.position");
    }

    @Test
    void keyNeedsAnIncrementalTableAndAKey() {
        assertThatThrownBy(() -> new SourceConfig(props("replication.method", "XMIN", "start.position", "key",
            "start.key", "1")))
            .isInstanceOf(KeyedConfigException.class).hasMessageContaining("start.position")
            .hasMessageContaining("INCREMENTAL");
        assertThatThrownBy(() -> new SourceConfig(props("replication.method", "INCREMENTAL", "replication.key", "id",
            "table.public.orders.start.position", "key")))
            .isInstanceOf(KeyedConfigException.class).hasMessageContaining("table.public.orders.start.key");
    }

    @Test
    void fullTableTablesRefuseTheirOwnStartPositionOnly() {
        assertThatThrownBy(() -> new SourceConfig(props("start.position", "now", "reports.topic", "r")))
            .isInstanceOf(KeyedConfigException.class).hasMessageContaining("FULL_TABLE");
        assertThatThrownBy(() -> new SourceConfig(props("replication.method", "XMIN", "reports.topic", "r",
            "table.public.t.replication.method", "FULL_TABLE", "table.public.t.start.position", "now")))
            .isInstanceOf(KeyedConfigException.class).hasMessageContaining("table.public.t.start.position");
        // Connector-wide, with some tables of another method: the FULL_TABLE tables ignore it.
        assertThat(new SourceConfig(props("start.position", "now", "reports.topic", "r",
            "table.public.t.replication.method", "XMIN")).start("public", "t").mode())
            .isEqualTo(StartSettings.Mode.NOW);
    }

    @Test
    void aBadModeIsNamed() {
        assertThatThrownBy(() -> new SourceConfig(props("start.position", "latest")))
            .hasMessageContaining("start.position");
    }
}
