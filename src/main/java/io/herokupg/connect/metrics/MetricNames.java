/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics the connector registers, with their descriptions: per table (tags {@code connector}, {@code task},
 * {@code table}), per task (tags {@code connector}, {@code task}) and per connector (tag {@code connector}), in
 * Connect's {@code plugins} group, so the MBeans are {@code kafka.connect:type=plugins,connector=…[,task=…[,table=…]]}
 * with plugin metrics (KIP-877) and with the fallback MBean alike. The Prometheus rules and the Grafana dashboard in
 * config/ use these names only.
 */
public final class MetricNames {
    public static final String JMX_DOMAIN = "kafka.connect";
    public static final String GROUP = "plugins";
    public static final String TABLE_TAG = "table";

    public static final String ROWS_TOTAL = "rows-total";
    public static final String ROWS_RATE = "rows-rate";
    public static final String BYTES_TOTAL = "bytes-total";
    public static final String BYTES_RATE = "bytes-rate";
    public static final String PASSES_TOTAL = "passes-total";
    public static final String ERRORS_TOTAL = "errors-total";
    public static final String LAST_ERROR = "last-error";
    public static final String LAST_ERROR_MS = "last-error-timestamp-ms";
    public static final String LAST_PASS_START = "last-pass-start-timestamp-ms";
    public static final String LAST_PASS_END = "last-pass-end-timestamp-ms";
    public static final String LAST_PASS_DURATION = "last-pass-duration-ms";
    public static final String LAST_PASS_ROWS = "last-pass-rows";
    public static final String STATE = "state";
    public static final String STATE_NAME = "state-name";
    public static final String LOAD_ROWS_READ = "load-rows-read";
    public static final String LOAD_ROWS_ESTIMATED = "load-rows-estimated";
    public static final String LOAD_PROGRESS = "load-progress-percent";
    public static final String LAG = "replication-lag-ms";
    public static final String OLDEST_TX_AGE = "oldest-transaction-age-ms";
    public static final String OLDEST_TX_PID = "oldest-transaction-pid";
    public static final String REPLAY_LAG = "follower-replay-lag-ms";
    public static final String CAPTURE_LOG_ENTRIES = "capture-log-entries";
    public static final String CAPTURE_LOG_AGE = "capture-log-oldest-age-ms";
    public static final String LAST_PASS_AGE = "last-pass-completed-age-ms";
    public static final String NEXT_PASS_DUE = "next-pass-due-ms";
    public static final String NEWEST_KEY_AGE = "newest-key-age-ms";
    public static final String TABLES = "tables";
    public static final String TABLES_FAILED = "tables-failed";
    public static final String TABLES_OUTAGE = "tables-outage";
    public static final String TABLES_MISSING = "tables-missing";
    public static final String TASKS = "tasks";

    /** Per-table metrics and their descriptions, in registration order. */
    public static final Map<String, String> TABLE;
    /** Per-task metrics and their descriptions, in registration order. */
    public static final Map<String, String> TASK;
    /** The connector's metrics (tag {@code connector} only) and their descriptions, in registration order. */
    public static final Map<String, String> CONNECTOR;

    static {
        Map<String, String> common = new LinkedHashMap<>();
        common.put(ROWS_TOTAL, "Rows emitted");
        common.put(ROWS_RATE, "Rows emitted per second");
        common.put(BYTES_TOTAL, "Bytes of the rows emitted, as PostgreSQL sent them (binary COPY)");
        common.put(BYTES_RATE, "Bytes of the rows emitted per second, as PostgreSQL sent them");
        common.put(PASSES_TOTAL, "Passes completed");
        common.put(ERRORS_TOTAL, "Failed reads (each retried or failing the task)");
        common.put(LAST_ERROR, "Message of the last failure (empty if none)");
        common.put(LAST_ERROR_MS, "Time of the last failure (epoch ms, 0 if none)");
        Map<String, String> table = new LinkedHashMap<>(common);
        table.put(LAST_PASS_START, "Start of the last pass (epoch ms)");
        table.put(LAST_PASS_END, "End of the last completed pass (epoch ms)");
        table.put(LAST_PASS_DURATION, "Duration of the last completed pass (ms)");
        table.put(LAST_PASS_ROWS, "Rows emitted by the last completed pass");
        table.put(STATE, "0 PENDING, 1 INITIAL_LOAD, 2 INCREMENTAL, 3 IDLE, 4 FAILED (skipped for good), 5 OUTAGE"
            + " (a retriable failure: backing off, retrying), 6 MISSING (table not found)");
        table.put(STATE_NAME, "The state's name");
        table.put(LAST_PASS_AGE, "Time since the last pass completed in this task (ms); NaN before one has");
        table.put(NEXT_PASS_DUE, "Time until the next pass is due (ms): 0 while one is in progress, negative when"
            + " overdue, +Inf when the schedule has no next time, NaN when unknown or FAILED");
        table.put(LAG, "Time since the start of the last completed pass (ms): no change committed before it is still"
            + " to be emitted; bounded by the interval plus a pass on a quiet table; NaN before a pass completed");
        table.put(LOAD_ROWS_READ, "Rows read by the full read in progress or last (FULL_TABLE or initial pass)");
        table.put(LOAD_ROWS_ESTIMATED, "The table's estimated rows (pg_class.reltuples) when the full read began");
        table.put(LOAD_PROGRESS, "Rows read / estimated rows of the full read, percent (100 once complete)");
        table.put(NEWEST_KEY_AGE, "Now minus the newest replication key emitted, for time keys (NaN otherwise);"
            + " grows on a quiet table");
        table.put(OLDEST_TX_AGE, "Age of the oldest running transaction holding the re-read bound back (ms)");
        table.put(OLDEST_TX_PID, "Backend pid of that transaction (0 if none)");
        table.put(REPLAY_LAG, "On a follower, how long the last pass waited for it to replay up to its primary's"
            + " snapshot (ms); NaN when reading a primary");
        table.put(CAPTURE_LOG_ENTRIES, "CAPTURE: the table's entries in the capture log, read before the last pass"
            + " (after pruning); NaN for other methods");
        table.put(CAPTURE_LOG_AGE, "CAPTURE: age of the table's oldest entry in the capture log then (ms); NaN when"
            + " none");
        Map<String, String> task = new LinkedHashMap<>(common);
        task.put(TABLES, "Tables assigned to the task");
        task.put(TABLES_FAILED, "The task's tables in state FAILED (skipped for good)");
        task.put(TABLES_OUTAGE, "The task's tables in state OUTAGE (a retriable failure, retried)");
        task.put(TABLES_MISSING, "The task's tables in state MISSING (not found)");
        Map<String, String> connector = new LinkedHashMap<>();
        connector.put(TABLES, "Tables the connector replicates, as its last discovery found them");
        connector.put(TASKS, "Task configurations the connector made for them");
        TABLE = Collections.unmodifiableMap(table);
        TASK = Collections.unmodifiableMap(task);
        CONNECTOR = Collections.unmodifiableMap(connector);
    }

    private MetricNames() {
    }
}
