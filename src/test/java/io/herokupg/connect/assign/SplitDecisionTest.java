/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.assign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.assign.SplitDecision.Decision;
import io.herokupg.connect.assign.SplitDecision.Kind;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.config.ScheduleSettings;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.FullTableOffset;
import io.herokupg.connect.offset.SplitLoad;
import io.herokupg.connect.offset.SplitOffsets;
import io.herokupg.connect.offset.SplitRange;
import io.herokupg.connect.offset.TableIdentity;
import io.herokupg.connect.offset.TableOffset;
import io.herokupg.connect.schedule.PassSchedule;

/** {@link SplitDecision#decide}: every branch, from positions built by hand. */
class SplitDecisionTest {
    private static final Duration INTERVAL = Duration.ofHours(6);
    private static final PassSchedule SCHEDULE = PassSchedule.of(new ScheduleSettings(INTERVAL, Optional.empty(),
        Optional.empty(), ZoneOffset.UTC));
    private static final Instant LOAD_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final TableIdentity WHOLE = new TableIdentity(16_384, List.of("id"));
    private static final SplitRange LOAD = new SplitRange(LOAD_START.toEpochMilli(), 0, List.of("100", "200"));

    private static SplitOffsets.State load(boolean complete) {
        Map<Integer, TableOffset> ranges = new HashMap<>();
        for (int i = 0; i < LOAD.ranges(); i++) {
            boolean done = complete || i != 1;
            ranges.put(i, new FullTableOffset(LOAD.load(), done ? Optional.empty() : Optional.of(List.of("150")), done,
                Optional.of(WHOLE.inRange(LOAD.other(i)))));
        }
        return new SplitOffsets.State(new SplitLoad(new TableId("public", "orders"), LOAD, Optional.empty(),
            Optional.empty()), ranges);
    }

    private static Optional<TableOffset> own(Instant started, boolean complete) {
        return Optional.of(new FullTableOffset(started.toEpochMilli(), complete ? Optional.empty()
            : Optional.of(List.of("42")), complete, Optional.of(WHOLE)));
    }

    private static Decision fullTable(Optional<TableOffset> own, Optional<SplitOffsets.State> newest, Instant now) {
        return SplitDecision.decide(true, own, newest, SCHEDULE, now);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aLoadInProgressGoesOnWhateverElseIsStored(boolean fullTable) {
        Optional<SplitOffsets.State> running = Optional.of(load(false));
        Instant muchLater = LOAD_START.plus(Duration.ofDays(30));

        for (Optional<TableOffset> own : List.of(Optional.<TableOffset>empty(), own(muchLater, false),
            own(muchLater, true))) {
            Decision decision = SplitDecision.decide(fullTable, own, running, SCHEDULE, muchLater);
            assertThat(decision.kind()).as("%s", own).isEqualTo(Kind.CONTINUE);
            assertThat(decision.load()).isEqualTo(running);
            assertThat(decision.until()).isEmpty();
        }
    }

    @Test
    void aChangeMethodSplitsItsFirstPassOnly() {
        Optional<TableOffset> ownChange = Optional.of(ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty())
            .withPass(1L, new ChangeOffset.Pass("1:2:", 1L, Optional.empty(), Optional.empty())));
        Instant now = LOAD_START.plus(Duration.ofDays(1));

        assertThat(SplitDecision.decide(false, Optional.empty(), Optional.empty(), SCHEDULE, now).kind())
            .isEqualTo(Kind.BEGIN);
        assertThat(SplitDecision.decide(false, ownChange, Optional.empty(), SCHEDULE, now).kind())
            .isEqualTo(Kind.WHOLE);
        assertThat(SplitDecision.decide(false, Optional.empty(), Optional.of(load(true)), SCHEDULE, now).kind())
            .isEqualTo(Kind.WHOLE);
        assertThat(SplitDecision.decide(false, ownChange, Optional.of(load(true)), SCHEDULE, now).kind())
            .isEqualTo(Kind.WHOLE);
    }

