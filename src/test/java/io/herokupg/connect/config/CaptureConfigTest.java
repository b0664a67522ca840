/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static io.herokupg.connect.config.ReplicationConfigTest.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** {@link SourceConfig#capture}: change capture's settings, their defaults, and bad values named by key. */
class CaptureConfigTest {

    @Test
    void theDefaultsChangeNothingInTheDatabase() {
        assertThat(new SourceConfig(props()).capture()).isEqualTo(CaptureSettings.DEFAULT);
        assertThat(CaptureSettings.DEFAULT.setup()).isEqualTo(CaptureSettings.Setup.MANUAL);
    }

    @Test
    void eachSettingIsRead() {
        CaptureSettings settings = new SourceConfig(props("capture.schema", " cdc ", "capture.setup", "Auto",
            "capture.delete.handling", "MARKER+TOMBSTONE", "capture.log.warn.age.ms", "60000",
            "replication.method", "capture")).capture();
        assertThat(settings).isEqualTo(new CaptureSettings("cdc", CaptureSettings.Setup.AUTO, true,
            Duration.ofMinutes(1)));
        assertThat(new SourceConfig(props("replication.method", "capture")).replication("public", "t").method())
            .isEqualTo(ReplicationMethod.CAPTURE);
    }

    @Test
    void badValuesAreNamedByTheirKey() {
        assertThatThrownBy(() -> new SourceConfig(props("capture.setup", "sometimes")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("capture.setup");
        assertThatThrownBy(() -> new SourceConfig(props("capture.delete.handling", "marker")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("capture.delete.handling");
        assertThatThrownBy(() -> new SourceConfig(props("capture.schema", "")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("capture.schema");
        assertThatThrownBy(() -> new SourceConfig(props("capture.log.warn.age.ms", "-1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("capture.log.warn.age.ms");
    }
}
