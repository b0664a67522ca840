/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Intervals from IntervalStyle=postgres text to ISO-8601 and to microseconds. */
class IntervalsTest {

    @Test
    void isoFormKeepsEveryField() {
        assertThat(Intervals.iso8601("00:00:00")).isEqualTo("P0Y0M0DT0H0M0S");
        assertThat(Intervals.iso8601("3 days 00:00:04.5")).isEqualTo("P0Y0M3DT0H0M4.5S");
        assertThat(Intervals.iso8601("1 year 2 mons 3 days 04:05:06.789")).isEqualTo("P1Y2M3DT4H5M6.789S");
        assertThat(Intervals.iso8601("-1 years -2 mons +3 days -04:05:06.789")).isEqualTo("P-1Y-2M3DT-4H-5M-6.789S");
        assertThat(Intervals.iso8601("1 day -00:00:00.000001")).isEqualTo("P0Y0M1DT0H0M-0.000001S");
        assertThat(Intervals.iso8601("100:00:00")).isEqualTo("P0Y0M0DT100H0M0S");
        assertThat(Intervals.iso8601("-178956970 years -8 mons -2147483648 days -2562047788:00:54.775808"))
            .isEqualTo("P-178956970Y-8M-2147483648DT-2562047788H0M-54.775808S");
        assertThat(Intervals.iso8601("infinity")).isEqualTo("infinity");
    }

    @Test
    void microsecondsCountAYearAs365AndAQuarterDaysAndAMonthAs30() {
        long day = 86_400_000_000L;
        assertThat(Intervals.micros("1 year")).isEqualTo(365 * day + day / 4);
        assertThat(Intervals.micros("1 mon")).isEqualTo(30 * day);
        assertThat(Intervals.micros("1 year 13 mons")).isEqualTo(2 * (365 * day + day / 4) + 30 * day);
        assertThat(Intervals.micros("-1 days +00:00:01.5")).isEqualTo(-day + 1_500_000);
        assertThat(Intervals.micros("-2562047788:00:54.775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Intervals.micros("infinity")).isEqualTo(Long.MAX_VALUE);
        assertThat(Intervals.micros("-infinity")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void intervalsTooLongForMicrosecondsFailNamingTheWayOut() {
        assertThatThrownBy(() -> Intervals.micros("178956970 years")).isInstanceOf(DecodeException.class)
            .hasMessageContaining("interval.handling.mode=string");
    }

    @Test
    void otherStylesAreRefused() {
        for (String text : new String[] {"P1Y", "@ 1 year", "1 year 2", "1 fortnight", "1:2", "1-2 3 4:05:06"}) {
            assertThatThrownBy(() -> Intervals.parse(text)).as(text).isInstanceOf(DecodeException.class);
        }
    }
}
