/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Per-key validators; each names the key and says what is allowed, and describes itself for the docs. */
final class Validators {
    private Validators() {
    }

    /** One of the given values, ignoring case; lists them in the given order. */
    static ConfigDef.Validator oneOfIgnoringCase(String... allowed) {
        List<String> values = List.of(allowed);
        return new Described("one of " + String.join(", ", values), (name, value) -> {
            if (value != null && values.stream().noneMatch(v -> v.equalsIgnoreCase(value.toString().trim()))) {
                throw new ConfigException(name, value, "must be one of " + String.join(", ", values));
            }
        });
    }

    /** A non-empty list of the given values (exact, case-sensitive), each at most once. */
    static ConfigDef.Validator listOf(String... allowed) {
        List<String> values = List.of(allowed);
        return new Described("any of " + String.join(", ", values), (name, value) -> {
            List<?> items = (List<?>) value;
            if (items == null || items.isEmpty()) {
                throw new ConfigException(name, value, "must name at least one of " + String.join(", ", values));
            }
            for (Object item : items) {
                if (!values.contains(item.toString().trim())) {
                    throw new ConfigException(name, item, "must be one of " + String.join(", ", values));
                }
            }
        });
    }

    /** Empty, or a time of day HH:mm[:ss] with an optional trailing Z. */
    static ConfigDef.Validator timeOfDay() {
        return new Described("HH:mm or HH:mm:ss, optionally followed by Z", (name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                try {
                    anchorTime(value.toString());
                } catch (DateTimeParseException e) {
                    throw new ConfigException(name, value, "must be a time of day such as 02:00 or 02:00:30Z");
                }
            }
        });
    }

    /** The time of an anchor value, without its optional Z. */
    static LocalTime anchorTime(String value) {
        String trimmed = value.trim();
        return LocalTime.parse(trimmed.endsWith("Z") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
    }

    /** Empty, or a cron expression cron-utils accepts. */
    static ConfigDef.Validator cron() {
        return new Described("a cron expression (Quartz with seconds, or five fields)", (name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                try {
                    CronExpressions.parse(value.toString());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, "not a valid cron expression: " + e.getMessage());
                }
            }
        });
    }

    /** A time-zone id such as UTC or Europe/Paris. */
    static ConfigDef.Validator timeZone() {
        return new Described("a time-zone id, e.g. UTC or Europe/Paris", (name, value) -> {
            try {
                ZoneId.of(value.toString().trim());
            } catch (DateTimeException e) {
                throw new ConfigException(name, value, "not a known time zone (use e.g. UTC or Europe/Paris)");
            }
        });
    }

    /** Characters Kafka allows in topic names, or empty. */
    static ConfigDef.Validator topicNamePart() {
        Pattern valid = Pattern.compile("[a-zA-Z0-9._-]*");
        return new Described("ASCII letters, digits, '.', '_', '-'", (name, value) -> {
            if (value != null && !valid.matcher(value.toString()).matches()) {
                throw new ConfigException(name, value,
                    "may contain only ASCII letters, digits, '.', '_' and '-', as Kafka topic names");
            }
        });
    }

    /** A list each of whose items is a valid Java regular expression; names the item and the position at fault. */
    static ConfigDef.Validator regexList() {
        return new Described("comma-separated Java regular expressions", (name, value) -> {
            if (value == null) {
                return;
            }
            for (Object item : (List<?>) value) {
                try {
                    Pattern.compile(item.toString().trim());
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(name, item, "not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
                }
            }
        });
    }

    /** A validator with a description for the generated docs. */
    private record Described(String description, ConfigDef.Validator check) implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            check.ensureValid(name, value);
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
