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
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.batch.Batch;
import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.PgActivity;
import io.herokupg.connect.config.ReplicationSettings;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.read.plan.KeyRange;
import io.herokupg.connect.read.plan.Lead;
import io.herokupg.connect.read.plan.PassQuery;

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
final class IncrementalMethod extends FencedMethod {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalMethod.class);
    /** A transaction open this long is reported, since it holds the re-read bound back. */
    private static final Duration LONG_TRANSACTION = Duration.ofMinutes(5);

    private ColumnInfo key;
    private final ReplicationSettings.KeyClock keyClock;
    private int reportedPid;
    private boolean reportedPrepared;
    private PgActivity.Transactions activity;

    IncrementalMethod(TableShape shape, ColumnInfo key, ReplicationSettings.KeyClock keyClock,
                      ReaderContext context, ChangeOffset start) {
        super(shape, context, start);
        this.key = key;
        this.keyClock = keyClock;
    }

    /** A new shape must still have the replication key; its type may have changed (e.g. widened). */
    @Override
    void reshaped(TableShape.Change change) {
        key = change.after().table().column(key.name()).orElseThrow(() -> new ConnectException("Table " + table()
            + ": its replication key column '" + key.name() + "' was dropped or renamed. Set "
            + "table." + table() + ".replication.key (or replication.key) to the column that now orders its"
            + " changes; the table then starts afresh with a full initial pass"));
    }

    @Override
    boolean keyed() {
        return true;
    }

    @Override
    Lead lead(long readXmax) {
        return Lead.key(shape.table(), key);
    }

    @Override
    List<String> rangeConditions() {
        return KeyRange.conditions(key, position(), versioned());
    }

    @Override
    boolean looksAtActivity() {
        return versioned();
    }

    /** Holds the pass's range back from row versions unseen by the fence that it may not emit yet (its watermark). */
    @Override
    ChangeOffset.Pass beforePlan(Connection connection, ChangeOffset.Pass pass) throws SQLException {
        if (versioned() && delayed(connection, pass)) {
            position(position().withPass(position().passStartedMs(), pass.withNextLow(position().low())));
        }
        return position().pass().orElseThrow();
    }

    private boolean delayed(Connection connection, ChangeOffset.Pass pass) throws SQLException {
        Optional<List<String>> conditions = conditions(pass).delayed();
        return conditions.isPresent()
            && PassTransactions.text(connection, PassQuery.existsSql(shape.table(), conditions.get())).isPresent();
    }

    @Override
    Optional<String> beyondNextPass(ChangeOffset.Pass pass) {
        return pass.nextLow().map(bound -> KeyRange.below(shape.table(), key, bound));
    }

    @Override
    Optional<String> nextLow(Optional<TransactionHorizon.Look> look) {
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
    public Optional<Batch.Key> newestKey() {
        // A pass in primary-key order does not reach its highest key last.
        return position().pass().filter(p -> !p.primaryKeyOrder()).flatMap(ChangeOffset.Pass::last)
            .map(l -> l.get(0)).or(() -> position().high()).map(k -> new Batch.Key(key.sqlType(), k));
    }

    /**
     * Before the first pass, for a key that is not a time (a sequence): the highest key visible now, and the server's
     * clock then. Every transaction that starts after that draws keys above it (or equal to it, which the inclusive
     * bound covers), so once the first pass saw none running from before then, the second pass need not re-read the
     * whole table. A time key's bound comes from the clock.
     */
    @Override
    Optional<ChangeOffset.Mark> beforeFirstPass(Connection connection) throws SQLException {
        if (TimeKeys.isTime(key)) {
            return Optional.empty();
        }
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(PassQuery.highestKeyMarkSql(shape.table(), key))) {
            return rs.next() ? Optional.of(new ChangeOffset.Mark(rs.getLong(1), rs.getString(2))) : Optional.empty();
        }
    }

    @Override
    public OptionalLong completedPassStartedMs() {
        ChangeOffset at = position();
        return at.pass().isEmpty() && at.fence().isPresent() ? OptionalLong.of(at.passStartedMs())
            : OptionalLong.empty();
    }
}
