/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boundaries that split a table's primary-key space into ranges of about equal row counts on its leading key
 * column, for a parallel load. The planner's statistics ({@code pg_stats.histogram_bounds}, equal-frequency) give them
 * for free; they are used when a sample of the table ({@code TABLESAMPLE SYSTEM}) finds them balanced (the largest
 * range at most twice the mean), else the sample's own quantiles are. A relation that cannot be sampled (a view) and
 * is small is split at its exact quantiles; a large one is not split.
 */
public final class PgSplitPoints {
    /** About this many rows are sampled. */
    static final long SAMPLE_ROWS = 30_000;
    /** A sample with fewer rows checks nothing and splits nothing. */
    static final long MIN_SAMPLE_ROWS = 50;
    /** Up to this estimate, a table that cannot be sampled is split at its exact quantiles. */
    static final long EXACT_MAX_ROWS = 100_000;
    /** The largest range of accepted statistics holds at most this many times the mean (in the sample). */
    static final double MAX_IMBALANCE = 2.0;

    private static final Logger LOG = LoggerFactory.getLogger(PgSplitPoints.class);
    private static final String STATISTICS = "statistics";
    private static final String SAMPLE = "sample";
    // Errors of a query this class may give up on: a relation that cannot be sampled (42809: TABLESAMPLE on a view
    // or a foreign table), a type without the function or cast needed (42883, 42846), a value that does not cast
    // (class 22), a feature not supported (class 0A). Others (no privilege, a lost connection, a cancel) go up.
    private static final Set<String> TOLERATED = Set.of("42809", "42883", "42846", "22", "0A");
    // The histogram of the rows the FROM item reads: a partitioned table's covers its partitions (inherited), an
    // ONLY table's its own rows.
    private static final String BOUNDS_SQL = "SELECT u.b::text FROM pg_catalog.pg_stats s,"
        + " unnest(CAST(s.histogram_bounds::text AS %s[])) WITH ORDINALITY AS u(b, n)"
        + " WHERE s.schemaname = ? AND s.tablename = ? AND s.attname = ? AND s.inherited = ? ORDER BY u.n";
    private static final String QUANTILES_SQL = "SELECT count(%1$s),"
        + " (percentile_disc(CAST(? AS float8[])) WITHIN GROUP (ORDER BY %1$s))::text[] FROM %2$s";
    private static final String BUCKETS_SQL = "SELECT count(*) FROM %2$s"
        + " GROUP BY width_bucket(%1$s, CAST(CAST(? AS text[]) AS %3$s[]))";

    /**
     * The result.
     *
     * @param values the cut values as the leading key column's text output, ascending, distinct, at most
     *               {@code ranges - 1}, none the smallest value seen; empty when no split is possible
     * @param source where they came from: {@code "statistics"} or {@code "sample"}
     */
    public record Cuts(List<String> values, String source) {
        public Cuts {
            values = List.copyOf(values);
        }
    }

    /** What a sample found: how many rows it saw and the quantiles of the leading key column among them. */
    private record Sample(long rows, List<String> cuts) {
    }

    private PgSplitPoints() {
    }

    /**
     * The cuts for splitting the table into at most {@code ranges} ranges. Runs in whatever transaction the
     * connection is in (such as a read-only, repeatable-read one with an exported snapshot) and leaves it usable:
     * a query that fails is rolled back to a savepoint. Needs only SELECT on the table.
     *
     * @param estimatedRows the planner's estimate of the row count, which sizes the sample; {@code <= 0} if unknown,
     *                      which samples the whole table
     */
    public static Cuts of(Connection conn, TableInfo table, int ranges, long estimatedRows) throws SQLException {
        if (table.primaryKey().isEmpty()) {
            throw new IllegalArgumentException("table " + table.id() + " has no primary key to split on");
        }
        if (ranges < 2) {
            return new Cuts(List.of(), SAMPLE);
        }
        ColumnInfo key = table.primaryKeyColumns().get(0);
        String column = Identifiers.quote(key.name());
        String from = table.fromItem() + " TABLESAMPLE SYSTEM (" + samplePercent(estimatedRows) + ") REPEATABLE (0)";
        Optional<Sample> sample = quantiles(conn, column, from, ranges);
        if (sample.isEmpty() || sample.get().rows() < MIN_SAMPLE_ROWS) {
            boolean exact = estimatedRows <= EXACT_MAX_ROWS;
            Optional<Sample> whole = exact ? quantiles(conn, column, table.fromItem(), ranges) : Optional.empty();
            return new Cuts(whole.map(Sample::cuts).orElse(List.of()), SAMPLE);
        }
        List<String> statistics = statisticsCuts(conn, table, key, ranges);
        if (!statistics.isEmpty() && statistics.size() >= sample.get().cuts().size()
            && balanced(conn, column, from, key.sqlType(), statistics)) {
            return new Cuts(statistics, STATISTICS);
        }
        return new Cuts(sample.get().cuts(), SAMPLE);
    }

