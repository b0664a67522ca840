/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a table's passes start: every {@code interval} after the previous start; or on the grid
 * {@code anchor + k × interval} (Stitch's "Anchor Scheduling"); or at the times of a cron expression.
 *
 * @param anchor the time of day passes are aligned to, in {@code zone}
 * @param cron   a cron expression (Quartz, with seconds, or classic five fields), in {@code zone}
 */
public record ScheduleSettings(Duration interval, Optional<LocalTime> anchor, Optional<String> cron, ZoneId zone) {
}
