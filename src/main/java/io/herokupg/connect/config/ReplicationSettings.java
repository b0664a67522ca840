/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * How one table is replicated.
 *
 * @param method    the replication method
 * @param key       the replication key column, for {@link ReplicationMethod#INCREMENTAL} (present exactly then)
 * @param methodKey the configuration key that set the method (connector-wide or per table), for error messages
 * @param keyKey    the configuration key that set the replication key (when none is set, the one to set), for
 *                  error messages
 * @param keyClock  how a time-typed replication key relates to the database's clock
 */
public record ReplicationSettings(ReplicationMethod method, Optional<String> key, String methodKey, String keyKey,
                                  KeyClock keyClock) {

    /**
     * How a replication key of a time type is written.
     *
     * @param skew how far before its transaction's start (on the database's clock) a writer may set a key
     * @param zone the zone whose local times a {@code timestamp} or {@code date} key holds
     */
    public record KeyClock(Duration skew, ZoneId zone) {
        /** The defaults: a minute's skew, UTC. */
        public static final KeyClock DEFAULT =
            new KeyClock(Duration.ofMillis(ReplicationFragment.DEFAULT_CLOCK_SKEW_MS), ZoneId.of("UTC"));
    }

    /** Settings with the default key clock. */
    public ReplicationSettings(ReplicationMethod method, Optional<String> key, String methodKey, String keyKey) {
        this(method, key, methodKey, keyKey, KeyClock.DEFAULT);
    }
}
