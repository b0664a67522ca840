/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.config.StartSettings;
import io.herokupg.connect.offset.ChangeOffset;

/**
 * Where a table without a stored position starts (start.position). full: the initial position, whose first pass
 * loads the table. key (INCREMENTAL): the initial position with its re-read bound at the key, so that the first pass
 * loads the rows from that key on (a resumed first pass keeps the bound, which is stored with it); the first pass's
 * snapshot is the fence, so rows below the key that change later are emitted then. now: the first pass emits no row
 * ({@link FencedMethod#startNow()}); its snapshot is the fence, and its position is committed with its loading report.
 */
final class Starts {
    private static final Logger LOG = LoggerFactory.getLogger(Starts.class);

    private Starts() {
    }

    /** The position of a table that starts afresh. */
    static ChangeOffset initial(TableId table, StartSettings start, String method, Optional<String> keyColumn) {
        if (start.mode() == StartSettings.Mode.KEY && keyColumn.isPresent()) {
            LOG.info("Table {}: starting from replication key {} ({})", table, start.key().orElseThrow(),
                start.positionKey());
            return new ChangeOffset(method, keyColumn, Optional.empty(), start.key(), Optional.empty(), List.of(), 0,
                Optional.empty());
        }
        if (start.mode() == StartSettings.Mode.NOW) {
            LOG.info("Table {}: starting now ({}): no initial load; its first pass marks where the changes start",
                table, start.positionKey());
        }
        return ChangeOffset.initial(method, keyColumn);
    }

    /** Whether a table's position is the initial one of a table that starts now. */
    static boolean startsNow(ChangeOffset position, StartSettings start) {
        return start.mode() == StartSettings.Mode.NOW && position.fence().isEmpty() && position.pass().isEmpty()
            && position.history().isEmpty() && position.high().isEmpty() && position.passStartedMs() == 0;
    }
}
