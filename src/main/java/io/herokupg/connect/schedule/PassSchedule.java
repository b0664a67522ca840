/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import com.cronutils.model.time.ExecutionTime;

import io.herokupg.connect.config.CronExpressions;
import io.herokupg.connect.config.ScheduleSettings;

/**
 * When a table's passes start (Stitch's "Replication Frequency", "Anchor Scheduling" and "Advanced Scheduling"):
 * every interval after the previous start, on an anchored grid, or at the times of a cron expression.
 */
public interface PassSchedule {

    /** When the first pass of a table that has none yet may start. */
    Instant first(Instant now);

    /** When the pass after one that started at {@code previousStart} may start. */
    Instant next(Instant previousStart);

    /** One pass, at once, and never another (a range of a split load). */
    static PassSchedule once() {
        return new PassSchedule() {
            @Override
            public Instant first(Instant now) {
                return now;
            }

            @Override
            public Instant next(Instant previousStart) {
                // Far enough never to come, near enough for durations in milliseconds.
                return previousStart.plus(Duration.ofDays(365L * 100));
            }
        };
    }

    static PassSchedule of(ScheduleSettings settings) {
        if (settings.cron().isPresent()) {
            return cron(settings);
        }
        if (settings.anchor().isPresent()) {
            return anchored(settings);
        }
        Duration interval = settings.interval();
        return new PassSchedule() {
            @Override
            public Instant first(Instant now) {
                return now;
            }

            @Override
            public Instant next(Instant previousStart) {
                return previousStart.plus(interval);
            }
        };
    }

    /**
     * The grid {@code origin + k × interval}, the origin being the anchor time on 1970-01-01 in the schedule's zone.
     * With 02:00Z and 6 h: 02:00, 08:00, 14:00, 20:00 UTC. (In a zone with daylight saving the grid stays in absolute
     * time; use a cron schedule to follow the wall clock.)
     */
    private static PassSchedule anchored(ScheduleSettings settings) {
        long step = settings.interval().toMillis();
        long origin = ZonedDateTime.of(LocalDate.EPOCH, settings.anchor().orElseThrow(), settings.zone())
            .toInstant().toEpochMilli();
        return new PassSchedule() {
            @Override
            public Instant first(Instant now) {
                long k = Math.floorDiv(now.toEpochMilli() - origin + step - 1, step);
                return Instant.ofEpochMilli(origin + k * step);
            }

            @Override
            public Instant next(Instant previousStart) {
                return Instant.ofEpochMilli(origin
                    + (Math.floorDiv(previousStart.toEpochMilli() - origin, step) + 1) * step);
            }
        };
    }

    private static PassSchedule cron(ScheduleSettings settings) {
        ExecutionTime times = ExecutionTime.forCron(CronExpressions.parse(settings.cron().orElseThrow()));
        return new PassSchedule() {
            @Override
            public Instant first(Instant now) {
                return after(now.minusMillis(1));
            }

            @Override
            public Instant next(Instant previousStart) {
                return after(previousStart);
            }

            private Instant after(Instant instant) {
                return times.nextExecution(ZonedDateTime.ofInstant(instant, settings.zone()))
                    .map(ZonedDateTime::toInstant)
                    .orElse(Instant.MAX);
            }
        };
    }
}
