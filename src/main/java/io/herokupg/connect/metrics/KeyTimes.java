/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time replication key's value (PostgreSQL's ISO text) as epoch milliseconds, for the replication lag. A
 * {@code timestamp} without time zone is taken as UTC. Other key types, infinity and BC dates have no time.
 */
final class KeyTimes {
    private static final Pattern OFFSET = Pattern.compile("([+-]\\d{2})(?::?(\\d{2}))?(?::(\\d{2}))?$");

    private KeyTimes() {
    }

    static OptionalLong epochMs(String sqlType, String text) {
        String type = sqlType.toLowerCase(Locale.ROOT);
        if (text == null || !(type.startsWith("timestamp") || type.equals("date"))) {
            return OptionalLong.empty();
        }
        try {
            if (type.equals("date")) {
                return OptionalLong.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
            }
            String iso = text.replace(' ', 'T');
            if (!type.contains("with time zone")) {
                return OptionalLong.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli());
            }
            Matcher m = OFFSET.matcher(iso);
            if (!m.find()) {
                return OptionalLong.empty();
            }
            String offset = m.group(1) + ":" + (m.group(2) == null ? "00" : m.group(2))
                + (m.group(3) == null ? "" : ":" + m.group(3));
            return OptionalLong.of(OffsetDateTime.parse(iso.substring(0, m.start()) + offset).toInstant()
                .toEpochMilli());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }
}
