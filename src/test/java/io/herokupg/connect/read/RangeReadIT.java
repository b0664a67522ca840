/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.offset.SplitRange;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;

/**
 * {@link RangeRead#begin}: a range's transaction imports the load's exported snapshot while the exporter holds it; once
 * the exporter is gone, the failed import is logged once and leaves the connection usable, with no transaction open,
 * and the range stops trying.
 */
class RangeReadIT {
    private static final String TABLE = "range_read_it";
    private static final String WARNING = "the load's snapshot can no longer be imported";

    private final PostgresFixture pg = SharedServices.postgres();

    @BeforeEach
    void createTable() throws SQLException {
        pg.execute("DROP TABLE IF EXISTS " + TABLE, "CREATE TABLE " + TABLE + " (id int PRIMARY KEY)",
            "INSERT INTO " + TABLE + " SELECT generate_series(1, 10)");
    }

    private static RangeRead range(String exported) {
        return new RangeRead(new TableId("public", TABLE), new SplitRange(1_767_225_600_000L, 1, List.of("5")),
            Optional.of(exported));
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static long rows(Connection connection) throws SQLException {
        return Long.parseLong(text(connection, "SELECT count(*) FROM " + TABLE));
    }

    /** The exporter's transaction, as the connector holds it: its snapshot's identifier and its snapshot. */
    private static String[] export(Connection exporter) throws SQLException {
        try (Statement st = exporter.createStatement()) {
            st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        }
        return new String[] {text(exporter, "SELECT pg_export_snapshot()"),
            text(exporter, "SELECT txid_current_snapshot()::text")};
    }

    private String state(int pid) throws SQLException {
        try (Connection observer = pg.connect();
             PreparedStatement st = observer.prepareStatement("SELECT state FROM pg_stat_activity WHERE pid = ?")) {
            st.setInt(1, pid);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    @Test
    void theRangesTransactionImportsTheExportedSnapshot() throws SQLException {
        try (Connection exporter = pg.connect(); Connection reader = pg.connect()) {
            String[] exported = export(exporter);
            // Committed after the export, before the import: a snapshot of the reader's own would see it.
            pg.execute("INSERT INTO " + TABLE + " VALUES (11)");
            RangeRead range = range(exported[0]);

            range.begin(reader);

            assertThat(range.importing()).isTrue();
            assertThat(reader.getAutoCommit()).isFalse();
            assertThat(text(reader, "SELECT txid_current_snapshot()::text")).isEqualTo(exported[1]);
            assertThat(rows(reader)).isEqualTo(10);
            assertThat(text(reader, "SELECT current_setting('transaction_isolation')")).isEqualTo("repeatable read");
            assertThat(text(reader, "SELECT current_setting('transaction_read_only')")).isEqualTo("on");
            reader.commit();
            assertThat(rows(reader)).as("a transaction after the range's own").isEqualTo(11);
        }
    }

    @Test
    void aSnapshotWhoseExporterIsGoneIsReportedOnceAndLeavesNoTransactionOpen() throws SQLException {
        String identifier;
        try (Connection exporter = pg.connect()) {
            identifier = export(exporter)[0];
        }
        pg.execute("INSERT INTO " + TABLE + " VALUES (11)");
        RangeRead range = range(identifier);
        try (LogCapture log = LogCapture.begin(); Connection reader = pg.connect()) {
            int pid = Integer.parseInt(text(reader, "SELECT pg_backend_pid()"));

            range.begin(reader);

            assertThat(range.importing()).isFalse();
            assertThat(state(pid)).as("the server's view of the range's connection").isEqualTo("idle");
            assertThat(LogCapture.occurrences(log.text(), WARNING)).isEqualTo(1);
            assertThat(log.text()).contains("public." + TABLE).contains("range 2 of 2");
            // A plain query works, in a snapshot of its own.
            assertThat(rows(reader)).isEqualTo(11);
            reader.rollback();

            // Later transactions of the range do not try again: the connection is left as it is, nothing is logged.
            reader.setAutoCommit(true);
            range.begin(reader);
            range.begin(reader);

            assertThat(reader.getAutoCommit()).isTrue();
            assertThat(state(pid)).isEqualTo("idle");
            assertThat(LogCapture.occurrences(log.text(), WARNING)).isEqualTo(1);
            assertThat(range.importing()).isFalse();
        }
    }

    @Test
    void anIdentifierThatIsNoSnapshotsIsNeverSentToTheServer() throws SQLException {
        RangeRead range = range("x'; DROP TABLE " + TABLE + "; --");

        assertThat(range.importing()).isFalse();
        try (Connection reader = pg.connect()) {
            range.begin(reader);
            assertThat(reader.getAutoCommit()).isTrue();
            assertThat(rows(reader)).isEqualTo(10);
        }
    }
}
