/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.assign;

import java.time.Instant;
import java.util.Optional;

import io.herokupg.connect.offset.FullTableOffset;
import io.herokupg.connect.offset.SplitOffsets;
import io.herokupg.connect.offset.TableOffset;
import io.herokupg.connect.schedule.PassSchedule;

/**
 * What becomes of a table that may be split, from its stored positions: a pure function, so that it is the same on
 * every worker and testable without one.
 *
 * <ul>
 *   <li>A load in progress goes on, whatever else is stored.</li>
 *   <li>A change method (INCREMENTAL, XMIN, CAPTURE) splits its first pass only: with a position of its own, or a
 *   complete load (whose position its task takes up), the table is read whole by one task.</li>
 *   <li>FULL_TABLE splits every pass: the connector starts a load when a pass is due (from the last complete pass,
 *   single-task or split), and no task holds the table in between; a single-task pass in progress (from before the
 *   table was split) is left to end first.</li>
 * </ul>
 */
public final class SplitDecision {
    private SplitDecision() {
    }

    /** What the connector does with the table now. */
    public enum Kind {
        /** One task reads the table, as any other. */
        WHOLE,
        /** The load in progress goes on ({@link Decision#load}). */
        CONTINUE,
        /** A load begins now. */
        BEGIN,
        /** No task holds the table until its next pass is due ({@link Decision#until}): a FULL_TABLE load then. */
        IDLE
    }

    /**
     * A decision.
     *
     * @param kind  what is done
     * @param load  the load that goes on (CONTINUE)
     * @param until when the next load is due (IDLE)
     */
    public record Decision(Kind kind, Optional<SplitOffsets.State> load, Optional<Instant> until) {
        static Decision of(Kind kind) {
            return new Decision(kind, Optional.empty(), Optional.empty());
        }
    }

    /**
     * @param fullTable whether the table's method is FULL_TABLE
     * @param own       the table's own stored position, if it is the table's now (same method, table, token)
     * @param newest    its newest split load, if it is the table's now
     * @param schedule  its pass schedule
     * @param now       the time now
     */
    public static Decision decide(boolean fullTable, Optional<TableOffset> own, Optional<SplitOffsets.State> newest,
                                  PassSchedule schedule, Instant now) {
        if (newest.isPresent() && !newest.get().complete()) {
            return new Decision(Kind.CONTINUE, newest, Optional.empty());
        }
        if (!fullTable) {
            return Decision.of(own.isPresent() || newest.isPresent() ? Kind.WHOLE : Kind.BEGIN);
        }
        long loaded = newest.map(s -> s.load().load().load()).orElse(Long.MIN_VALUE);
        Optional<FullTableOffset> single = own.map(FullTableOffset.class::cast).filter(o -> o.passStartedMs() > loaded);
        if (single.isPresent() && !single.get().complete()) {
            return Decision.of(Kind.WHOLE);
        }
        Optional<Long> lastStart = single.map(FullTableOffset::passStartedMs).or(() -> newest.map(s -> loaded));
        if (lastStart.isEmpty()) {
            return Decision.of(Kind.BEGIN);
        }
        Instant due = schedule.next(Instant.ofEpochMilli(lastStart.get()));
        return due.isAfter(now) ? new Decision(Kind.IDLE, Optional.empty(), Optional.of(due)) : Decision.of(Kind.BEGIN);
    }
}
