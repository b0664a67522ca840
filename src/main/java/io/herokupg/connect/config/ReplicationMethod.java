/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Arrays;

/** How a table is replicated; chosen per table with {@code replication.method}. */
public enum ReplicationMethod {
    /** Every row, on every pass. */
    FULL_TABLE,
    /** Rows whose replication key moved past the stored position (Stitch's key-based replication). */
    INCREMENTAL,
    /** Rows inserted or updated since the last pass, found by their transaction id. */
    XMIN,
    /** Every insert, update and delete, recorded by triggers in a capture log (docs/capture.md). */
    CAPTURE;

    public static String[] names() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }
}
