/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SnapshotOriginTest {
    private static final long STARTED = 1_796_513_712_480_000L;
    private final SnapshotOrigin origin = new SnapshotOrigin(3, 0x16B374D848L, STARTED);

    @Test
    void roundTripsThroughItsText() {
        assertThat(origin.encode()).isEqualTo("3/16b374d848/1796513712480000");
        assertThat(SnapshotOrigin.decode(origin.encode())).isEqualTo(origin);
        assertThat(SnapshotOrigin.decode(new SnapshotOrigin(1, -1L, 0).encode()).lsn()).isEqualTo(-1L);
    }

    @Test
    void malformedTextIsRefused() {
        assertThatThrownBy(() -> SnapshotOrigin.decode("3/16B374D848")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("timeline/lsn/start");
        assertThatThrownBy(() -> SnapshotOrigin.decode("x/1/2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isTrustedOnTheSameTimelineWhileTheWalHasNotGoneBack() {
        assertThat(origin.distrust(3, origin.lsn(), STARTED, true)).isEmpty();
        assertThat(origin.distrust(3, origin.lsn() + 1, STARTED + 5, false)).isEmpty();
        assertThat(origin.distrust(3, origin.lsn() - 1, STARTED, true)).get().asString()
            .contains("WAL ends before");
    }

    @Test
    void isTrustedOnANewTimelineOnlyByThePromotedServerThatReadIt() {
        assertThat(origin.distrust(4, 0, STARTED, true)).isEmpty();
        assertThat(origin.distrust(4, origin.lsn() + 100, STARTED + 1, true)).get().asString()
            .contains("timeline 4");
        // The reader is a follower of a new primary: it cannot tell where the new timeline branched.
        assertThat(origin.distrust(4, origin.lsn() + 100, STARTED, false)).isPresent();
    }
}
