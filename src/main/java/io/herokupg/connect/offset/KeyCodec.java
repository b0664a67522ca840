/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a key of one or more values as one string, since Connect offsets may hold only primitive values
 * ({@code OffsetUtils.validateFormat} rejects lists). Values are joined by ','; in each value '%' becomes "%25" and
 * ',' becomes "%2C", nothing else, so a one-column key is usually stored as it is: {@code 42}, {@code 7,abc},
 * {@code 2024-01-01 00:00:00+00,a%2Cb}.
 */
final class KeyCodec {
    private KeyCodec() {
    }

    static String encode(List<String> values) {
        if (values.size() == 1) {
            return escape(values.get(0));
        }
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                encoded.append(',');
            }
            encoded.append(escape(values.get(i)));
        }
        return encoded.toString();
    }

    private static String escape(String value) {
        if (value.indexOf('%') < 0 && value.indexOf(',') < 0) {
            return value;
        }
        return value.replace("%", "%25").replace(",", "%2C");
    }

    /**
     * {@link #decode(String)} of an offset's field, whose problem names the field ({@code "pk" is malformed: …}).
     *
     * @throws IllegalArgumentException naming the field
     */
    static List<String> decode(String field, String encoded) {
        try {
            return decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + field + "\" is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@link #encode(List)}'s output.
     *
     * @throws IllegalArgumentException on a '%' that does not start "%25" or "%2C"
     */
    static List<String> decode(String encoded) {
        List<String> values = new ArrayList<>();
        for (String part : encoded.split(",", -1)) {
            StringBuilder value = new StringBuilder(part.length());
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c != '%') {
                    value.append(c);
                } else if (part.startsWith("%25", i)) {
                    value.append('%');
                    i += 2;
                } else if (part.regionMatches(true, i, "%2C", 0, 3)) {
                    value.append(',');
                    i += 2;
                } else {
                    throw new IllegalArgumentException("a '%' in a key must start %25 or %2C, at index " + i);
                }
            }
            values.add(value.toString());
        }
        return values;
    }
}
