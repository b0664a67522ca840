/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.math.BigDecimal;

/**
 * PostgreSQL intervals from their text with {@code IntervalStyle = postgres} (which the connector's sessions set),
 * e.g. {@code -1 years -2 mons +3 days -04:05:06.789}. An interval keeps months, days and microseconds apart, and so
 * does the ISO-8601 form; the numeric form counts a year as 365.25 days and a month as 30 days, as PostgreSQL's
 * {@code extract(epoch from …)} and Debezium's {@code MicroDuration} do.
 */
final class Intervals {
    private static final long MICROS_PER_MINUTE = 60_000_000L;
    private static final long MICROS_PER_HOUR = 3_600_000_000L;
    private static final long MICROS_PER_YEAR = 31_557_600_000_000L;
    private static final long MICROS_PER_MONTH = 30 * Temporals.MICROS_PER_DAY;

    /** An interval's three fields; {@code infinite} is +1 or -1 for PostgreSQL 17's infinite intervals, else 0. */
    record Parts(long months, long days, long micros, int infinite) {
    }

    private Intervals() {
    }

    static Parts parse(String text) {
        switch (text) {
            case "infinity":
                return new Parts(0, 0, 0, 1);
            case "-infinity":
                return new Parts(0, 0, 0, -1);
            default:
                break;
        }
        long months = 0;
        long days = 0;
        long micros = 0;
        String[] tokens = text.split(" ");
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.indexOf(':') >= 0) {
                micros = time(token, text);
                continue;
            }
            if (i + 1 >= tokens.length) {
                throw bad(text);
            }
            long number = number(token, text);
            switch (tokens[++i]) {
                case "year", "years" -> months += number * 12;
                case "mon", "mons" -> months += number;
                case "day", "days" -> days += number;
                default -> throw bad(text);
            }
        }
        return new Parts(months, days, micros, 0);
    }

    /** {@code [+-]H:MM:SS[.ffffff]}, hours unbounded, as signed microseconds (down to Long.MIN_VALUE). */
    private static long time(String token, String text) {
        boolean negative = token.charAt(0) == '-';
        String[] hms = token.substring(token.charAt(0) == '-' || token.charAt(0) == '+' ? 1 : 0).split(":");
        if (hms.length != 3) {
            throw bad(text);
        }
        long sign = negative ? -1 : 1;
        long seconds;
        try {
            seconds = new BigDecimal(hms[2]).movePointRight(6).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw bad(text);
        }
        // Each part signed before adding, so that the most negative interval does not overflow on the way.
        return sign * number(hms[0], text) * MICROS_PER_HOUR + sign * (number(hms[1], text) * MICROS_PER_MINUTE
            + seconds);
    }

    private static long number(String token, String text) {
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw bad(text);
        }
    }

    private static DecodeException bad(String text) {
        return new DecodeException("holds text that is no interval of IntervalStyle postgres: " + text);
    }

    /**
     * ISO-8601 with every field, e.g. {@code P1Y2M3DT4H5M6.789S}, {@code P-1Y-2M3DT-4H-5M-6S}; PostgreSQL 17's
     * infinite intervals as {@code infinity} and {@code -infinity}.
     */
    static String iso8601(String text) {
        return iso8601(parse(text));
    }

    /** {@link #iso8601(String)} of an interval's fields. */
    static String iso8601(Parts parts) {
        if (parts.infinite() != 0) {
            return parts.infinite() > 0 ? "infinity" : "-infinity";
        }
        long micros = parts.micros();
        BigDecimal seconds = BigDecimal.valueOf(micros % MICROS_PER_MINUTE, 6).stripTrailingZeros();
        return "P" + parts.months() / 12 + "Y" + parts.months() % 12 + "M" + parts.days() + "DT"
            + micros / MICROS_PER_HOUR + "H" + micros % MICROS_PER_HOUR / MICROS_PER_MINUTE + "M"
            + seconds.toPlainString() + "S";
    }

    /**
     * Microseconds, a year counting 365.25 days and a month 30 days; infinite intervals as the long's ends.
     *
     * @throws DecodeException when the interval does not fit
     */
    static long micros(String text) {
        return micros(parse(text));
    }

    /** {@link #micros(String)} of an interval's fields. */
    static long micros(Parts parts) {
        if (parts.infinite() != 0) {
            return parts.infinite() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        try {
            long total = Math.multiplyExact(parts.months() / 12, MICROS_PER_YEAR);
            total = Math.addExact(total, Math.multiplyExact(parts.months() % 12, MICROS_PER_MONTH));
            total = Math.addExact(total, Math.multiplyExact(parts.days(), Temporals.MICROS_PER_DAY));
            return Math.addExact(total, parts.micros());
        } catch (ArithmeticException e) {
            throw new DecodeException("holds the interval " + iso8601(parts) + ", which does not fit in 64-bit"
                + " microseconds; set interval.handling.mode=string", e);
        }
    }
}
