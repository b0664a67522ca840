/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.config.ReplicationSettings.KeyClock;

class TimeKeysTest {
    private static final KeyClock UTC_NO_SKEW = new KeyClock(Duration.ZERO, ZoneId.of("UTC"));

    private static ColumnInfo column(String type, int typmod) {
        return new ColumnInfo("k", 1, 0, type, "pg_catalog", type, typmod, true);
    }

    private static long micros(String instant) {
        Instant at = Instant.parse(instant);
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    @Test
    void onlyTimeTypesHaveAClockBound() {
        assertThat(TimeKeys.isTime(column("timestamptz", -1))).isTrue();
        assertThat(TimeKeys.isTime(column("timestamp", 3))).isTrue();
        assertThat(TimeKeys.isTime(column("date", -1))).isTrue();
        assertThat(TimeKeys.isTime(column("int8", -1))).isFalse();
        assertThat(TimeKeys.low(column("int8", -1), 0, UTC_NO_SKEW)).isEmpty();
    }

    @Test
    void theBoundIsTheHorizonLessTheSkewAndTheRounding() {
        long horizon = micros("2026-12-05T23:25:49.123456Z");
        // 1 µs of the key's precision, 1 ms for old servers' float clocks.
        assertThat(TimeKeys.low(column("timestamptz", -1), horizon, UTC_NO_SKEW))
            .contains("2026-12-05 23:25:49.122455+00");
        assertThat(TimeKeys.low(column("timestamptz", -1), horizon,
            new KeyClock(Duration.ofMinutes(1), ZoneId.of("UTC")))).contains("2026-12-05 23:24:49.122455+00");
        // timestamp(0) rounds to the second, maybe down by half of one.
        assertThat(TimeKeys.low(column("timestamp", 0), horizon, UTC_NO_SKEW))
            .contains("2026-12-05 23:25:48.122456");
        assertThat(TimeKeys.low(column("date", -1), micros("2026-12-06T00:00:30Z"),
            new KeyClock(Duration.ofMinutes(1), ZoneId.of("UTC")))).contains("2026-12-05");
    }

    @Test
    void aTimestampKeyHoldsLocalTimesOfItsZone() {
        long horizon = micros("2026-07-01T12:00:00Z");
        KeyClock kathmandu = new KeyClock(Duration.ZERO, ZoneId.of("Asia/Kathmandu"));
        assertThat(TimeKeys.low(column("timestamp", -1), horizon, kathmandu)).contains("2026-07-01 17:44:59.998999");
        // A timestamptz is an instant whatever the zone.
        assertThat(TimeKeys.low(column("timestamptz", -1), horizon, kathmandu))
            .contains("2026-07-01 11:59:59.998999+00");
    }

    @Test
    void beforeClocksGoBackTheBoundIsTheLocalTimeJustAfter() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        // 2026-10-25 03:00 CEST becomes 02:00 CET (01:00 UTC). Half an hour before, the local time is 02:30, but a
        // transaction starting just after the change writes 02:00.
        assertThat(TimeKeys.lowestLocal(Instant.parse("2026-10-25T00:30:00Z"), paris))
            .isEqualTo(LocalDateTime.parse("2026-10-25T02:00:00"));
        // Two hours before, the local time 01:00 is already the lowest.
        assertThat(TimeKeys.lowestLocal(Instant.parse("2026-10-24T23:00:00Z"), paris))
            .isEqualTo(LocalDateTime.parse("2026-10-25T01:00:00"));
        // Far from a change, and when clocks go forward, the local time now.
        assertThat(TimeKeys.lowestLocal(Instant.parse("2026-03-29T00:30:00Z"), paris))
            .isEqualTo(LocalDateTime.parse("2026-03-29T01:30:00"));
        assertThat(TimeKeys.lowestLocal(Instant.parse("2026-10-25T01:30:00Z"), paris))
            .isEqualTo(LocalDateTime.parse("2026-10-25T02:30:00"));
    }
}
