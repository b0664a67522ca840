/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.PgActivity.Activity;
import io.herokupg.connect.catalog.PgActivity.Running;

class TransactionHorizonTest {
    private static final long SERVER = 1_000;
    private final TransactionHorizon horizon = new TransactionHorizon();

    private static Running visible(String vxid, int pid, long start) {
        return new Running(vxid, pid, OptionalLong.of(start));
    }

    private static Running hidden(String vxid, int pid) {
        return new Running(vxid, pid, OptionalLong.empty());
    }

    @Test
    void withNothingRunningTheHorizonIsNow() {
        TransactionHorizon.Look look = horizon.observe(new Activity(500, SERVER, List.of(), 0));
        assertThat(look.horizon()).hasValue(500);
        assertThat(look.transactions().oldestStart()).isEmpty();
    }

    @Test
    void aVisibleStartIsTheBound() {
        TransactionHorizon.Look look = horizon.observe(new Activity(500, SERVER,
            List.of(visible("3/7", 11, 300), visible("4/2", 12, 200)), 0));
        assertThat(look.horizon()).hasValue(200);
        assertThat(look.oldestPid()).isEqualTo(12);
        assertThat(look.hidden()).isZero();
    }

    @Test
    void aHiddenTransactionIsPlacedByWatching() {
        // First look: a hidden transaction could have begun any time before.
        assertThat(horizon.observe(new Activity(500, SERVER, List.of(hidden("3/7", 11)), 0)).horizon()).isEmpty();
        // It is still there: still unknown. A new one began after the last look.
        TransactionHorizon.Look second = horizon.observe(new Activity(600, SERVER,
            List.of(hidden("3/7", 11), hidden("5/1", 13)), 0));
        assertThat(second.horizon()).isEmpty();
        TransactionHorizon.Look third = horizon.observe(new Activity(700, SERVER, List.of(hidden("5/1", 13)), 0));
        assertThat(third.horizon()).hasValue(500);
        assertThat(third.oldestPid()).isEqualTo(13);
        assertThat(third.hidden()).isEqualTo(1);
        // The same backend's next transaction has another virtual transaction id.
        assertThat(horizon.observe(new Activity(800, SERVER, List.of(hidden("5/2", 13)), 0)).horizon())
            .hasValue(700);
    }

    @Test
    void anotherServerForgetsWhatWasSeen() {
        horizon.observe(new Activity(500, SERVER, List.of(), 0));
        assertThat(horizon.observe(new Activity(600, SERVER, List.of(hidden("3/7", 11)), 0)).horizon()).hasValue(500);
        // Restarted or failed over: virtual transaction ids start again, and nothing was seen there yet.
        assertThat(horizon.observe(new Activity(700, SERVER + 1, List.of(hidden("3/7", 11)), 0)).horizon())
            .isEmpty();
    }

    @Test
    void aPreparedTransactionHoldsTheHorizon() {
        TransactionHorizon.Look look = horizon.observe(new Activity(500, SERVER, List.of(), 1));
        assertThat(look.horizon()).isEmpty();
        assertThat(look.prepared()).isTrue();
    }
}
