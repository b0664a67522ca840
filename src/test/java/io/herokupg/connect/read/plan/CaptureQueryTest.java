/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.TableType;

/**
 * The capture pass's query and the pruning statement: the latest entry of each key the fence did not see, joined to
 * the current row; keys with an entry the pass may not read left out; pruning deletes exactly what the fence saw.
 */
class CaptureQueryTest {
    private static final String FENCE = "100:105:100,102";
    private static final String SNAPSHOT = "104:110:104,107";
    private static final String LOG = "\"cap\".\"log\"";
    private static final TableInfo LINES = new TableInfo(new TableId("public", "lines"), List.of(
        column("k1", 1, 20, "int8"), column("k2", 2, 1082, "date"), column("qty", 3, 1700, "numeric")),
        List.of("k1", "k2"), 0, TableType.TABLE, 16384, false);

    private static ColumnInfo column(String name, int position, long oid, String type) {
        return new ColumnInfo(name, position, oid, type, "pg_catalog", type, -1, false);
    }

    private static String query(Optional<String> ownSnapshot, long watermark, Optional<List<String>> after) {
        FenceConditions conditions = new FenceConditions(List.of(), true, "X", Optional.of(FENCE), OptionalLong.empty(),
            watermark, 110, ownSnapshot, Optional.empty());
        return new CaptureQuery(LINES, List.of("\"k1\"", "\"k2\"", "\"qty\""), List.of(CaptureQuery.LEAD,
            CaptureQuery.OP), LOG, "X", conditions, after).sql();
    }

    @Test
    void inItsOwnSnapshotAPassReadsTheLatestEntryOfEachKeyUnseenByTheFence() {
        assertThat(query(Optional.empty(), 110, Optional.empty())).isEqualTo("SELECT \"k1\", \"k2\", \"qty\","
            + " (herokupg_rows.\"herokupg_txid\")::text, (herokupg_rows.\"herokupg_op\")::text FROM (SELECT c.\"k1\","
            + " c.\"k2\", t.\"qty\", c.herokupg_txid, CASE WHEN t.ctid IS NULL THEN CASE WHEN c.herokupg_entry_op ="
            + " 'T' THEN 't' ELSE 'd' END WHEN c.herokupg_entry_op = 'I' THEN 'c' ELSE 'u' END AS herokupg_op FROM"
            + " (SELECT DISTINCT ON ((key ->> E'k1')::int8, (key ->> E'k2')::date) (key ->> E'k1')::int8 AS \"k1\","
            + " (key ->> E'k2')::date AS \"k2\", key AS herokupg_key, op AS herokupg_entry_op, X AS herokupg_txid FROM"
            + " \"cap\".\"log\" WHERE relid = 16384 AND op <> 'R' AND NOT"
            + " txid_visible_in_snapshot(X, CAST(E'100:105:100,102' AS txid_snapshot)) ORDER BY (key ->> E'k1')::int8,"
            + " (key ->> E'k2')::date, X DESC, ctid DESC) c LEFT JOIN"
            + " ONLY \"public\".\"lines\" t ON t.\"k1\" = c.\"k1\" AND t.\"k2\" = c.\"k2\") herokupg_rows ORDER BY"
            + " herokupg_rows.\"herokupg_txid\", herokupg_rows.\"k1\", herokupg_rows.\"k2\"");
    }

    @Test
    void inALaterSnapshotKeysWithEntriesThePassMayNotReadAreLeftToTheNext() {
        String sql = query(Optional.of(SNAPSHOT), 106, Optional.of(List.of("103", "7", "2026-01-01")));
        assertThat(sql).contains("relid = 16384 AND op <> 'R' AND NOT"
            + " txid_visible_in_snapshot(X, CAST(E'100:105:100,102' AS txid_snapshot)) AND X < CAST(E'106' AS int8)"
            + " AND txid_visible_in_snapshot(X, CAST(E'104:110:104,107' AS txid_snapshot)) ORDER BY");
        assertThat(sql).contains(" WHERE NOT EXISTS (SELECT 1 FROM \"cap\".\"log\" WHERE relid = 16384 AND key ="
            + " c.herokupg_key AND NOT txid_visible_in_snapshot(X, CAST(E'100:105:100,102' AS txid_snapshot)) AND NOT"
            + " (X < CAST(E'106' AS int8) AND txid_visible_in_snapshot(X, CAST(E'104:110:104,107' AS txid_snapshot))))"
            + ") herokupg_rows WHERE (herokupg_rows.\"herokupg_txid\", herokupg_rows.\"k1\", herokupg_rows.\"k2\") >"
            + " (CAST(E'103' AS int8), CAST(E'7' AS int8), CAST(E'2026-01-01' AS date)) ORDER BY");
    }

    @Test
    void pruningDeletesWhatTheFenceSaw() {
        assertThat(CaptureQuery.pruneSql(LOG, 16384, "X", FENCE, OptionalLong.empty())).isEqualTo("DELETE FROM"
            + " \"cap\".\"log\" WHERE relid = 16384 AND NOT (NOT txid_visible_in_snapshot(X, CAST(E'100:105:100,102'"
            + " AS txid_snapshot)))");
        assertThat(CaptureQuery.pruneSql(LOG, 16384, "X", FENCE, OptionalLong.of(101))).as("below its watermark")
            .isEqualTo("DELETE FROM \"cap\".\"log\" WHERE relid = 16384 AND NOT ((X >= CAST(E'101' AS int8) OR NOT"
                + " txid_visible_in_snapshot(X, CAST(E'100:105:100,102' AS txid_snapshot))))");
    }
}
