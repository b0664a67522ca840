/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.time.Duration;

/**
 * Change capture's settings ({@link CaptureFragment}).
 *
 * @param schema      the schema of the capture log
 * @param setup       whether the connector installs capture itself
 * @param deleteMarker whether a delete marker record precedes each tombstone
 * @param warnAge     the age of a table's oldest log entry past which the connector warns (zero: never)
 */
public record CaptureSettings(String schema, Setup setup, boolean deleteMarker, Duration warnAge) {
    /** The defaults. */
    public static final CaptureSettings DEFAULT =
        new CaptureSettings("herokupg_capture", Setup.MANUAL, false, Duration.ofHours(6));

    /** Who installs capture. */
    public enum Setup {
        /** The user, with the SQL validation gives. */
        MANUAL,
        /** The connector, when it starts. */
        AUTO
    }
}
