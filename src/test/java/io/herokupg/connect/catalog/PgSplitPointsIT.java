/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.config.TableType;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.ReadOnlyRole;
import io.herokupg.connect.testing.SharedServices;

/**
 * Split points on a real server: from the statistics when they are fresh, from a sample when they are stale or
 * missing, every range checked by counting the table's rows in it. Autovacuum is off on the tables, so that their
 * statistics are exactly as old as the test makes them.
 */
class PgSplitPointsIT {
    private static final String NO_AUTOVACUUM = " WITH (autovacuum_enabled = false)";
    private final PostgresFixture pg = SharedServices.postgres();

    @Test
    void anAnalyzedTableIsSplitByItsStatistics() throws Exception {
        pg.execute("DROP TABLE IF EXISTS sp_stats",
            "CREATE TABLE sp_stats (id int8 PRIMARY KEY, pad text)" + NO_AUTOVACUUM,
            "INSERT INTO sp_stats SELECT i * 3, 'x' FROM generate_series(1, 200000) i", "ANALYZE sp_stats");
        try (Connection conn = pg.connect()) {
            TableInfo table = table(conn, "sp_stats", TableType.TABLE);
            PgSplitPoints.Cuts cuts = PgSplitPoints.of(conn, table, 8, 200_000);
            assertThat(cuts.source()).isEqualTo("statistics");
            assertThat(cuts.values()).hasSize(7);
            assertBalanced(conn, table, cuts);
        }
    }

    @Test
    void staleStatisticsOfASkewedTableGiveWayToASample() throws Exception {
        // VACUUM brings the row estimate up to date, not the histogram, which still ends at 20,000.
        pg.execute("DROP TABLE IF EXISTS sp_skew",
            "CREATE TABLE sp_skew (id int8 PRIMARY KEY)" + NO_AUTOVACUUM,
            "INSERT INTO sp_skew SELECT i FROM generate_series(1, 20000) i", "ANALYZE sp_skew",
            "INSERT INTO sp_skew SELECT i FROM generate_series(20001, 400000) i", "VACUUM sp_skew");
        try (Connection conn = pg.connect()) {
            TableInfo table = table(conn, "sp_skew", TableType.TABLE);
            long estimate = PgRowEstimate.of(conn, table.id()).orElseThrow();
            assertThat(estimate).as("a sample of part of the table").isGreaterThan(100_000);
            PgSplitPoints.Cuts cuts = PgSplitPoints.of(conn, table, 4, estimate);
            assertBalanced(conn, table, cuts);
            assertThat(cuts.values()).hasSize(3);
            assertThat(cuts.source()).isEqualTo("sample");
        }
    }

    @Test
    void aTableNeverAnalyzedIsSplitByASample() throws Exception {
        pg.execute("DROP TABLE IF EXISTS sp_fresh",
            "CREATE TABLE sp_fresh (id int4 PRIMARY KEY)" + NO_AUTOVACUUM,
            "INSERT INTO sp_fresh SELECT i * i FROM generate_series(1, 40000) i");
        try (Connection conn = pg.connect()) {
            TableInfo table = table(conn, "sp_fresh", TableType.TABLE);
            PgSplitPoints.Cuts cuts = PgSplitPoints.of(conn, table, 5, -1);
            assertThat(cuts.source()).isEqualTo("sample");
            assertThat(cuts.values()).hasSize(4);
            assertBalanced(conn, table, cuts);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "uuid", "timestamptz"})
    void keysOfOtherTypesAreSplitToo(String type) throws Exception {
        String expression = switch (type) {
            case "text" -> "md5(i::text) || ' ''\"\\,{}'"; // characters an array literal quotes
            case "uuid" -> "md5(i::text)::uuid";
            default -> "timestamptz '2020-01-01 00:00:00+00' + i * interval '1 minute 7.25 seconds'";
        };
        String name = "sp_type_" + type;
        pg.execute("DROP TABLE IF EXISTS " + name,
            "CREATE TABLE " + name + " (id " + type + " PRIMARY KEY)" + NO_AUTOVACUUM,
            "INSERT INTO " + name + " SELECT " + expression + " FROM generate_series(1, 60000) i",
            "ANALYZE " + name);
        try (Connection conn = pg.connect()) {
            TableInfo table = table(conn, name, TableType.TABLE);
            PgSplitPoints.Cuts cuts = PgSplitPoints.of(conn, table, 6, 60_000);
            assertThat(cuts.source()).isEqualTo("statistics");
            assertThat(cuts.values()).hasSize(5);
            assertBalanced(conn, table, cuts);
        }
    }

