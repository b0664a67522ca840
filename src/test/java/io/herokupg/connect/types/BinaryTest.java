/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's binary forms, written here as its send functions write them, decoded to the values the text path
 * gives (TypeFidelityIT compares both with the server's own output).
 */
class BinaryTest {

    @Test
    void numericsKeepTheirDisplayScaleAndSign() throws IOException {
        assertThat(numeric(3, 1, false, 1, 2345, 6780)).isEqualTo("12345.678");
        assertThat(numeric(2, 0, true, 7, 5000)).isEqualTo("-7.50");
        assertThat(numeric(2, -1, false)).isEqualTo("0.00");
        // A non-zero digit past the display scale (PostgreSQL rounds to it, so never sends one) is kept, not rounded.
        assertThat(numeric(0, -2, false, 1)).isEqualTo("0.00000001");
        assertThat(numeric(4, -1, false, 5)).isEqualTo("0.0005");
        assertThat(numeric(0, 5, false, 12)).isEqualTo("1200000000000000000000");
        // More than four base-10000 digits: past a long.
        assertThat(numeric(0, 5, true, 9999, 9999, 9999, 9999, 9999, 9999)).isEqualTo("-999999999999999999999999");
        assertThat(numeric(12, 0, false, 3, 1415, 9265, 3589)).isEqualTo("3.141592653589");
        assertThat(numeric(14, 0, false, 3, 1415, 9265, 3589)).isEqualTo("3.14159265358900");
    }

    @Test
    void specialNumericsAreNamedAsPostgresPrintsThem() throws IOException {
        assertThat(Binary.numeric(bytes(out -> numericHeader(out, 0, 0, 0xC000, 0)), 0).text()).isEqualTo("NaN");
        assertThat(Binary.numeric(bytes(out -> numericHeader(out, 0, 0, 0xD000, 0)), 0).text()).isEqualTo("Infinity");
        Binary.Numeric minus = Binary.numeric(bytes(out -> numericHeader(out, 0, 0, 0xF000, 0)), 0);
        assertThat(minus.text()).isEqualTo("-Infinity");
        assertThat(((Binary.Special) minus).toDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void timestampsCountFrom2000AndKeepTheInfinities() throws IOException {
        long epoch2000 = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli() * 1000;
        assertThat(Binary.epochMicros(bytes(out -> out.writeLong(0)), 0)).isEqualTo(epoch2000);
        assertThat(Binary.epochMicros(bytes(out -> out.writeLong(-epoch2000 - 1)), 0)).isEqualTo(-1);
        assertThat(Binary.epochMicros(bytes(out -> out.writeLong(Long.MAX_VALUE)), 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(Binary.epochMicros(bytes(out -> out.writeLong(Long.MIN_VALUE)), 0)).isEqualTo(Long.MIN_VALUE);
        // PostgreSQL's last timestamp, 294276-12-31 23:59:59.999999, is past what 64-bit microseconds since 1970 hold.
        byte[] last = bytes(out -> out.writeLong(9_223_371_331_199_999_999L));
        assertThatThrownBy(() -> Binary.epochMicros(last, 0)).isInstanceOf(DecodeException.class)
            .hasMessageContaining("294,246");
        byte[] sentinel = bytes(out -> out.writeLong(Long.MAX_VALUE - epoch2000));
        assertThatThrownBy(() -> Binary.epochMicros(sentinel, 0)).isInstanceOf(DecodeException.class);
    }

    @Test
    void datesCountFrom2000() throws IOException {
        assertThat(Binary.epochDay(bytes(out -> out.writeInt(0)), 0))
            .isEqualTo((int) LocalDate.of(2000, 1, 1).toEpochDay());
        assertThat(Binary.epochDay(bytes(out -> out.writeInt(-2_451_545)), 0))
            .isEqualTo((int) LocalDate.of(-4713, 11, 24).toEpochDay());
        assertThat(Binary.epochDay(bytes(out -> out.writeInt(Integer.MAX_VALUE)), 0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(Binary.epochDay(bytes(out -> out.writeInt(Integer.MIN_VALUE)), 0)).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void timesWithZonesPrintAsTheTextPathDoes() throws IOException {
        assertThat(Binary.offsetTime(timetz(49_500_500_000L, -20_700), 0)).isEqualTo("13:45:00.5+05:45")
            .isEqualTo(Temporals.offsetTime("13:45:00.5+05:45"));
        assertThat(Binary.offsetTime(timetz(28_800_000_000L, 0), 0)).isEqualTo("08:00:00Z")
            .isEqualTo(Temporals.offsetTime("08:00:00+00"));
        assertThat(Binary.offsetTime(timetz(43_200_000_001L, -21_208), 0)).isEqualTo("12:00:00.000001+05:53:28")
            .isEqualTo(Temporals.offsetTime("12:00:00.000001+05:53:28"));
        assertThat(Binary.offsetTime(timetz(86_400_000_000L, 3_600), 0)).isEqualTo("24:00:00-01:00");
    }

    @Test
    void intervalsKeepEveryFieldAndPostgres17Infinities() throws IOException {
        byte[] mixed = bytes(out -> {
            out.writeLong(-(4 * 3_600_000_000L + 5 * 60_000_000L + 6_789_000L));
            out.writeInt(3);
            out.writeInt(-14);
        });
        assertThat(Intervals.iso8601(Binary.interval(mixed, 0))).isEqualTo("P-1Y-2M3DT-4H-5M-6.789S")
            .isEqualTo(Intervals.iso8601("-1 years -2 mons +3 days -04:05:06.789"));
        byte[] infinity = bytes(out -> {
            out.writeLong(Long.MAX_VALUE);
            out.writeInt(Integer.MAX_VALUE);
            out.writeInt(Integer.MAX_VALUE);
        });
        assertThat(Intervals.iso8601(Binary.interval(infinity, 0))).isEqualTo("infinity");
        assertThat(Intervals.micros(Binary.interval(infinity, 0))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void jsonbStartsWithItsVersion() throws IOException {
        byte[] value = bytes(out -> {
            out.writeByte(1);
            out.write("{\"a\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        assertThat(Binary.jsonb(value, 0, value.length)).isEqualTo("{\"a\": 1}");
        value[0] = 2;
        assertThatThrownBy(() -> Binary.jsonb(value, 0, value.length)).isInstanceOf(DecodeException.class)
            .hasMessageContaining("version 2");
    }

    @Test
    void uuidsPrintInLowerCase() throws IOException {
        byte[] value = bytes(out -> {
            out.writeLong(0xA0EEBC999C0B4EF8L);
            out.writeLong(0xBB6D6BB9BD380A11L);
        });
        assertThat(Binary.uuid(value, 0)).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    }

    private static String numeric(int displayScale, int weight, boolean negative, int... digits) throws IOException {
        byte[] value = bytes(out -> {
            numericHeader(out, digits.length, weight, negative ? 0x4000 : 0, displayScale);
            for (int digit : digits) {
                out.writeShort(digit);
            }
        });
        Binary.Numeric numeric = Binary.numeric(value, 0);
        assertThat(numeric).isInstanceOf(Binary.Finite.class);
        BigDecimal decimal = ((Binary.Finite) numeric).value();
        assertThat(decimal.toPlainString()).isEqualTo(numeric.text());
        return numeric.text();
    }

    private static void numericHeader(DataOutputStream out, int digits, int weight, int sign, int displayScale)
        throws IOException {
        out.writeShort(digits);
        out.writeShort(weight);
        out.writeShort(sign);
        out.writeShort(displayScale);
    }

    private static byte[] timetz(long micros, int secondsWest) throws IOException {
        return bytes(out -> {
            out.writeLong(micros);
            out.writeInt(secondsWest);
        });
    }

    @FunctionalInterface
    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        }
        return bytes.toByteArray();
    }
}
