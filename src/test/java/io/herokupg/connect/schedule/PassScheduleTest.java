/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.herokupg.connect.config.ScheduleSettings;

class PassScheduleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static PassSchedule interval(Duration interval) {
        return PassSchedule.of(new ScheduleSettings(interval, Optional.empty(), Optional.empty(), UTC));
    }

    private static PassSchedule anchored(String anchor, Duration interval, ZoneId zone) {
        return PassSchedule.of(new ScheduleSettings(interval, Optional.of(LocalTime.parse(anchor)), Optional.empty(),
            zone));
    }

    private static PassSchedule cron(String expression, ZoneId zone) {
        return PassSchedule.of(new ScheduleSettings(Duration.ofHours(1), Optional.empty(), Optional.of(expression),
            zone));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void anIntervalCountsFromThePreviousStart() {
        PassSchedule schedule = interval(Duration.ofMinutes(5));

        assertThat(schedule.first(at("2026-11-25T09:13:07Z"))).isEqualTo(at("2026-11-25T09:13:07Z"));
        assertThat(schedule.next(at("2026-11-25T09:13:07Z"))).isEqualTo(at("2026-11-25T09:18:07Z"));
    }

    @ParameterizedTest(name = "first at or after {0} is {1}")
    @CsvSource({
        "2026-11-25T09:13:00Z, 2026-11-25T14:00:00Z",
        "2026-11-25T14:00:00Z, 2026-11-25T14:00:00Z",
        "2026-11-25T21:00:00Z, 2026-11-26T02:00:00Z",
        "2026-11-25T01:59:59Z, 2026-11-25T02:00:00Z"})
    void anAnchorAlignsTheFirstPassToTheGrid(String now, String expected) {
        assertThat(anchored("02:00", Duration.ofHours(6), UTC).first(at(now))).isEqualTo(at(expected));
    }

    @ParameterizedTest(name = "after a pass started at {0} comes {1}")
    @CsvSource({
        "2026-11-25T08:00:00Z, 2026-11-25T14:00:00Z",
        "2026-11-25T08:00:01Z, 2026-11-25T14:00:00Z",
        "2026-11-25T13:59:59Z, 2026-11-25T14:00:00Z",
        "2026-11-25T20:00:00Z, 2026-11-26T02:00:00Z"})
    void anAnchoredPassIsFollowedByTheNextGridPoint(String previous, String expected) {
        assertThat(anchored("02:00", Duration.ofHours(6), UTC).next(at(previous))).isEqualTo(at(expected));
    }

    @Test
    void anAnchorInAZoneIsAnAbsoluteGrid() {
        // 02:00 in Paris on 1970-01-01 is 01:00 UTC; the daily grid stays at 01:00 UTC, also in summer time.
        PassSchedule schedule = anchored("02:00", Duration.ofDays(1), ZoneId.of("Europe/Paris"));

        assertThat(schedule.first(at("2026-06-01T00:30:00Z"))).isEqualTo(at("2026-06-01T01:00:00Z"));
        assertThat(schedule.first(at("2026-12-01T00:30:00Z"))).isEqualTo(at("2026-12-01T01:00:00Z"));
    }

    @ParameterizedTest(name = "{0} in {1}: first after {2} is {3}")
    @CsvSource(delimiter = '|', value = {
        "0 0 2 * * ?    | UTC          | 2026-11-25T09:00:00Z | 2026-11-26T02:00:00Z",
        "0 0 2 * * ?    | UTC          | 2026-11-26T02:00:00Z | 2026-11-26T02:00:00Z",
        "*/10 * * * * ? | UTC          | 2026-11-25T10:00:01Z | 2026-11-25T10:00:10Z",
        "*/15 * * * *   | UTC          | 2026-11-25T10:07:00Z | 2026-11-25T10:15:00Z",
        "0 0 2 * * ?    | Europe/Paris | 2026-07-01T00:30:00Z | 2026-07-02T00:00:00Z",
        "0 0 2 * * ?    | Europe/Paris | 2026-12-01T00:30:00Z | 2026-12-01T01:00:00Z"})
    void aCronScheduleFollowsTheWallClockOfItsZone(String expression, String zone, String now, String expected) {
        assertThat(cron(expression, ZoneId.of(zone)).first(at(now))).isEqualTo(at(expected));
    }

    @Test
    void aCronPassIsFollowedByTheNextTimeStrictlyAfterItsStart() {
        PassSchedule schedule = cron("*/10 * * * * ?", UTC);

        assertThat(schedule.next(at("2026-11-25T10:00:00Z"))).isEqualTo(at("2026-11-25T10:00:10Z"));
        assertThat(schedule.next(at("2026-11-25T10:00:03Z"))).isEqualTo(at("2026-11-25T10:00:10Z"));
    }
}
