/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.Snapshots;
import io.herokupg.connect.schedule.PassSchedule;

/** What INCREMENTAL and XMIN readers tell observers of their position (metrics and logs). */
final class ChangeViews {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeReader.class);
    private ChangeViews() {
    }

    /** Whether the pass reads the whole range for the first time: no pass completed yet. */
    static boolean fullRead(ChangeOffset position) {
        return position.fence().isEmpty() && position.high().isEmpty();
    }

    /** When a reader starting from this position has its first pass due (logged). */
    static Instant firstDue(TableId table, ChangeOffset start, PassSchedule schedule, Instant now) {
        if (start.pass().isPresent()) {
            LOG.info("Table {}: resuming the {} pass started at {}", table, start.method(),
                Instant.ofEpochMilli(start.passStartedMs()));
        } else if (start.fence().isPresent()) {
            Instant due = schedule.next(Instant.ofEpochMilli(start.passStartedMs()));
            LOG.info("Table {}: last {} pass started at {}; next pass due at {}", table, start.method(),
                Instant.ofEpochMilli(start.passStartedMs()), due);
            return due;
        }
        return schedule.first(now);
    }

    /** Bounds (replication keys, not row values) and the fence's xmax. */
    static String summary(ChangeOffset position, boolean inPass) {
        String bounds = "low=" + position.low().orElse("-") + ",high=" + position.high().orElse("-");
        return position.fence().map(f -> bounds + ",fence_xmax=" + Snapshots.parse(f).xmax()).orElse(bounds)
            + (inPass ? ",in_pass" : "");
    }
}
