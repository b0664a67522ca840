/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.read.plan.Sql;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;

/**
 * {@link Sql#xid64(long)} evaluated by the real server over synthetic 32-bit {@code xmin} values, with the
 * snapshot's {@code xmax} before and after the first wraparound: the 64-bit ids, their order, and their visibility
 * in snapshots that straddle the wrap.
 */
class Xid64IT {
    private static final long WRAP = 1L << 32;
    /** The last id of epoch 0. */
    private static final long LAST_OF_EPOCH_0 = WRAP - 1;
    /** Five ids into epoch 1: {@code xmax} of a snapshot taken just after the wrap. */
    private static final long EARLY_EPOCH_1 = WRAP + 5;

    private final PostgresFixture pg = SharedServices.postgres();

    @Test
    void inEpochZeroTheIdsAreTheRowsXmin() throws Exception {
        assertThat(xid64(LAST_OF_EPOCH_0, "4294967290", "3", "2", "1", "4294967294"))
            .containsExactly(4_294_967_290L, 3L, 0L, 0L, 4_294_967_294L);
        assertThat(xid64(1_000, "999", "3", "2", "500")).containsExactly(999L, 3L, 0L, 500L);
    }

    @Test
    void afterTheWrapIdsBeforeItStayInEpochZeroAndLaterOnesMoveToEpochOne() throws Exception {
        assertThat(xid64(EARLY_EPOCH_1, "4294967290", "3", "2", "4", "4294967295", "100"))
            .containsExactly(4_294_967_290L, WRAP + 3, 0L, WRAP + 4, LAST_OF_EPOCH_0, 100L);
    }

    @Test
    void inALaterEpochTheIdsTakeTheEpochOfTheirDistanceToXmax() throws Exception {
        long xmax = 7 * WRAP + 1_000;
        assertThat(xid64(xmax, "999", "1001", "3", "2"))
            .containsExactly(7 * WRAP + 999, 6 * WRAP + 1_001, 7 * WRAP + 3, 0L);
    }

    @Test
    void idsOrderAcrossTheWrap() throws Exception {
        String sql = "SELECT xmin::text FROM " + rows("3", "4294967290", "2", "4", "4294967295") + " ORDER BY "
            + Sql.xid64(EARLY_EPOCH_1);
        assertThat(strings(sql)).containsExactly("2", "4294967290", "4294967295", "3", "4");
    }

    @Test
    void visibilityInASnapshotStraddlingTheWrap() throws Exception {
        // Finished before 4294967200; running: 4294967295; not yet started from 2^32 + 3 = 4294967299.
        String snapshot = "4294967200:4294967299:4294967295";
        assertThat(visible(EARLY_EPOCH_1, snapshot, "4294967290", "4294967295", "3", "2", "100", "4294967100", "4"))
            .containsExactly(true, false, false, true, true, true, false);
        // The same ids read from a later xmax (2^32 + 200) are placed alike, so the answers do not change.
        assertThat(visible(WRAP + 200, snapshot, "4294967290", "4294967295", "3", "2", "4294967100", "4"))
            .containsExactly(true, false, false, true, true, false);
    }

    @Test
    void visibilityWithAllRunningIdsAfterTheWrap() throws Exception {
        // Ids 0 to 2 are never assigned: after the wrap, the first id of epoch 1 is 2^32 + 3.
        String snapshot = "4294967299:4294967303:4294967299,4294967301";
        assertThat(visible(WRAP + 7, snapshot, "4294967295", "2", "3", "4", "5", "6", "7"))
            .containsExactly(true, true, false, true, false, true, false);
    }

    private List<Long> xid64(long xmax, String... xmins) throws Exception {
        String sql = "SELECT " + Sql.xid64(xmax) + " FROM " + rows(xmins) + " ORDER BY n";
        return strings(sql).stream().map(Long::valueOf).toList();
    }

    private List<Boolean> visible(long xmax, String snapshot, String... xmins) throws Exception {
        String sql = "SELECT txid_visible_in_snapshot(" + Sql.xid64(xmax) + ", '" + snapshot
            + "'::txid_snapshot)::text FROM " + rows(xmins) + " ORDER BY n";
        return strings(sql).stream().map("true"::equals).toList();
    }

    /** The values as rows of a column named xmin (of type xid), numbered n in the order given. */
    private static String rows(String... xmins) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < xmins.length; i++) {
            values.add("(" + i + ", '" + xmins[i] + "'::text::xid)");
        }
        return "(VALUES " + String.join(", ", values) + ") t(n, xmin)";
    }

    private List<String> strings(String sql) throws Exception {
        List<String> result = new ArrayList<>();
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }
}
