/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.offset.Snapshots;

/** Snapshots too old to place 32-bit row transaction ids against. */
final class OldSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(OldSnapshots.class);
    private static final long HALF_XID_SPACE = 1L << 31;

    private OldSnapshots() {
    }

    /**
     * A snapshot, unless it is so old, seen from a transaction of this xmax, that 32-bit row xids can no longer be
     * placed relative to it (logged: the pass then emits every row of its range again).
     */
    static Optional<String> usable(TableId table, long xmax, Optional<String> snapshot, String what) {
        if (snapshot.isPresent() && xmax - Snapshots.parse(snapshot.get()).xmin() >= HALF_XID_SPACE) {
            LOG.warn("Table {}: {} is more than 2^31 transactions old, too old to tell which row versions it saw;"
                + " this pass emits every row of its range again (duplicates, not gaps)", table, what);
            return Optional.empty();
        }
        return snapshot;
    }
}
