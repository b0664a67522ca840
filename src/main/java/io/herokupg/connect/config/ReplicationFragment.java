/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Keys that say how often and in what steps tables are read. */
public final class ReplicationFragment {
    public static final String GROUP = "Replication";
    public static final String SCHEDULING_GROUP = "Scheduling";

    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String BATCH_MAX_ROWS = "batch.max.rows";
    public static final String TABLE_DISCOVERY_INTERVAL_MS = "table.discovery.interval.ms";

    static final long DEFAULT_POLL_INTERVAL_MS = 300_000L;
    static final int DEFAULT_BATCH_MAX_ROWS = 2_000;

    private ReplicationFragment() {
    }

    static ConfigDef define(ConfigDef def) {
        return def
            .define(BATCH_MAX_ROWS, Type.INT, DEFAULT_BATCH_MAX_ROWS, ConfigDef.Range.between(1, 1_000_000),
                Importance.MEDIUM,
                "Most rows handed to Kafka Connect by one poll() of a task; also the cursor's fetch size, so it"
                    + " bounds the task's memory. Per table: table.<schema>.<table>.batch.max.rows.",
                GROUP, 1, Width.SHORT, "Rows per batch")
            .define(POLL_INTERVAL_MS, Type.LONG, DEFAULT_POLL_INTERVAL_MS, ConfigDef.Range.atLeast(10L),
                Importance.HIGH,
                "Time from the start of one pass over a table to the start of the next, in milliseconds."
                    + " A pass that takes longer is followed by the next one at once. Per table:"
                    + " table.<schema>.<table>.poll.interval.ms.",
                SCHEDULING_GROUP, 1, Width.SHORT, "Poll interval (ms)")
            .define(TABLE_DISCOVERY_INTERVAL_MS, Type.LONG, 300_000L, ConfigDef.Range.atLeast(0L), Importance.MEDIUM,
                "How often the connector looks for tables that appeared or disappeared, in milliseconds; when the"
                    + " set of selected tables changes, the tasks are reconfigured (a new table starts with a full"
                    + " pass, a dropped one stops). 0: only when the connector starts.",
                SCHEDULING_GROUP, 2, Width.SHORT, "Table discovery interval (ms)");
    }
}
