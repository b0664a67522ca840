/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.PgActivity;
import io.herokupg.connect.config.ReplicationSettings;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.types.RecordBuilder;

/**
 * INCREMENTAL (key-based): emits the rows whose replication key moved past the position, in (key, primary key)
 * order, including the rows of transactions that commit after a later key was emitted.
 *
 * <p>Each pass re-reads from a lower key bound ({@code low}) that no transaction still running at the previous
 * pass's snapshot can write below, and emits only the row versions that snapshot (the fence) did not see. The bound
 * comes from the horizon, the start of the oldest transaction running before the snapshot ({@link TransactionHorizon}:
 * {@code now()} in it, and before any sequence value it draws). For a time key ({@link TimeKeys}) it is the horizon
 * itself on the database's clock, less the skew an application's clock may have; for another key (a sequence) the
 * highest key emitted by the last pass that ended before the horizon. With no long transaction running, an idle
 * pass is an index range scan over the last moments' rows. Rows whose key is NULL are not emitted (until an update
 * sets it). For a view (no row versions) there is no fence: passes continue strictly after the highest key emitted,
 * and a late commit below it is not seen.
 */
final class IncrementalReader extends ChangeReader {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalReader.class);
    /** A transaction open this long is reported, since it holds the re-read bound back. */
    private static final Duration LONG_TRANSACTION = Duration.ofMinutes(5);

    private ColumnInfo key;
    private final ReplicationSettings.KeyClock keyClock;
    private int reportedPid;
    private boolean reportedPrepared;
    private PgActivity.Transactions activity;

    IncrementalReader(RecordBuilder builder, ColumnInfo key, ReplicationSettings.KeyClock keyClock,
                      Map<String, Object> partition, PassSchedule schedule, ReaderContext context,
                      ChangeOffset start) {
        super(builder, partition, schedule, context, start);
        this.key = key;
        this.keyClock = keyClock;
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
    public boolean keyed() {
        return true;
    }

    @Override
    public String leadExpression(String xid) {
        return table().quoted() + "." + Identifiers.quote(key.name());
    }

    @Override
    public String leadType() {
        return key.sqlType();
    }

    @Override
    public List<String> rangeConditions() {
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
    public boolean looksAtActivity() {
        return versioned();
    }

    @Override
    public Optional<String> beyondNextPass(ChangeOffset.Pass pass) {
        return pass.nextLow().map(bound -> leadExpression("") + " < " + ChangeQuery.cast(bound, key.sqlType()));
    }

    @Override
    public Optional<String> nextLow(Optional<TransactionHorizon.Look> look) {
        if (!versioned() || look.isEmpty()) {
            return position().low();
        }
        TransactionHorizon.Look seen = look.get();
        activity = seen.transactions();
        report(seen);
        if (seen.horizon().isEmpty()) {
            // When a running transaction began is not known: the bound stays (rows are re-read, never missed).
            return position().low();
        }
        long horizon = seen.horizon().getAsLong();
        if (TimeKeys.isTime(key)) {
            return TimeKeys.low(key, horizon, keyClock);
        }
        position(position().withHorizon(horizon - TransactionHorizon.CLOCK_MARGIN_MICROS));
        return position().lowFor(horizon - TransactionHorizon.CLOCK_MARGIN_MICROS);
    }

    private void report(TransactionHorizon.Look seen) {
        if (seen.prepared() && !reportedPrepared) {
            LOG.info("Table {}: a prepared transaction (two-phase commit) waits in the database; until it is committed"
                + " or rolled back, passes do not move their re-read bound", table());
        }
        reportedPrepared = seen.prepared();
        long openMicros = seen.horizon().isPresent() ? seen.nowMicros() - seen.horizon().getAsLong() : 0;
        if (openMicros > LONG_TRANSACTION.toNanos() / 1000 && seen.oldestPid() != reportedPid) {
            reportedPid = seen.oldestPid();
            LOG.info("Table {}: the transaction of backend {} has been open for {} s{}; until it ends, each pass"
                + " re-reads the rows written since it began", table(), seen.oldestPid(), openMicros / 1_000_000,
                seen.hidden() > 0 ? " or more" : "");
        }
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
     * Before the first pass, for a key that is not a time (a sequence): the highest key visible now, and the server's
     * clock then. Every transaction that starts after that draws keys above it (or equal to it, which the inclusive
     * bound covers), so once the first pass saw none running from before then, the second pass need not re-read the
     * whole table. A time key's bound comes from the clock.
     */
    @Override
    public Optional<ChangeOffset.Mark> beforeFirstPass(Connection connection) throws SQLException {
        if (TimeKeys.isTime(key)) {
            return Optional.empty();
        }
        connection.setAutoCommit(true);
        // Qualified: in ORDER BY, the bare name would mean the select list's text of the key (text order, and a sort
        // of the whole table instead of one step down the key's index).
        String column = table().quoted() + "." + Identifiers.quote(key.name());
        String sql = "SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::int8, (" + column + ")::text FROM "
            + builder.table().fromItem() + " WHERE " + column + " IS NOT NULL ORDER BY " + column + " DESC LIMIT 1";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? Optional.of(new ChangeOffset.Mark(rs.getLong(1), rs.getString(2))) : Optional.empty();
        }
    }

    @Override
    public void marked(ChangeOffset.Mark mark) {
        position(position().withMark(mark));
    }
}
