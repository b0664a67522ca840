/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

/** A capture leaves logging as it found it: the tests after it do not log at DEBUG. */
class LogCaptureTest {

    @Test
    void closingRestoresTheLevels() {
        assertThat(LogManager.getLogger("com.zaxxer.hikari.HikariConfig").isDebugEnabled()).isFalse();
        try (LogCapture logs = LogCapture.begin()) {
            assertThat(LogManager.getLogger("com.zaxxer.hikari.HikariConfig").isDebugEnabled()).isTrue();
        }
        assertThat(LogManager.getLogger("com.zaxxer.hikari.HikariConfig").isDebugEnabled()).isFalse();
        assertThat(LogManager.getLogger("org.apache.kafka.Foo").isDebugEnabled()).isFalse();
        assertThat(LogManager.getLogger("io.herokupg.connect.X").isDebugEnabled()).isFalse();
    }
}
