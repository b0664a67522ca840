/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Arrays;
import java.util.Locale;

/**
 * How values of some types are represented ({@link TypesFragment}); the defaults keep every value exact.
 *
 * @param decimal     numeric(p,s) and money
 * @param time        date, time, timestamp, timestamptz
 * @param interval    interval
 * @param binary      bytea
 * @param hstore      hstore
 * @param unsupported columns of types without an exact mapping
 * @param headers     whether records carry the _heroku metadata headers
 * @param fieldNames  how column names become field names
 */
public record TypeHandling(DecimalMode decimal, TimeMode time, IntervalMode interval, BinaryMode binary,
                           HstoreMode hstore, UnsupportedMode unsupported, boolean headers, FieldNameMode fieldNames) {

    /** The defaults. */
    public static final TypeHandling DEFAULT = new TypeHandling(DecimalMode.PRECISE,
        TimeMode.ADAPTIVE_TIME_MICROSECONDS, IntervalMode.STRING, BinaryMode.BYTES, HstoreMode.MAP,
        UnsupportedMode.FAIL, false);

    /** Handling that keeps column names as field names. */
    public TypeHandling(DecimalMode decimal, TimeMode time, IntervalMode interval, BinaryMode binary,
                        HstoreMode hstore, UnsupportedMode unsupported, boolean headers) {
        this(decimal, time, interval, binary, hstore, unsupported, headers, FieldNameMode.NONE);
    }

    public enum DecimalMode { PRECISE, DOUBLE, STRING }

    public enum TimeMode { ADAPTIVE_TIME_MICROSECONDS, CONNECT }

    public enum IntervalMode { STRING, NUMERIC }

    public enum BinaryMode { BYTES, BASE64, HEX }

    public enum HstoreMode { MAP, JSON }

    public enum UnsupportedMode { FAIL, SKIP, STRING }

    public enum FieldNameMode { NONE, AVRO, AVRO_UNICODE }

    static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(TypesFragment::text).toArray(String[]::new);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    }
}
