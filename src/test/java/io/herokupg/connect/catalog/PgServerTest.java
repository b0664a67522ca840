/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgServerTest {
    private static final long BLOCK = 8192;
    private static final long SEGMENT = 16L * 1024 * 1024;

    @Test
    void readsAndPrintsWalPositionsAsPostgresqlDoes() {
        assertThat(PgServer.parseLsn("16/B374D848")).isEqualTo(0x16B374D848L);
        assertThat(PgServer.parseLsn("0/0")).isZero();
        assertThat(PgServer.parseLsn("FFFFFFFF/FFFFFFFF")).isEqualTo(-1L);
        assertThat(PgServer.formatLsn(0x16B374D848L)).isEqualTo("16/B374D848");
        assertThatThrownBy(() -> PgServer.parseLsn("16B374D848")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInsertPositionPastAPageHeaderEndsAtThePageBoundary() {
        // Mid-page: the position is the end of the last record.
        assertThat(PgServer.endPointer(5 * BLOCK + 100, BLOCK, SEGMENT)).isEqualTo(5 * BLOCK + 100);
        // Just past a page's short header: the last record ended at the boundary.
        assertThat(PgServer.endPointer(5 * BLOCK + 24, BLOCK, SEGMENT)).isEqualTo(5 * BLOCK);
        // Just past a segment's long header.
        assertThat(PgServer.endPointer(3 * SEGMENT + 40, BLOCK, SEGMENT)).isEqualTo(3 * SEGMENT);
        // 40 bytes into a page that is not a segment's first: a record may end there.
        assertThat(PgServer.endPointer(5 * BLOCK + 40, BLOCK, SEGMENT)).isEqualTo(5 * BLOCK + 40);
    }
}