    @Test
    void aLeadingColumnOfTwoValuesGivesOneCutAtMost() throws Exception {
        pg.execute("DROP TABLE IF EXISTS sp_pair",
            "CREATE TABLE sp_pair (a int4, b int4, PRIMARY KEY (a, b))" + NO_AUTOVACUUM,
            "INSERT INTO sp_pair SELECT 1 + i % 2, i FROM generate_series(1, 10000) i", "ANALYZE sp_pair");
        try (Connection conn = pg.connect()) {
            PgSplitPoints.Cuts cuts = PgSplitPoints.of(conn, table(conn, "sp_pair", TableType.TABLE), 4, 10_000);
            assertThat(cuts.values()).as("never the smallest value").containsExactly("2");
        }
    }

    @Test
    void anEmptyTableIsNotSplit() throws Exception {
        pg.execute("DROP TABLE IF EXISTS sp_empty", "CREATE TABLE sp_empty (id int8 PRIMARY KEY)" + NO_AUTOVACUUM,
            "ANALYZE sp_empty");
        try (Connection conn = pg.connect()) {
            assertThat(PgSplitPoints.of(conn, table(conn, "sp_empty", TableType.TABLE), 4, 0).values()).isEmpty();
        }
    }

    @Test
    void aPartitionedTableIsSplitByTheStatisticsOfAllItsPartitions() throws Exception {
        pg.execute("DROP TABLE IF EXISTS sp_parted",
            "CREATE TABLE sp_parted (id int8 PRIMARY KEY) PARTITION BY RANGE (id)",
            "CREATE TABLE sp_parted_1 PARTITION OF sp_parted FOR VALUES FROM (0) TO (10000)" + NO_AUTOVACUUM,
            "CREATE TABLE sp_parted_2 PARTITION OF sp_parted FOR VALUES FROM (10000) TO (MAXVALUE)" + NO_AUTOVACUUM,
            "INSERT INTO sp_parted SELECT i FROM generate_series(1, 80000) i", "ANALYZE sp_parted");
        try (Connection conn = pg.connect()) {
            TableInfo table = table(conn, "sp_parted", TableType.TABLE);
            assertThat(table.partitioned()).isTrue();
            PgSplitPoints.Cuts cuts = PgSplitPoints.of(conn, table, 4, 80_000);
            assertThat(cuts.source()).isEqualTo("statistics");
            assertThat(cuts.values()).hasSize(3);
            assertBalanced(conn, table, cuts);
        }
    }

    @Test
    void aMaterializedViewIsSplitByItsStatistics() throws Exception {
        pg.execute("DROP MATERIALIZED VIEW IF EXISTS sp_mv",
            "CREATE MATERIALIZED VIEW sp_mv AS SELECT i AS id FROM generate_series(1, 50000) i",
            "CREATE UNIQUE INDEX ON sp_mv (id)", "ANALYZE sp_mv");
        try (Connection conn = pg.connect()) {
            TableInfo table = withKey(table(conn, "sp_mv", TableType.MATERIALIZED_VIEW));
            PgSplitPoints.Cuts cuts = PgSplitPoints.of(conn, table, 4, 50_000);
            assertThat(cuts.source()).isEqualTo("statistics");
            assertThat(cuts.values()).hasSize(3);
            assertBalanced(conn, table, cuts);
        }
    }