    /** The sampling percentage for about {@link #SAMPLE_ROWS} rows, in (0, 100]. */
    static String samplePercent(long estimatedRows) {
        if (estimatedRows <= SAMPLE_ROWS) {
            return "100";
        }
        double percent = Math.max(100.0 * SAMPLE_ROWS / estimatedRows, 1e-6);
        return String.format(Locale.ROOT, "%.6f", percent);
    }

    /** Cuts at equal quantiles of the histogram bounds; empty when the column has no histogram. */
    private static List<String> statisticsCuts(Connection conn, TableInfo table, ColumnInfo key, int ranges)
        throws SQLException {
        String sql = String.format(BOUNDS_SQL, key.sqlType());
        Optional<List<String>> bounds = attempt(conn, () -> {
            List<String> values = new ArrayList<>();
            try (PreparedStatement st = conn.prepareStatement(sql)) {
                st.setString(1, table.id().schema());
                st.setString(2, table.id().table());
                st.setString(3, key.name());
                st.setBoolean(4, table.partitioned());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
            }
            return values;
        });
        List<String> all = bounds.orElse(List.of());
        if (all.size() < 2) {
            return List.of();
        }
        List<String> picked = new ArrayList<>();
        picked.add(all.get(0));
        for (int i = 1; i < ranges; i++) {
            picked.add(all.get((int) Math.round((double) i * (all.size() - 1) / ranges)));
        }
        return withoutFirst(picked);
    }

    /** The row count and the quantiles at 0, 1/ranges, … (ranges-1)/ranges of the leading column over the FROM. */
    private static Optional<Sample> quantiles(Connection conn, String column, String from, int ranges)
        throws SQLException {
        String fractions = IntStream.range(0, ranges).mapToObj(i -> Double.toString((double) i / ranges))
            .collect(Collectors.joining(",", "{", "}"));
        String sql = String.format(QUANTILES_SQL, column, from);
        return attempt(conn, () -> {
            try (PreparedStatement st = conn.prepareStatement(sql)) {
                st.setString(1, fractions);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    long rows = rs.getLong(1);
                    java.sql.Array values = rs.getArray(2);
                    List<String> cuts = values == null ? List.of() : Arrays.asList((String[]) values.getArray());
                    return new Sample(rows, withoutFirst(cuts));
                }
            }
        });
    }

    /** Whether the sample's rows fall into the ranges the cuts make with none above twice the mean. */
    private static boolean balanced(Connection conn, String column, String from, String type, List<String> cuts)
        throws SQLException {
        String sql = String.format(BUCKETS_SQL, column, from, type);
        Optional<Boolean> balanced = attempt(conn, () -> {
            long total = 0;
            long largest = 0;
            try (PreparedStatement st = conn.prepareStatement(sql)) {
                st.setArray(1, conn.createArrayOf("text", cuts.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        total += rs.getLong(1);
                        largest = Math.max(largest, rs.getLong(1));
                    }
                }
            }
            double mean = (double) total / (cuts.size() + 1);
            LOG.debug("split points: the statistics' largest range holds {} sampled rows, the mean is {}", largest,
                mean);
            return largest <= MAX_IMBALANCE * mean;
        });
        return balanced.orElse(false);
    }

    /**
     * The distinct values after the first, which is the smallest seen: a cut there would make an empty range. The
     * values come sorted, so equal ones are adjacent.
     */
    private static List<String> withoutFirst(List<String> sorted) {
        List<String> cuts = new ArrayList<>();
        String previous = sorted.isEmpty() ? null : sorted.get(0);
        for (String value : sorted.subList(Math.min(1, sorted.size()), sorted.size())) {
            if (value != null && !value.equals(previous)) {
                cuts.add(value);
                previous = value;
            }
        }
        return cuts;
    }

    /** A query that may fail without failing the caller's transaction. */
    private interface Query<T> {
        T run() throws SQLException;
    }

    /**
     * Runs the query inside a savepoint when a transaction is open, rolling back to it when the query fails with
     * an error of {@link #TOLERATED}; empty then.
     */
    private static <T> Optional<T> attempt(Connection conn, Query<T> query) throws SQLException {
        Savepoint savepoint = conn.getAutoCommit() ? null : conn.setSavepoint();
        try {
            T result = query.run();
            if (savepoint != null) {
                conn.releaseSavepoint(savepoint);
            }
            return Optional.of(result);
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state == null || state.length() < 2
                || !TOLERATED.contains(state) && !TOLERATED.contains(state.substring(0, 2))) {
                throw e;
            }
            if (savepoint != null) {
                conn.rollback(savepoint);
                conn.releaseSavepoint(savepoint);
            }
            LOG.debug("split points: a query failed ({}); going on without it", state, e);
            return Optional.empty();
        }
    }
}
