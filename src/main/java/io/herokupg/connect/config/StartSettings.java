/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Optional;

/**
 * Where a table starts, and the re-sync token its stored position must carry.
 *
 * @param mode        where a table without a stored position starts
 * @param key         the replication key value to start from, for {@link Mode#KEY}
 * @param positionKey the configuration key that set the mode (connector-wide or per table), for messages
 * @param resyncToken the token of the current re-sync request; a position stored under another is discarded
 */
public record StartSettings(Mode mode, Optional<String> key, String positionKey, String resyncToken) {
    /** The defaults: a full initial load, no re-sync requested. */
    public static final StartSettings DEFAULT = new StartSettings(Mode.FULL, Optional.empty(),
        StartFragment.START_POSITION, "");

    /** Where a table without a stored position starts. */
    public enum Mode {
        /** A full initial load. */
        FULL,
        /** The changes after the first pass only. */
        NOW,
        /** The rows whose replication key is at or after a value. */
        KEY
    }
}
