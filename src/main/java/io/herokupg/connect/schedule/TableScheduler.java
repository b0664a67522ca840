/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;


/**
 * Chooses which of a task's tables to read next, so that tables take turns: among the tables whose pass is in
 * progress or due, and that can run now, the one served least recently (then the one due the longest). A long pass
 * thus alternates batch by batch with the other tables' passes instead of making them wait for its end.
 */
public final class TableScheduler<T extends Schedulable> {
    private final List<T> readers;
    private final Map<T, Long> lastServed = new IdentityHashMap<>();
    private long turn;

    public TableScheduler(List<T> readers) {
        this.readers = List.copyOf(readers);
    }

    /** The reader to read now among those that can run (e.g. that have or can get a connection), if any. */
    public Optional<T> next(Instant now, Predicate<T> canRun) {
        Optional<T> chosen = readers.stream()
            .filter(r -> r.inPass() || !r.nextDue().isAfter(now))
            .filter(canRun)
            .min(Comparator.<T>comparingLong(r -> lastServed.getOrDefault(r, -1L))
                .thenComparing(r -> r.inPass() ? Instant.MIN : r.nextDue()));
        chosen.ifPresent(r -> lastServed.put(r, turn++));
        return chosen;
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
        TableScheduler<T> rest = new TableScheduler<>(readers.stream().filter(r -> r != reader).toList());
        rest.lastServed.putAll(lastServed);
        rest.lastServed.remove(reader);
        rest.turn = turn;
        return rest;
    }

    public List<T> readers() {
        return readers;
    }
}
