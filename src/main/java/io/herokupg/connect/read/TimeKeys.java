/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.config.ReplicationSettings;

/**
 * The re-read bound of an INCREMENTAL table whose key is a time ({@code timestamptz}, {@code timestamp},
 * {@code date}), from the database's clock rather than from the keys emitted: a transaction that started at or after
 * the horizon writes keys from the horizon on, less the clock skew a writer's key may have (an application's clock,
 * as Rails' {@code updated_at}). So one wild key (a typo in 2205, {@code infinity}, a skewed clock) never raises the
 * bound above the rows written after it. A {@code timestamp} or {@code date} holds local times of a zone: across an
 * autumn clock change they fall back, so the bound is the lowest local time from the horizon on.
 */
final class TimeKeys {
    private static final Set<String> TYPES = Set.of("timestamptz", "timestamp", "date");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS",
        Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);

    private TimeKeys() {
    }

    /** Whether the key's type is a time, whose bound comes from the clock. */
    static boolean isTime(ColumnInfo key) {
        return TYPES.contains(key.typeName());
    }

    /**
     * The re-read bound for a pass whose horizon is {@code horizonMicros}, as a literal of the key's type; empty for
     * a key that is not a time.
     */
    static Optional<String> low(ColumnInfo key, long horizonMicros, ReplicationSettings.KeyClock clock) {
        if (!isTime(key)) {
            return Optional.empty();
        }
        Instant horizon = Instant.EPOCH.plus(Duration.ofNanos(Math.multiplyExact(horizonMicros, 1000L)))
            .minus(clock.skew()).minus(Duration.ofNanos(margin(key) * 1000));
        return Optional.of(switch (key.typeName()) {
            case "timestamptz" -> LOCAL.format(LocalDateTime.ofInstant(horizon, ZoneOffset.UTC)) + "+00";
            case "timestamp" -> LOCAL.format(lowestLocal(horizon, clock.zone()));
            default -> DATE.format(lowestLocal(horizon, clock.zone()).toLocalDate());
        });
    }

    /**
     * The lowest local time in the zone from this instant on: the local time now, or, if the clocks go back within
     * the next transition's shift, the local time just after it. (The transition after that is months later.)
     */
    static LocalDateTime lowestLocal(Instant from, ZoneId zone) {
        LocalDateTime now = LocalDateTime.ofInstant(from, zone);
        ZoneOffsetTransition next = zone.getRules().nextTransition(from);
        if (next == null || !next.isOverlap()) {
            return now;
        }
        LocalDateTime after = next.getDateTimeAfter();
        return after.isBefore(now) ? after : now;
    }

    /** The key's rounding: a timestamp(p) with p &lt; 6 may round a writer's clock down by half its unit. */
    private static long margin(ColumnInfo key) {
        int precision = key.typmod() >= 0 && key.typmod() <= 6 ? key.typmod() : 6;
        long unit = 1;
        for (int i = precision; i < 6; i++) {
            unit *= 10;
        }
        // And the rounding of server times to microseconds through a float on old servers.
        return unit + 1_000;
    }
}
