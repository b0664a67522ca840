/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

/** Dates, times and timestamps from PostgreSQL's ISO text, checked against java.time. */
class TemporalsTest {
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    @Test
    void datesAreDaysSinceTheEpochWithBcAsYearsBeforeOne() {
        assertThat(Temporals.epochDay("1970-01-01")).isZero();
        assertThat(Temporals.epochDay("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(Temporals.epochDay("1969-12-31")).isEqualTo(-1);
        // 1 BC is ISO year 0, a leap year; 44 BC is ISO year -43.
        assertThat(Temporals.epochDay("0001-02-29 BC")).isEqualTo(LocalDate.of(0, 2, 29).toEpochDay());
        assertThat(Temporals.epochDay("0044-03-15 BC")).isEqualTo(LocalDate.of(-43, 3, 15).toEpochDay());
        assertThat(Temporals.epochDay("4713-01-01 BC")).isEqualTo(LocalDate.of(-4712, 1, 1).toEpochDay());
        assertThat(Temporals.epochDay("5874897-12-31")).isEqualTo(LocalDate.of(5874897, 12, 31).toEpochDay());
        assertThat(Temporals.epochDay("10000-01-01")).isEqualTo(LocalDate.of(10000, 1, 1).toEpochDay());
    }

    @Test
    void infiniteDatesAreTheIntsEnds() {
        assertThat(Temporals.epochDay("infinity")).isEqualTo(Integer.MAX_VALUE);
        assertThat(Temporals.epochDay("-infinity")).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void timesAreMicrosecondsOfTheDayUpTo24Hours() {
        assertThat(Temporals.microsOfDay("00:00:00")).isZero();
        assertThat(Temporals.microsOfDay("13:45:06.5")).isEqualTo(((13 * 60 + 45) * 60 + 6) * 1_000_000L + 500_000);
        assertThat(Temporals.microsOfDay("23:59:59.999999")).isEqualTo(86_399_999_999L);
        assertThat(Temporals.microsOfDay("24:00:00")).isEqualTo(86_400_000_000L);
    }

    @Test
    void timesWithTimeZoneKeepTheirOffsetInIsoForm() {
        assertThat(Temporals.offsetTime("13:45:00.5+05:45")).isEqualTo("13:45:00.5+05:45");
        assertThat(Temporals.offsetTime("08:00:00+00")).isEqualTo("08:00:00Z");
        assertThat(Temporals.offsetTime("08:00:00-03")).isEqualTo("08:00:00-03:00");
        assertThat(Temporals.offsetTime("12:00:00+05:53:28")).isEqualTo("12:00:00+05:53:28");
        assertThat(Temporals.offsetTime("24:00:00-15:59")).isEqualTo("24:00:00-15:59");
    }

    @Test
    void timestampsAreMicrosecondsSinceTheEpoch() {
        assertThat(Temporals.localMicros("1970-01-01 00:00:00")).isZero();
        assertThat(Temporals.localMicros("1969-12-31 23:59:59.999999")).isEqualTo(-1);
        assertThat(Temporals.localMicros("2024-03-31 01:30:00.123456"))
            .isEqualTo(micros(LocalDateTime.of(2024, 3, 31, 1, 30, 0, 123_456_000)));
        assertThat(Temporals.localMicros("10000-01-01 00:00:00"))
            .isEqualTo(micros(LocalDateTime.of(10000, 1, 1, 0, 0)));
        assertThat(Temporals.localMicros("0044-03-15 12:00:00.5 BC"))
            .isEqualTo(micros(LocalDateTime.of(-43, 3, 15, 12, 0, 0, 500_000_000)));
        assertThat(Temporals.localMicros("4713-01-01 00:00:00 BC"))
            .isEqualTo(micros(LocalDateTime.of(-4712, 1, 1, 0, 0)));
    }

    @Test
    void timestampsWithTimeZoneApplyOffsetsIncludingSeconds() {
        assertThat(Temporals.instantMicros("2024-03-31 01:30:00.123456+01"))
            .isEqualTo(micros(OffsetDateTime.of(2024, 3, 31, 1, 30, 0, 123_456_000, ZoneOffset.ofHours(1))));
        assertThat(Temporals.instantMicros("1901-01-01 00:00:00-03:30:52"))
            .isEqualTo(micros(OffsetDateTime.of(1901, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(-3, -30,
                -52))));
        assertThat(Temporals.instantMicros("0044-03-15 12:00:00+05:53:28 BC"))
            .isEqualTo(micros(OffsetDateTime.of(-43, 3, 15, 12, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(5, 53,
                28))));
        assertThat(Temporals.instantMicros("275760-09-13 00:00:00+00"))
            .isEqualTo(micros(OffsetDateTime.of(275760, 9, 13, 0, 0, 0, 0, ZoneOffset.UTC)));
    }

    @Test
    void infiniteTimestampsAreTheLongsEnds() {
        assertThat(Temporals.localMicros("infinity")).isEqualTo(Long.MAX_VALUE);
        assertThat(Temporals.localMicros("-infinity")).isEqualTo(Long.MIN_VALUE);
        assertThat(Temporals.instantMicros("infinity")).isEqualTo(Long.MAX_VALUE);
        assertThat(Temporals.instantMicros("-infinity")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void timestampsBeyondSixtyFourBitMicrosecondsFailNamingTheValue() {
        assertThatThrownBy(() -> Temporals.localMicros("294276-12-31 23:59:59.999999"))
            .isInstanceOf(DecodeException.class).hasMessageContaining("294276-12-31");
    }

    @Test
    void malformedTextIsRefused() {
        for (String text : new String[] {"2024-13-01", "2024-02-30", "24-01-01", "2024-01-01 BCE", "12:00", ""}) {
            assertThatThrownBy(() -> Temporals.epochDay(text)).as(text).isInstanceOf(DecodeException.class);
        }
        for (String text : new String[] {"12:00", "12:60:00", "24:00:00.000001", "12:00:00+", "12:00:00 BC"}) {
            assertThatThrownBy(() -> Temporals.microsOfDay(text)).as(text).isInstanceOf(DecodeException.class);
        }
        assertThatThrownBy(() -> Temporals.instantMicros("2024-01-01 00:00:00")).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> Temporals.localMicros("2024-01-01T00:00:00")).isInstanceOf(DecodeException.class);
    }

    private static long micros(LocalDateTime time) {
        return ChronoUnit.MICROS.between(EPOCH, time);
    }

    private static long micros(OffsetDateTime time) {
        return ChronoUnit.MICROS.between(EPOCH.atOffset(ZoneOffset.UTC), time);
    }
}
