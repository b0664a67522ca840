/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.PgActivity;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.types.RecordBuilder;

/**
 * INCREMENTAL (key-based): emits the rows whose replication key moved past the position, in (key, primary key)
 * order, including the rows of transactions that commit after a later key was emitted.
 *
 * <p>Each pass re-reads from a lower key bound ({@code low}) that no transaction still running at the previous
 * pass's snapshot can write below, and emits only the row versions that snapshot (the fence) did not see. The
 * bound comes from the running transactions' start times ({@code pg_stat_activity.xact_start}, which is
 * {@code now()} in them and precedes any sequence value they draw): it is the highest key emitted by the last pass
 * that ended before the oldest of them started. With no long transaction running, that is the previous pass's last
 * key, and an idle pass is an index range scan over the rows sharing it. Rows whose key is NULL are not emitted
 * (until an update sets it). For a view (no row versions) there is no fence: passes continue strictly after the
 * highest key emitted, and a late commit below it is not seen.
 */
final class IncrementalReader extends ChangeReader {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalReader.class);
    /** A transaction open this long is reported, since it holds the re-read bound back. */
    private static final Duration LONG_TRANSACTION = Duration.ofMinutes(5);
    /** Margin for the rounding of server times to microseconds through a float on old servers. */
    private static final long CLOCK_MARGIN_MICROS = 1_000;

    private ColumnInfo key;
    private boolean warnedHidden;
    private int reportedPid;
    private PgActivity.Transactions activity;

    IncrementalReader(RecordBuilder builder, ColumnInfo key, Map<String, Object> partition, PassSchedule schedule,
                      Clock clock, boolean headers, BuilderSource builders, Executor fetchers, ChangeOffset start) {
        super(builder, partition, schedule, clock, headers, builders, fetchers, start);
        this.key = key;
    }

    /** A new shape must still have the replication key; its type may have changed (e.g. widened). */
    @Override
    void rebuild(RecordBuilder rebuilt) {
        key = rebuilt.table().column(key.name()).orElseThrow(() -> new ConnectException("Table " + table()
            + ": its replication key column '" + key.name() + "' was dropped or renamed. Set "
            + "table." + table() + ".replication.key (or replication.key) to the column that now orders its"
            + " changes; the table then starts afresh with a full initial pass"));
        super.rebuild(rebuilt);
    }

    @Override
    boolean keyed() {
        return true;
    }

    @Override
    String leadExpression(String xid) {
        return table().quoted() + "." + Identifiers.quote(key.name());
    }

    @Override
    String leadType() {
        return key.sqlType();
    }

    @Override
    List<String> rangeConditions() {
        String column = Identifiers.quote(key.name());
        ChangeOffset position = position();
        if (versioned() && position.low().isPresent()) {
            return List.of(column + " >= " + ChangeQuery.cast(position.low().get(), key.sqlType()));
        }
        if (!versioned() && position.high().isPresent()) {
            return List.of(column + " > " + ChangeQuery.cast(position.high().get(), key.sqlType()));
        }
        return List.of(column + " IS NOT NULL");
    }

    @Override
    OptionalLong horizon(Connection connection) throws SQLException {
        if (!versioned()) {
            return OptionalLong.empty();
        }
        if (position().fence().isEmpty() && position().history().isEmpty()) {
            markHighestKey(connection);
        }
        PgActivity.Transactions running = PgActivity.running(connection);
        activity = running;
        if (running.hiddenBackends() > 0 && !warnedHidden) {
            warnedHidden = true;
            LOG.warn("Table {}: the connecting user cannot see the transactions of {} other session(s) (grant it"
                + " pg_read_all_stats); a row they commit late with a key below one already emitted would be"
                + " missed", table(), running.hiddenBackends());
        }
        long openMicros = running.nowMicros() - running.horizonMicros();
        if (openMicros > LONG_TRANSACTION.toNanos() / 1000 && running.oldestPid() != reportedPid) {
            reportedPid = running.oldestPid();
            LOG.info("Table {}: the transaction of backend {} has been open for {} s; until it ends, each pass"
                + " re-reads the rows written since it began", table(), running.oldestPid(), openMicros / 1_000_000);
        }
        return OptionalLong.of(running.horizonMicros() - CLOCK_MARGIN_MICROS);
    }

    @Override
    public Optional<PgActivity.Transactions> activity() {
        return Optional.ofNullable(activity);
    }

    @Override
    public Optional<Key> newestKey() {
        // A pass in primary-key order does not reach its highest key last.
        return position().pass().filter(p -> !p.primaryKeyOrder()).flatMap(ChangeOffset.Pass::last)
            .map(l -> l.get(0)).or(() -> position().high()).map(k -> new Key(key.sqlType(), k));
    }

    /**
     * Before the first pass: the highest key visible now. Every transaction that starts later draws keys above it
     * (or equal to it, which the inclusive bound covers), so the second pass need not re-read the whole table.
     */
    private void markHighestKey(Connection connection) throws SQLException {
        // Qualified: in ORDER BY, the bare name would mean the select list's text of the key (text order, and a sort
        // of the whole table instead of one step down the key's index).
        String column = table().quoted() + "." + Identifiers.quote(key.name());
        String sql = "SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::int8, (" + column + ")::text FROM "
            + table().quoted() + " WHERE " + column + " IS NOT NULL ORDER BY " + column + " DESC LIMIT 1";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (rs.next()) {
                position(position().withMark(new ChangeOffset.Mark(rs.getLong(1), rs.getString(2))));
            }
        }
    }
}
