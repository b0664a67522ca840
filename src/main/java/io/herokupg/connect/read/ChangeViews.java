/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.Snapshots;

/** What INCREMENTAL and XMIN readers tell observers of their position (metrics and extraction logs). */
final class ChangeViews {
    private ChangeViews() {
    }

    /** Whether the pass reads the whole range for the first time: no pass completed yet. */
    static boolean fullRead(ChangeOffset position) {
        return position.fence().isEmpty() && position.high().isEmpty();
    }

    /** Bounds (replication keys, not row values) and the fence's xmax. */
    static String summary(ChangeOffset position, boolean inPass) {
        String bounds = "low=" + position.low().orElse("-") + ",high=" + position.high().orElse("-");
        return position.fence().map(f -> bounds + ",fence_xmax=" + Snapshots.parse(f).xmax()).orElse(bounds)
            + (inPass ? ",in_pass" : "");
    }
}