    /**
     * As a role with only SELECT, in the read-only, repeatable-read transaction of a parallel load: a view cannot be
     * sampled, which fails a query, and the transaction goes on.
     */
    @Test
    void aReadOnlyRoleInAReadOnlyTransactionSplitsAndTheTransactionGoesOn() throws Exception {
        pg.execute("DROP VIEW IF EXISTS sp_ro_v", "DROP TABLE IF EXISTS sp_ro",
            "CREATE TABLE sp_ro (id int8 PRIMARY KEY)" + NO_AUTOVACUUM,
            "INSERT INTO sp_ro SELECT i FROM generate_series(1, 40000) i", "ANALYZE sp_ro",
            "CREATE VIEW sp_ro_v AS SELECT id FROM sp_ro");
        ReadOnlyRole.create(pg);
        try (Connection conn = readOnly()) {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            TableInfo table = table(conn, "sp_ro", TableType.TABLE);
            PgSplitPoints.Cuts cuts = PgSplitPoints.of(conn, table, 4, 40_000);
            assertThat(cuts.source()).isEqualTo("statistics");
            assertBalanced(conn, table, cuts);

            TableInfo view = withKey(table(conn, "sp_ro_v", TableType.VIEW));
            PgSplitPoints.Cuts exact = PgSplitPoints.of(conn, view, 4, 40_000);
            assertThat(exact.values()).as("a small view: its exact quantiles").containsExactly("10000", "20000",
                "30000");
            assertThat(PgSplitPoints.of(conn, view, 4, 1_000_000).values()).as("a large view is not split").isEmpty();
            assertThat(query(conn, "SELECT current_setting('transaction_read_only') || ' '"
                + " || current_setting('transaction_isolation') || ' ' || count(*) FROM sp_ro"))
                .isEqualTo("on repeatable read 40000");
            conn.commit();
        }
    }

    private static TableInfo table(Connection conn, String name, TableType type) throws SQLException {
        TableId id = new TableId("public", name);
        return PgCatalog.discover(conn, Set.of(type), id::equals).get(0);
    }

    /** A relation without a primary key (a view) with its "id" column as one. */
    private static TableInfo withKey(TableInfo t) {
        return new TableInfo(t.id(), t.columns(), List.of("id"), t.estimatedBytes(), t.type(), t.relid(),
            t.partitioned());
    }

    /** The rows of each range the cuts make, counted in the table, none empty and none above twice the mean. */
    private static void assertBalanced(Connection conn, TableInfo table, PgSplitPoints.Cuts cuts) throws SQLException {
        ColumnInfo key = table.primaryKeyColumns().get(0);
        String column = Identifiers.quote(key.name());
        String cast = "CAST(? AS " + key.sqlType() + ")";
        List<Long> counts = new ArrayList<>();
        List<String> bounds = new ArrayList<>();
        bounds.add(null);
        bounds.addAll(cuts.values());
        bounds.add(null);
        for (int i = 0; i + 1 < bounds.size(); i++) {
            String sql = "SELECT count(*) FROM " + table.fromItem() + " WHERE (" + cast + " IS NULL OR " + column
                + " >= " + cast + ") AND (" + cast + " IS NULL OR " + column + " < " + cast + ")";
            try (PreparedStatement st = conn.prepareStatement(sql)) {
                for (int p = 1; p <= 4; p++) {
                    st.setString(p, bounds.get(i + (p - 1) / 2));
                }
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    counts.add(rs.getLong(1));
                }
            }
        }
        double mean = counts.stream().mapToLong(Long::longValue).sum() / (double) counts.size();
        assertThat(counts).as("rows per range of %s", cuts).allSatisfy(count ->
            assertThat(count).isPositive().isLessThanOrEqualTo((long) (2 * mean)));
    }

    private Connection readOnly() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", ReadOnlyRole.USER);
        props.setProperty("password", ReadOnlyRole.PASSWORD);
        props.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.database(),
            props);
    }

    private static String query(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
