/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * PostgreSQL's binary representations of values ({@code typsend}, as {@code COPY … (FORMAT binary)} sends them),
 * read from a row's bytes: big-endian integers, IEEE floats, numeric's base-10000 digits, times as microseconds since
 * 2000-01-01. Each method reads one field that starts at {@code offset} and is {@code length} bytes long. See
 * PostgreSQL's {@code src/backend/utils/adt} ({@code int8send}, {@code numeric_send}, {@code timestamp_send},
 * {@code interval_send}, {@code timetz_send}, {@code uuid_send}, {@code jsonb_send}).
 */
final class Binary {
    /** 2000-01-01, PostgreSQL's epoch, in days and microseconds since 1970-01-01. */
    static final int PG_EPOCH_DAYS = 10_957;
    static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * Temporals.MICROS_PER_DAY;

    private static final int NUMERIC_NEG = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L};
    /** Up to this many base-10000 digits fit a long. */
    private static final int LONG_DIGITS = 4;

    private Binary() {
    }

    static short int16(byte[] b, int offset) {
        return (short) ((b[offset] & 0xFF) << 8 | b[offset + 1] & 0xFF);
    }

    static int int32(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 24 | (b[offset + 1] & 0xFF) << 16 | (b[offset + 2] & 0xFF) << 8
            | b[offset + 3] & 0xFF;
    }

    static long int64(byte[] b, int offset) {
        return (long) int32(b, offset) << 32 | int32(b, offset + 4) & 0xFFFF_FFFFL;
    }

    /** Text in the client encoding, which PgJDBC sets to UTF-8. */
    static String utf8(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.UTF_8);
    }

    /** jsonb: a format version (1), then the text {@code jsonb_out} prints. */
    static String jsonb(byte[] b, int offset, int length) {
        if (length < 1 || b[offset] != 1) {
            throw new DecodeException("holds jsonb in an unknown binary format version "
                + (length < 1 ? "(none)" : Integer.toString(b[offset])));
        }
        return utf8(b, offset + 1, length - 1);
    }

    /** uuid: 16 bytes, printed as {@code uuid_out} does (lower case). */
    static String uuid(byte[] b, int offset) {
        return new UUID(int64(b, offset), int64(b, offset + 8)).toString();
    }

    /** A date as days since 1970-01-01; ±infinity (the int's ends on the wire too) stay the int's ends. */
    static int epochDay(byte[] b, int offset) {
        int days = int32(b, offset);
        if (days == Temporals.INFINITY_DAYS || days == Temporals.MINUS_INFINITY_DAYS) {
            return days;
        }
        return days + PG_EPOCH_DAYS;
    }

    /**
     * A timestamp as microseconds since 1970-01-01 (UTC for timestamptz); ±infinity stay the long's ends.
     *
     * @throws DecodeException for the years after 294,246 AD, which do not fit
     */
    static long epochMicros(byte[] b, int offset) {
        long micros = int64(b, offset);
        if (micros == Temporals.INFINITY_MICROS || micros == Temporals.MINUS_INFINITY_MICROS) {
            return micros;
        }
        long epoch = micros + PG_EPOCH_MICROS;
        // Overflow past Long.MAX_VALUE (PostgreSQL's range ends in 294276 AD) or landing on the infinity sentinel.
        if (epoch < micros || epoch == Temporals.INFINITY_MICROS) {
            throw new DecodeException("holds a timestamp after 294,246 AD, too far from 1970 for 64-bit microseconds;"
                + " leave the column out with column.exclude.list");
        }
        return epoch;
    }

    /**
     * timetz as ISO-8601 with the value's own offset, as {@link Temporals#offsetTime} makes of its text: the time as
     * PostgreSQL prints it (fraction without trailing zeros), then the offset ({@code Z}, {@code +05:45},
     * {@code +05:53:28}). On the wire: microseconds of the day, then the zone in seconds <em>west</em> of UTC.
     */
    static String offsetTime(byte[] b, int offset) {
        long micros = int64(b, offset);
        int west = int32(b, offset + 8);
        return timeOfDay(micros) + ZoneOffset.ofTotalSeconds(-west).getId();
    }

    /** {@code HH:MM:SS[.ffffff]} as {@code time_out} prints it: trailing zeros of the fraction dropped. */
    static String timeOfDay(long micros) {
        long seconds = micros / Temporals.MICROS_PER_SECOND;
        int fraction = (int) (micros % Temporals.MICROS_PER_SECOND);
        StringBuilder text = new StringBuilder(15);
        twoDigits(text, seconds / 3600).append(':');
        twoDigits(text, seconds / 60 % 60).append(':');
        twoDigits(text, seconds % 60);
        if (fraction != 0) {
            String digits = Integer.toString(1_000_000 + fraction).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(digits, 0, end);
        }
        return text.toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, long value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** interval: microseconds, days, months; PostgreSQL 17's ±infinity are every field at its type's end. */
    static Intervals.Parts interval(byte[] b, int offset) {
        long micros = int64(b, offset);
        int days = int32(b, offset + 8);
        int months = int32(b, offset + 12);
        if (months == Integer.MAX_VALUE && days == Integer.MAX_VALUE && micros == Long.MAX_VALUE) {
            return new Intervals.Parts(0, 0, 0, 1);
        }
        if (months == Integer.MIN_VALUE && days == Integer.MIN_VALUE && micros == Long.MIN_VALUE) {
            return new Intervals.Parts(0, 0, 0, -1);
        }
        return new Intervals.Parts(months, days, micros, 0);
    }

    /** A numeric value: exact, or one of the special values PostgreSQL's numeric has. */
    sealed interface Numeric permits Finite, Special {
        /** The text {@code numeric_out} prints. */
        String text();
    }

    /** A number, with the scale PostgreSQL displays it with ({@code dscale}). */
    record Finite(BigDecimal value) implements Numeric {
        @Override
        public String text() {
            return value.toPlainString();
        }
    }

    /** {@code NaN}, {@code Infinity}, {@code -Infinity} (the last two since PostgreSQL 14). */
    record Special(String text) implements Numeric {
        double toDouble() {
            return Double.parseDouble(text);
        }
    }

    private static final Special NAN = new Special("NaN");
    private static final Special INFINITY = new Special("Infinity");
    private static final Special MINUS_INFINITY = new Special("-Infinity");

    /** Up to four base-10000 digits as a long, with a sign. */
    private static long smallDigits(byte[] b, int first, int digits, boolean negative) {
        long unscaled = 0;
        for (int i = 0; i < digits; i++) {
            unscaled = unscaled * 10_000 + int16(b, first + 2 * i);
        }
        return negative ? -unscaled : unscaled;
    }

    /** Base-10000 digits as decimal text, with a sign. */
    private static String digitText(byte[] b, int first, int digits, boolean negative) {
        StringBuilder text = new StringBuilder(digits * 4 + 1);
        if (negative) {
            text.append('-');
        }
        for (int i = 0; i < digits; i++) {
            String group = Integer.toString(int16(b, first + 2 * i));
            text.append("0000", group.length(), 4).append(group);
        }
        return text.toString();
    }

    private static Special special(int sign) {
        return switch (sign) {
            case NUMERIC_NAN -> NAN;
            case NUMERIC_PINF -> INFINITY;
            case NUMERIC_NINF -> MINUS_INFINITY;
            default -> throw new DecodeException("holds a numeric of an unknown sign " + Integer.toHexString(sign));
        };
    }

    /**
     * numeric: digit count, weight (of the first digit, in powers of 10000), sign, display scale, then the base-10000
     * digits. Trailing zero digits are not sent, so the value is scaled to the display scale (exactly: what is
     * dropped is zeros).
     */
    static Numeric numeric(byte[] b, int offset) {
        int digits = int16(b, offset);
        int weight = int16(b, offset + 2);
        int sign = int16(b, offset + 4) & 0xFFFF;
        int displayScale = int16(b, offset + 6);
        if (sign != 0 && sign != NUMERIC_NEG) {
            return special(sign);
        }
        int first = offset + 8;
        int scale = 4 * (digits - weight - 1);
        BigDecimal value;
        if (digits <= LONG_DIGITS) {
            long unscaled = smallDigits(b, first, digits, sign == NUMERIC_NEG);
            // The common case, straight at the display scale: the dropped digits are zeros (PostgreSQL rounds to it).
            int drop = scale - displayScale;
            if (drop >= 0 && drop < POWERS_OF_TEN.length && unscaled % POWERS_OF_TEN[drop] == 0) {
                return new Finite(BigDecimal.valueOf(unscaled / POWERS_OF_TEN[drop], displayScale));
            }
            value = BigDecimal.valueOf(unscaled, scale);
        } else {
            value = new BigDecimal(new BigInteger(digitText(b, first, digits, sign == NUMERIC_NEG)), scale);
        }
        // The digits beyond the display scale are zeros (PostgreSQL rounds to it); should one not be, keep it.
        return new Finite(scale <= displayScale || value.stripTrailingZeros().scale() <= displayScale
            ? value.setScale(displayScale) : value);
    }
}
