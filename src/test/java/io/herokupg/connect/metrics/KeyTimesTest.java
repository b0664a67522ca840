/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class KeyTimesTest {
    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void timeKeysReadAsEpochMillis() {
        assertThat(KeyTimes.epochMs("timestamp with time zone", "2026-11-25 15:56:30.123456+00"))
            .hasValue(ms("2026-11-25T15:56:30.123Z"));
        assertThat(KeyTimes.epochMs("timestamp(3) with time zone", "2026-11-25 17:56:30+02:00"))
            .hasValue(ms("2026-11-25T15:56:30Z"));
        assertThat(KeyTimes.epochMs("timestamp without time zone", "2026-11-25 15:56:30"))
            .hasValue(ms("2026-11-25T15:56:30Z"));
        assertThat(KeyTimes.epochMs("date", "2026-11-25")).hasValue(ms("2026-11-25T00:00:00Z"));
    }

    @Test
    void otherKeysHaveNoTime() {
        assertThat(KeyTimes.epochMs("bigint", "42")).isEqualTo(OptionalLong.empty());
        assertThat(KeyTimes.epochMs("timestamp with time zone", "infinity")).isEmpty();
        assertThat(KeyTimes.epochMs("date", "0044-03-15 BC")).isEmpty();
    }
}
