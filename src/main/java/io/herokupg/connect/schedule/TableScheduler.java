/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;


/**
 * Chooses which of a task's tables to read next: the table whose pass is in progress (it holds the connection's
 * snapshot), else the table that has been due the longest.
 */
public final class TableScheduler<T extends Schedulable> {
    private final List<T> readers;

    public TableScheduler(List<T> readers) {
        this.readers = List.copyOf(readers);
    }

    /** The reader to read now, if any is in a pass or due. */
    public Optional<T> next(Instant now) {
        Optional<T> active = readers.stream().filter(Schedulable::inPass).findFirst();
        if (active.isPresent()) {
            return active;
        }
        return readers.stream()
            .filter(r -> !r.nextDue().isAfter(now))
            .min(Comparator.comparing(Schedulable::nextDue));
    }

    /** How long until the next table is due; {@link Duration#ZERO} if one is due now. */
    public Duration untilNextDue(Instant now) {
        return readers.stream()
            .map(r -> r.inPass() ? now : r.nextDue())
            .min(Comparator.naturalOrder())
            .map(due -> due.isAfter(now) ? Duration.between(now, due) : Duration.ZERO)
            .orElse(Duration.ofDays(1));
    }

    /** The same scheduler without one reader (a table that stopped being replicated). */
    public TableScheduler<T> without(T reader) {
        return new TableScheduler<>(readers.stream().filter(r -> r != reader).toList());
    }

    public List<T> readers() {
        return readers;
    }
}
