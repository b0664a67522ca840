/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import io.herokupg.connect.catalog.PgActivity;

/**
 * The horizon of INCREMENTAL passes: a time no transaction still running started before, on the server's clock, from
 * what the task saw running at each pass. A transaction's start is its {@code xact_start} where the role may see it
 * (its own sessions, or with {@code pg_read_all_stats}, which Heroku's default credential has). Where it may not (a
 * least-privilege credential, a writer of another role), it is bounded by watching: a transaction that holds its
 * virtual transaction id's lock now and did not at the task's previous look (which every role can see in
 * {@code pg_locks}, from a transaction's first statement to its end) started after that look. So the first look after
 * the task starts, or on another server, cannot place a hidden transaction: the horizon is then unknown, and the
 * re-read bound stays where it is (rows are re-read, never missed). So is it while a prepared (two-phase)
 * transaction waits, whose start no view shows. Shared by the task's readers: each look tightens the bounds for all.
 */
public final class TransactionHorizon {
    /**
     * Margin for comparing server times: before PostgreSQL 14, {@code extract(epoch …)} goes through a double, which
     * may round a time by up to a microsecond.
     */
    static final long CLOCK_MARGIN_MICROS = 10;
    /** The server the observations are of (its start time); virtual transaction ids restart with a server. */
    private long server = Long.MIN_VALUE;
    /** When the last look began, on the server's clock (µs); none yet: {@link Long#MIN_VALUE}. */
    private long lastLook = Long.MIN_VALUE;
    /** For each transaction seen running at the last look, a time it started at or after. */
    private Map<String, Long> startedAfter = new HashMap<>();

    /**
     * What a look found, as a horizon.
     *
     * @param horizon     no transaction running at the look started before this time (µs); empty: unknown
     * @param oldestPid   the backend of the transaction that sets it, or 0
     * @param hidden      how many running transactions were placed by watching (their start was not visible)
     * @param prepared    whether a prepared transaction holds the horizon back
     * @param nowMicros   the server's clock when the look began
     */
    public record Look(OptionalLong horizon, int oldestPid, int hidden, boolean prepared, long nowMicros) {
        /** As the metrics show it. */
        public PgActivity.Transactions transactions() {
            return new PgActivity.Transactions(nowMicros, horizon.isPresent() && horizon.getAsLong() < nowMicros
                ? horizon : OptionalLong.empty(), oldestPid);
        }
    }

    /** Takes in what was seen running and returns the horizon it gives. */
    public synchronized Look observe(PgActivity.Activity activity) {
        if (activity.serverMicros() != server) {
            server = activity.serverMicros();
            lastLook = Long.MIN_VALUE;
            startedAfter = new HashMap<>();
        }
        long horizon = activity.nowMicros();
        int oldestPid = 0;
        int hidden = 0;
        boolean unknown = false;
        Map<String, Long> seen = new HashMap<>();
        for (PgActivity.Running running : activity.running()) {
            long bound;
            if (running.startMicros().isPresent()) {
                bound = running.startMicros().getAsLong();
            } else {
                hidden++;
                Long known = startedAfter.get(running.vxid());
                bound = known != null ? known : lastLook;
            }
            seen.put(running.vxid(), bound);
            if (bound == Long.MIN_VALUE) {
                unknown = true;
            } else if (bound < horizon) {
                horizon = bound;
                oldestPid = running.pid();
            }
        }
        startedAfter = seen;
        lastLook = activity.nowMicros();
        boolean prepared = activity.prepared() > 0;
        return new Look(unknown || prepared ? OptionalLong.empty() : OptionalLong.of(horizon), oldestPid, hidden,
            prepared, activity.nowMicros());
    }
}
