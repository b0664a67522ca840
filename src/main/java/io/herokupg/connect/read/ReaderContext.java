/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.time.Clock;
import java.util.Optional;
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
 * @param range     a reader's own: the range of a split load it reads, if it reads one
 */
public record ReaderContext(Clock clock, boolean headers, BuilderSource builders, Executor fetchers,
                            PassSnapshots snapshots, CaptureLogs capture, Optional<RangeRead> range) {
    /** What the readers of a task share. */
    public ReaderContext(Clock clock, boolean headers, BuilderSource builders, Executor fetchers,
                         PassSnapshots snapshots, CaptureLogs capture) {
        this(clock, headers, builders, fetchers, snapshots, capture, Optional.empty());
    }

    /** A context without change capture's settings (the defaults). */
    public ReaderContext(Clock clock, boolean headers, BuilderSource builders, Executor fetchers,
                         PassSnapshots snapshots) {
        this(clock, headers, builders, fetchers, snapshots, new CaptureLogs(CaptureSettings.DEFAULT));
    }

    /** The context of the reader of one range of a split load (its own follower checks, as each reader's). */
    ReaderContext forRange(RangeRead read) {
        return new ReaderContext(clock, headers, builders, fetchers, snapshots, capture, Optional.of(read));
    }
}