    @Test
    void aFullTableNeverLoadedBeginsALoad() {
        Decision decision = fullTable(Optional.empty(), Optional.empty(), LOAD_START);

        assertThat(decision).isEqualTo(new Decision(Kind.BEGIN, Optional.empty(), Optional.empty()));
    }

    @Test
    void aSingleTaskPassInProgressIsLeftToEnd() {
        Instant started = LOAD_START.plus(Duration.ofHours(1));
        Instant now = started.plus(INTERVAL.multipliedBy(3));

        assertThat(fullTable(own(started, false), Optional.of(load(true)), now).kind()).isEqualTo(Kind.WHOLE);
        assertThat(fullTable(own(started, false), Optional.empty(), now).kind()).isEqualTo(Kind.WHOLE);
    }

    @Test
    void aSingleTaskPassInProgressOlderThanTheLoadIsOverTakenByIt() {
        Optional<TableOffset> olderInProgress = own(LOAD_START.minus(Duration.ofHours(1)), false);

        Decision decision = fullTable(olderInProgress, Optional.of(load(true)), LOAD_START.plus(Duration.ofHours(1)));

        assertThat(decision.kind()).isEqualTo(Kind.IDLE);
        assertThat(decision.until()).contains(LOAD_START.plus(INTERVAL));
    }

    @Test
    void aCompleteLoadLeavesTheTableIdleUntilItsNextPassIsDue() {
        Instant now = LOAD_START.plus(Duration.ofHours(2));

        Decision decision = fullTable(Optional.empty(), Optional.of(load(true)), now);

        assertThat(decision).isEqualTo(new Decision(Kind.IDLE, Optional.empty(),
            Optional.of(SCHEDULE.next(LOAD_START))));
        assertThat(decision.until()).contains(LOAD_START.plus(INTERVAL));
    }

    @Test
    void aLoadBeginsWhenTheNextPassAfterTheLastLoadIsDue() {
        Instant due = LOAD_START.plus(INTERVAL);

        assertThat(fullTable(Optional.empty(), Optional.of(load(true)), due).kind()).isEqualTo(Kind.BEGIN);
        assertThat(fullTable(Optional.empty(), Optional.of(load(true)), due.plusSeconds(1)).kind())
            .isEqualTo(Kind.BEGIN);
        assertThat(fullTable(Optional.empty(), Optional.of(load(true)), due.minusMillis(1)).kind())
            .isEqualTo(Kind.IDLE);
    }

    @Test
    void aCompleteSingleTaskPassNewerThanTheLoadIsTheLastStart() {
        Instant ownStart = LOAD_START.plus(Duration.ofHours(4));
        Instant now = LOAD_START.plus(INTERVAL).plus(Duration.ofHours(1));

        Decision decision = fullTable(own(ownStart, true), Optional.of(load(true)), now);

        assertThat(decision.kind()).isEqualTo(Kind.IDLE);
        assertThat(decision.until()).contains(ownStart.plus(INTERVAL));
        assertThat(fullTable(own(ownStart, true), Optional.of(load(true)), ownStart.plus(INTERVAL)).kind())
            .isEqualTo(Kind.BEGIN);
    }

    @Test
    void aCompleteSingleTaskPassOlderThanTheLoadIsNotTheLastStart() {
        Instant ownStart = LOAD_START.minus(Duration.ofHours(5));

        Decision decision = fullTable(own(ownStart, true), Optional.of(load(true)), LOAD_START.plusSeconds(60));

        assertThat(decision.kind()).isEqualTo(Kind.IDLE);
        assertThat(decision.until()).contains(LOAD_START.plus(INTERVAL));
    }

    @Test
    void aCompleteSingleTaskPassWithoutLoadIsTheLastStart() {
        Instant ownStart = LOAD_START;

        assertThat(fullTable(own(ownStart, true), Optional.empty(), ownStart.plusSeconds(1)))
            .isEqualTo(new Decision(Kind.IDLE, Optional.empty(), Optional.of(ownStart.plus(INTERVAL))));
        assertThat(fullTable(own(ownStart, true), Optional.empty(), ownStart.plus(INTERVAL)).kind())
            .isEqualTo(Kind.BEGIN);
    }
}
