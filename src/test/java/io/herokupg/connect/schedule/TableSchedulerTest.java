/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.TableId;

class TableSchedulerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** A reader that only reports the state the scheduler looks at. */
    private static final class FakeReader implements Schedulable {
        private final TableId table;
        private boolean inPass;
        private Instant nextDue;

        FakeReader(String name, boolean inPass, Instant nextDue) {
            this.table = new TableId("public", name);
            this.inPass = inPass;
            this.nextDue = nextDue;
        }

        @Override
        public boolean inPass() {
            return inPass;
        }

        @Override
        public Instant nextDue() {
            return nextDue;
        }

        @Override
        public String toString() {
            return table + (inPass ? " (in pass)" : " due " + nextDue);
        }
    }

    private static FakeReader due(String name, Duration fromNow) {
        return new FakeReader(name, false, NOW.plus(fromNow));
    }

    @Test
    void aPassInProgressTakesTurnsWithTheDueTables() {
        FakeReader overdue = due("overdue", Duration.ofHours(-2));
        FakeReader alsoDue = due("alsoDue", Duration.ofHours(-1));
        FakeReader active = new FakeReader("active", true, NOW.plus(Duration.ofHours(1)));
        TableScheduler<FakeReader> scheduler = new TableScheduler<>(List.of(overdue, active, alsoDue,
            due("later", Duration.ofMinutes(5))));

        List<FakeReader> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(scheduler.next(NOW, r -> true).orElseThrow());
        }

        // Never served first: the pass in progress, then the longest due; then each in the order last served.
        assertThat(order).containsExactly(active, overdue, alsoDue, active, overdue, alsoDue);
    }

    @Test
    void onlyReadersThatCanRunAreChosen() {
        FakeReader overdue = due("overdue", Duration.ofHours(-2));
        FakeReader active = new FakeReader("active", true, NOW.plus(Duration.ofHours(1)));
        TableScheduler<FakeReader> scheduler = new TableScheduler<>(List.of(overdue, active));

        // E.g. the task's only connection is held by the pass in progress.
        assertThat(scheduler.next(NOW, r -> r == active)).containsSame(active);
        assertThat(scheduler.next(NOW, r -> r == active)).containsSame(active);
        assertThat(scheduler.next(NOW, r -> false)).isEmpty();
        assertThat(scheduler.next(NOW, r -> true)).containsSame(overdue);
    }

    @Test
    void otherwiseTakesTheEarliestDue() {
        FakeReader lessOverdue = due("less", Duration.ofSeconds(-5));
        FakeReader mostOverdue = due("most", Duration.ofSeconds(-10));
        FakeReader future = due("future", Duration.ofSeconds(30));

        assertThat(new TableScheduler(List.of(lessOverdue, mostOverdue, future)).next(NOW, r -> true))
            .containsSame(mostOverdue);
        assertThat(new TableScheduler(List.of(future, mostOverdue, lessOverdue)).next(NOW, r -> true))
            .containsSame(mostOverdue);
    }

    @Test
    void aReaderDueExactlyNowIsDue() {
        FakeReader now = due("now", Duration.ZERO);

        assertThat(new TableScheduler(List.of(due("later", Duration.ofMillis(1)), now)).next(NOW, r -> true))
            .containsSame(now);
    }

    @Test
    void nothingWhenNoneIsDueOrInPass() {
        TableScheduler scheduler = new TableScheduler(List.of(due("a", Duration.ofSeconds(1)),
            due("b", Duration.ofMinutes(1))));

        assertThat(scheduler.next(NOW, r -> true)).isEmpty();
        assertThat(new TableScheduler(List.of()).next(NOW, r -> true)).isEmpty();
    }

    @Test
    void followsTheReadersStateOverTime() {
        FakeReader a = due("a", Duration.ofSeconds(10));
        FakeReader b = due("b", Duration.ofSeconds(20));
        TableScheduler scheduler = new TableScheduler(List.of(a, b));

        assertThat(scheduler.next(NOW, r -> true)).isEmpty();
        assertThat(scheduler.next(NOW.plusSeconds(15), r -> true)).containsSame(a);
        a.inPass = true;
        a.nextDue = NOW.plusSeconds(1000);
        assertThat(scheduler.next(NOW.plusSeconds(15), r -> true)).containsSame(a);
        assertThat(scheduler.next(NOW.plusSeconds(25), r -> true)).containsSame(b);
        assertThat(scheduler.next(NOW.plusSeconds(25), r -> true)).containsSame(a);
        a.inPass = false;
        assertThat(scheduler.next(NOW.plusSeconds(25), r -> true)).containsSame(b);
    }

    @Test
    void untilNextDueIsTheTimeToTheEarliestDue() {
        TableScheduler scheduler = new TableScheduler(List.of(due("a", Duration.ofSeconds(90)),
            due("b", Duration.ofSeconds(30)), due("c", Duration.ofMinutes(10))));

        assertThat(scheduler.untilNextDue(NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(scheduler.untilNextDue(NOW.plusSeconds(20))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void untilNextDueIsZeroWhenOneIsDueOrInPass() {
        assertThat(new TableScheduler(List.of(due("a", Duration.ofSeconds(90)), due("b", Duration.ofSeconds(-3))))
            .untilNextDue(NOW)).isZero();
        assertThat(new TableScheduler(List.of(due("a", Duration.ofSeconds(90)), due("b", Duration.ZERO)))
            .untilNextDue(NOW)).isZero();
        assertThat(new TableScheduler(List.of(due("a", Duration.ofSeconds(90)),
            new FakeReader("b", true, NOW.plusSeconds(500)))).untilNextDue(NOW)).isZero();
    }

    @Test
    void untilNextDueWithoutReadersIsAPositiveWait() {
        assertThat(new TableScheduler(List.of()).untilNextDue(NOW)).isPositive();
    }

    @Test
    void readersAreCopied() {
        List<FakeReader> readers = new ArrayList<>(List.of(due("a", Duration.ofSeconds(10))));
        TableScheduler scheduler = new TableScheduler(readers);

        readers.add(due("b", Duration.ofSeconds(-10)));

        assertThat(scheduler.readers()).hasSize(1);
        assertThat(scheduler.next(NOW, r -> true)).isEmpty();
    }
}
