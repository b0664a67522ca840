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
    public static final String SCHEDULE_ANCHOR_TIME = "schedule.anchor.time";
    public static final String SCHEDULE_CRON = "schedule.cron";
    public static final String SCHEDULE_TIMEZONE = "schedule.timezone";
    public static final String REPLICATION_METHOD = "replication.method";
    public static final String REPLICATION_KEY = "replication.key";
    public static final String REPLICATION_KEY_CLOCK_SKEW_MS = "replication.key.clock.skew.ms";
    public static final String REPLICATION_KEY_TIMEZONE = "replication.key.timezone";
    public static final String CONNECTIONS_MAX = "task.connections.max";

    static final long DEFAULT_POLL_INTERVAL_MS = 300_000L;
    static final int DEFAULT_BATCH_MAX_ROWS = 2_000;
    static final long DEFAULT_CLOCK_SKEW_MS = 60_000L;

    private ReplicationFragment() {
    }

    static ConfigDef define(ConfigDef def) {
        return def
            .define(REPLICATION_METHOD, Type.STRING, ReplicationMethod.FULL_TABLE.name(),
                Validators.oneOfIgnoringCase(ReplicationMethod.names()), Importance.HIGH,
                "How tables are replicated. FULL_TABLE: every row on every pass. INCREMENTAL: the rows whose"
                    + " replication.key moved past the stored position, including rows of transactions that"
                    + " commit late. XMIN: the rows inserted or updated since the previous pass, found by"
                    + " transaction id, for tables without a usable key column (tables and materialized views"
                    + " only). Deletes are seen by none of these. CAPTURE: every insert, update and delete (a"
                    + " tombstone), recorded by triggers in a capture log (see capture.setup); tables with a primary"
                    + " key only. Per table: table.<schema>.<table>.replication.method.",
                GROUP, 1, Width.SHORT, "Replication method")
            .define(REPLICATION_KEY, Type.STRING, "", Importance.HIGH,
                "The column whose value orders an INCREMENTAL table's changes, e.g. updated_at or id: a"
                    + " timestamp, date, integer, numeric, text or uuid column, ideally indexed. Rows whose key is"
                    + " NULL are not replicated until it is set. Per table: table.<schema>.<table>.replication.key.",
                GROUP, 2, Width.MEDIUM, "Replication key")
            .define(REPLICATION_KEY_CLOCK_SKEW_MS, Type.LONG, DEFAULT_CLOCK_SKEW_MS,
                ConfigDef.Range.between(0L, 86_400_000L), Importance.MEDIUM,
                "For an INCREMENTAL table whose key is a timestamp, timestamptz or date: how far before the start"
                    + " of its transaction (on the database's clock) a writer may set the key, in milliseconds."
                    + " Rails, Django and most ORMs set updated_at from the application server's clock, inside the"
                    + " transaction; this covers that clock's skew. Each pass re-reads (without emitting them"
                    + " again) the rows whose key is at most this much older than the oldest running transaction."
                    + " Per table: table.<schema>.<table>.replication.key.clock.skew.ms.",
                GROUP, 5, Width.SHORT, "Replication key clock skew (ms)")
            .define(REPLICATION_KEY_TIMEZONE, Type.STRING, "UTC", Validators.timeZone(), Importance.LOW,
                "For an INCREMENTAL table whose key is a timestamp without time zone or a date: the time zone"
                    + " its values are local times of, e.g. UTC (Heroku Postgres's and Rails' default) or the"
                    + " zone of the sessions that write now() into it. Per table:"
                    + " table.<schema>.<table>.replication.key.timezone.",
                GROUP, 6, Width.SHORT, "Replication key time zone")
            .define(CONNECTIONS_MAX, Type.INT, 2, ConfigDef.Range.between(1, 100), Importance.LOW,
                "Most database connections a task holds. With 2 or more, a long full-table pass holds one"
                    + " connection while the task's other tables take turns on the others; with 1, a pass runs to"
                    + " its end before another table is read.",
                GROUP, 4, Width.SHORT, "Connections per task")
            .define(BATCH_MAX_ROWS, Type.INT, DEFAULT_BATCH_MAX_ROWS, ConfigDef.Range.between(1, 1_000_000),
                Importance.MEDIUM,
                "Most rows handed to Kafka Connect by one poll() of a task (a poll hands what has been read, up to"
                    + " this many). Whatever this is, a pass reads ahead at most about 6,000 rows or 6 MB (rows over"
                    + " 1 MB one at a time). Per table: table.<schema>.<table>.batch.max.rows.",
                GROUP, 3, Width.SHORT, "Rows per batch")
            .define(POLL_INTERVAL_MS, Type.LONG, DEFAULT_POLL_INTERVAL_MS, ConfigDef.Range.atLeast(10L),
                Importance.HIGH,
                "Time from the start of one pass over a table to the start of the next, in milliseconds."
                    + " A pass that takes longer is followed by the next one at once. Per table:"
                    + " table.<schema>.<table>.poll.interval.ms.",
                SCHEDULING_GROUP, 1, Width.SHORT, "Poll interval (ms)")
            .define(TABLE_DISCOVERY_INTERVAL_MS, Type.LONG, 300_000L, ConfigDef.Range.atLeast(0L), Importance.MEDIUM,
                "How often the connector looks for tables that appeared or disappeared, in milliseconds; when the"
                    + " set of selected tables changes, the tasks are reconfigured (a new table starts with a full"
                    + " pass, a dropped one stops). 0: only when the connector starts. A discovery that fails (the"
                    + " database unreachable) keeps the current tables; one that keeps failing, 3 times in a row over"
                    + " at least a minute, fails the connector.",
                SCHEDULING_GROUP, 4, Width.SHORT, "Table discovery interval (ms)")
            .define(SCHEDULE_ANCHOR_TIME, Type.STRING, "", Validators.timeOfDay(), Importance.MEDIUM,
                "Aligns passes to a time of day (HH:mm or HH:mm:ss, in schedule.timezone; a trailing Z means UTC):"
                    + " passes start at the anchor and every poll.interval.ms after it, e.g. 02:00Z with 21600000"
                    + " starts them at 02:00, 08:00, 14:00 and 20:00 UTC. Per table:"
                    + " table.<schema>.<table>.schedule.anchor.time.",
                SCHEDULING_GROUP, 2, Width.SHORT, "Anchor time")
            .define(SCHEDULE_CRON, Type.STRING, "", Validators.cron(), Importance.MEDIUM,
                "Starts passes at the times of a cron expression, in schedule.timezone: Quartz syntax with seconds"
                    + " ('0 0 2 * * ?' is 02:00 every day) or the classic five fields ('0 2 * * *'). Replaces"
                    + " poll.interval.ms; cannot be combined with schedule.anchor.time. Per table:"
                    + " table.<schema>.<table>.schedule.cron.",
                SCHEDULING_GROUP, 3, Width.MEDIUM, "Cron schedule")
            .define(SCHEDULE_TIMEZONE, Type.STRING, "UTC", Validators.timeZone(), Importance.LOW,
                "Time zone of schedule.cron and schedule.anchor.time, e.g. Europe/Paris or UTC.",
                SCHEDULING_GROUP, 5, Width.SHORT, "Schedule time zone");
    }
}
