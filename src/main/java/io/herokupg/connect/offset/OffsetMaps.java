/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.Map;
import java.util.Optional;

/** Typed reads from the maps Connect's offset storage hands back (numbers come back as Long, lists as List). */
final class OffsetMaps {
    private OffsetMaps() {
    }

    static String requireString(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a string, is " + describe(value));
        }
        return s;
    }

    static long requireLong(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (!isInteger(value)) {
            throw new IllegalArgumentException("\"" + key + "\" must be an integer, is " + describe(value));
        }
        return ((Number) value).longValue();
    }

    /** True for the integral number types JSON offset storage can hand back. */
    static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    static boolean requireBoolean(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException("\"" + key + "\" must be true or false, is " + describe(value));
        }
        return b;
    }

    /** A string, or empty when the key is absent or null. */
    static Optional<String> optionalString(Map<String, ?> map, String key) {
        return map.get(key) == null ? Optional.empty() : Optional.of(requireString(map, key));
    }

    private static String describe(Object value) {
        return value == null ? "missing" : value.getClass().getSimpleName() + " " + value;
    }
}
