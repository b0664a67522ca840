/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Parsers of the text PostgreSQL prints for dates and times with {@code DateStyle = ISO} (which PgJDBC sessions
 * use): {@code 2024-02-29}, {@code 0044-03-15 BC}, {@code 10000-01-01 00:00:00}, {@code 13:45:00.5+05:45},
 * {@code 1901-01-01 00:00:00-03:30:52}, {@code infinity}. The calendar is the proleptic Gregorian one, as
 * PostgreSQL's; year 1 BC is year 0.
 */
final class Temporals {
    /** +infinity and -infinity of timestamp and timestamptz, in microseconds; what PostgreSQL stores internally. */
    static final long INFINITY_MICROS = Long.MAX_VALUE;
    static final long MINUS_INFINITY_MICROS = Long.MIN_VALUE;
    /** +infinity and -infinity of date, in days since 1970-01-01. */
    static final int INFINITY_DAYS = Integer.MAX_VALUE;
    static final int MINUS_INFINITY_DAYS = Integer.MIN_VALUE;

    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400_000_000L;

    private Temporals() {
    }

    /** A date as days since 1970-01-01; ±infinity as {@link #INFINITY_DAYS} and {@link #MINUS_INFINITY_DAYS}. */
    static int epochDay(String text) {
        return switch (text) {
            case "infinity" -> INFINITY_DAYS;
            case "-infinity" -> MINUS_INFINITY_DAYS;
            default -> {
                Cursor in = new Cursor(text);
                in.date();
                in.era();
                in.end();
                yield Math.toIntExact(in.epochDay());
            }
        };
    }

    /** A time of day as microseconds since midnight (24:00:00 is 86,400,000,000). */
    static long microsOfDay(String text) {
        Cursor in = new Cursor(text);
        long micros = in.time();
        in.end();
        return micros;
    }

    /**
     * A time with time zone as ISO-8601 text, the offset as PostgreSQL keeps it: {@code 13:45:00.5+05:45},
     * {@code 08:00:00Z}, {@code 12:00:00+05:53:28}.
     */
    static String offsetTime(String text) {
        Cursor in = new Cursor(text);
        in.time();
        int timeEnd = in.pos;
        int offsetSeconds = in.offset();
        in.end();
        return text.substring(0, timeEnd) + ZoneOffset.ofTotalSeconds(offsetSeconds).getId();
    }

    /** A timestamp (without time zone) as microseconds since 1970-01-01 00:00:00; ±infinity as the long's ends. */
    static long localMicros(String text) {
        return timestamp(text, false);
    }

    /** A timestamptz as microseconds since 1970-01-01 00:00:00 UTC; ±infinity as the long's ends. */
    static long instantMicros(String text) {
        return timestamp(text, true);
    }

    private static long timestamp(String text, boolean zoned) {
        switch (text) {
            case "infinity":
                return INFINITY_MICROS;
            case "-infinity":
                return MINUS_INFINITY_MICROS;
            default:
                break;
        }
        Cursor in = new Cursor(text);
        in.date();
        in.expect(' ');
        long time = in.time();
        int offset = zoned ? in.offset() : 0;
        in.era();
        in.end();
        long day = in.epochDay();
        try {
            long micros = Math.addExact(Math.multiplyExact(day, MICROS_PER_DAY), time);
            micros = Math.subtractExact(micros, offset * MICROS_PER_SECOND);
            if (micros == INFINITY_MICROS || micros == MINUS_INFINITY_MICROS) {
                throw new ArithmeticException("the infinity sentinel");
            }
            return micros;
        } catch (ArithmeticException e) {
            throw new DecodeException("holds " + text + ", too far from 1970 for 64-bit microseconds (years up to"
                + " 294,246 fit); leave the column out with column.exclude.list", e);
        }
    }

    /** A position in date/time text. */
    private static final class Cursor {
        private final String text;
        private int pos;
        private int year;
        private int month;
        private int day;
        private boolean bc;

        Cursor(String text) {
            this.text = text;
        }

        /** {@code YYYY-MM-DD} (four or more year digits). */
        void date() {
            year = (int) number(4, 7);
            expect('-');
            month = (int) number(2, 2);
            expect('-');
            day = (int) number(2, 2);
        }

        /** The date read, after its era: days since 1970-01-01. Year N BC is ISO year 1 - N. */
        long epochDay() {
            try {
                return LocalDate.of(bc ? 1 - year : year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                throw bad();
            }
        }

        /** {@code HH:MM:SS[.ffffff]}: microseconds since midnight. */
        long time() {
            long hours = number(2, 2);
            expect(':');
            long minutes = number(2, 2);
            expect(':');
            long seconds = number(2, 2);
            long micros = 0;
            if (peek() == '.') {
                pos++;
                int start = pos;
                micros = number(1, 6);
                for (int digits = pos - start; digits < 6; digits++) {
                    micros *= 10;
                }
            }
            long total = ((hours * 60 + minutes) * 60 + seconds) * MICROS_PER_SECOND + micros;
            if (minutes > 59 || seconds > 60 || total > MICROS_PER_DAY) {
                throw bad();
            }
            return total;
        }

        /** {@code ±HH[:MM[:SS]]}: the offset east of UTC in seconds. */
        int offset() {
            char sign = next();
            if (sign != '+' && sign != '-') {
                throw bad();
            }
            int seconds = (int) number(2, 2) * 3600;
            if (peek() == ':') {
                pos++;
                seconds += (int) number(2, 2) * 60;
                if (peek() == ':') {
                    pos++;
                    seconds += (int) number(2, 2);
                }
            }
            return sign == '-' ? -seconds : seconds;
        }

        /** An optional {@code " BC"}. */
        void era() {
            if (text.startsWith(" BC", pos)) {
                bc = true;
                pos += 3;
            }
        }

        private long number(int minDigits, int maxDigits) {
            int start = pos;
            long value = 0;
            while (pos < text.length() && pos - start < maxDigits && isAsciiDigit(text.charAt(pos))) {
                value = value * 10 + (text.charAt(pos++) - '0');
            }
            if (pos - start < minDigits) {
                throw bad();
            }
            return value;
        }

        /** PostgreSQL prints ASCII digits only (Character.isDigit would also accept other scripts' digits). */
        private static boolean isAsciiDigit(char c) {
            return c >= '0' && c <= '9';
        }

        char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        char next() {
            if (pos >= text.length()) {
                throw bad();
            }
            return text.charAt(pos++);
        }

        void expect(char c) {
            if (next() != c) {
                throw bad();
            }
        }

        void end() {
            if (pos != text.length()) {
                throw bad();
            }
        }

        private DecodeException bad() {
            return new DecodeException("holds text that is no ISO date or time: " + text);
        }
    }
}
