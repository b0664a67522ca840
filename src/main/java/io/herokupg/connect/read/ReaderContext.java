/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.time.Clock;
import java.util.concurrent.Executor;

import io.herokupg.connect.config.CaptureSettings;

/**
 * What a task's readers share.
 *
 * @param clock     the task's clock
 * @param headers   whether records carry the {@code _heroku} metadata headers
 * @param builders  gives a reader the record builder of its table's new shape when it changes
 * @param fetchers  runs the threads that read passes' rows ahead
 * @param snapshots where fenced passes take their snapshots (the database, or a follower's primary)
 * @param capture   the capture log of CAPTURE tables
 */
public record ReaderContext(Clock clock, boolean headers, BuilderSource builders, Executor fetchers,
                            PassSnapshots snapshots, CaptureLogs capture) {
    /** A context without change capture's settings (the defaults). */
    public ReaderContext(Clock clock, boolean headers, BuilderSource builders, Executor fetchers,
                         PassSnapshots snapshots) {
        this(clock, headers, builders, fetchers, snapshots, new CaptureLogs(CaptureSettings.DEFAULT));
    }
}
