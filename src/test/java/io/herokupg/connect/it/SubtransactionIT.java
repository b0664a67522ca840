/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * Rows written in a subtransaction (a savepoint, a PL/pgSQL block with an EXCEPTION clause) of a transaction that
 * is still running when a pass takes its snapshot carry the subtransaction's id as xmin. txid_current_snapshot()
 * lists only top-level ids as running, so txid_visible_in_snapshot() takes such a row as seen by that snapshot (the
 * fence) once its transaction commits. Passes therefore emit only the row versions below their watermark (the
 * oldest running transaction that may have subtransactions): such rows, and the rows of younger transactions, are
 * emitted once it has ended, each exactly once.
 */
class SubtransactionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final PostgresFixture pg = SharedServices.postgres();

    @ParameterizedTest
    @ValueSource(strings = {"INCREMENTAL", "XMIN"})
    void rowsWrittenInSubtransactionsOfATransactionCommittingLateAreEmitted(String method) throws Exception {
        String table = "subxact_" + method.toLowerCase(Locale.ROOT);
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id bigserial PRIMARY KEY,"
                + " updated_at timestamptz NOT NULL DEFAULT now(), v text)");
            st.execute("INSERT INTO " + table + " (v) VALUES ('before')");
        }
        TaskDriver driver = new TaskDriver(pg, "public." + table, Map.of("replication.method", method,
            "replication.key", "updated_at", "poll.interval.ms", "50"));
        List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(r -> r.size() >= 1, TIMEOUT));
        try (Connection late = pg.connect()) {
            late.setAutoCommit(false);
            try (Statement st = late.createStatement()) {
                st.execute("INSERT INTO " + table + " (v) VALUES ('top-level')");
                st.execute("SAVEPOINT s");
                st.execute("INSERT INTO " + table + " (v) VALUES ('savepoint')");
                st.execute("RELEASE SAVEPOINT s");
                st.execute("DO $$ BEGIN INSERT INTO " + table + " (v) VALUES ('exception-block');"
                    + " EXCEPTION WHEN unique_violation THEN NULL; END $$");
            }
            // Passes take snapshots while the transaction runs.
            for (int i = 0; i < 3; i++) {
                try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
                    st.execute("INSERT INTO " + table + " (v) VALUES ('during')");
                }
                emitted.addAll(driver.pollFor(Duration.ofMillis(300)));
            }
            late.commit();
        }
        emitted.addAll(driver.pollUntil(r -> emitted.size() + r.size() >= 7, TIMEOUT));
        emitted.addAll(driver.pollFor(Duration.ofSeconds(1)));
        driver.stop();

        assertThat(IncrementalIT.values(emitted)).containsOnlyOnce("top-level", "savepoint", "exception-block");
        assertThat(IncrementalIT.ids(emitted)).doesNotHaveDuplicates().hasSize(7);
    }
}
