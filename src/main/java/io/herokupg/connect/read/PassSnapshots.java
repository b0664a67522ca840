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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.PgActivity;
import io.herokupg.connect.catalog.PgServer;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.config.ConnectionFragment;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.SnapshotOrigin;
import io.herokupg.connect.offset.Snapshots;

/**
 * Where a fenced pass (INCREMENTAL, XMIN) takes its snapshot, and the transaction it reads its rows in.
 *
 * <p>On a primary, both are the pass's own {@code REPEATABLE READ} transaction. A hot standby (a Heroku follower)
 * cannot do that: its snapshots' text lists no running transaction (in recovery PostgreSQL keeps them out of the
 * list {@code txid_current_snapshot()} prints), and its activity views show only its own sessions, so a snapshot
 * taken there would claim to have seen transactions still open on the primary. So there the pass takes its snapshot
 * on the primary ({@code database.primary.url}: one autocommit query, after reading what runs there), with the end
 * of the primary's WAL just after it; waits until the standby has replayed that far, so that a snapshot the standby
 * takes then sees every commit the primary's saw (and perhaps later ones); and reads the rows there, emitting only the
 * row versions the primary's snapshot saw ({@link io.herokupg.connect.read.plan.FenceConditions}). The standby is
 * found out by the pass's own transaction ({@code pg_is_in_recovery()}), and a promoted one by the wait, or when its
 * old primary cannot be reached (it may be gone): a URL that moves between primary and follower is followed pass by
 * pass.
 *
 * <p>Shared by a task's readers, with the {@link TransactionHorizon} of the server their snapshots come from.
 */
public final class PassSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(PassSnapshots.class);
    /** How long a poll waits for the follower to replay up to a pass's snapshot before giving the turn back. */
    static final Duration REPLAY_WAIT = Duration.ofSeconds(2);
    /** How long a table then waits for its next try. */
    static final Duration FOLLOWER_RETRY = Duration.ofSeconds(1);

    /**
     * The check of a table's shape, when it comes with the look at the running transactions (one round trip less
     * per pass); called before the pass's snapshot, on the reader's connection in autocommit mode.
     */
    @FunctionalInterface
    interface ShapeCheck {
        void check(Optional<String> fingerprint) throws SQLException;
    }

    /** A follower's primary, as the task provides it: a connection to borrow and close. */
    @FunctionalInterface
    public interface Primary {
        Connection borrow() throws SQLException;
    }

    private final Optional<Primary> primary;
    private final TransactionHorizon horizon = new TransactionHorizon();
    /** Whether the database was a hot standby when last seen. */
    private volatile boolean standby;
    private boolean identityChecked;

    public PassSnapshots(Optional<Primary> primary) {
        this.primary = primary;
    }

    /** Snapshots from the database read alone: for a primary, and for tests. */
    public static PassSnapshots local() {
        return new PassSnapshots(Optional.empty());
    }

    /**
     * Where the source of snapshots (the database read, or a follower's primary) stands.
     *
     * @param xmax   the xmax of a snapshot taken there now: no transaction id from it on has ended
     * @param server its state
     * @param local  whether it is the database read (not a follower's primary)
     * @param readerStart when the database read started
     */
    record Source(long xmax, PgServer.State server, boolean local, long readerStart) {
        /** Where a view's passes stand: nothing to check, as they keep no snapshot. */
        static final Source ANY = new Source(Long.MAX_VALUE, new PgServer.State(false, OptionalInt.empty(), 0, 0),
            true, 0);

        /** Why a snapshot of this origin and xmax cannot be trusted here, if it cannot. */
        Optional<String> distrust(String snapshot, Optional<SnapshotOrigin> origin) {
            long snapshotXmax = Snapshots.parse(snapshot).xmax();
            if (snapshotXmax > xmax) {
                return Optional.of("it is above the database's next transaction id (" + snapshotXmax + " > " + xmax
                    + "): transaction ids it saw as ended are being used again (a failover, or a crash that lost"
                    + " commits)");
            }
            if (origin.isEmpty() || server.timeline().isEmpty()) {
                return Optional.empty();
            }
            return origin.get().distrust(server.timeline().getAsInt(), server.lsn(), readerStart, local);
        }
    }

    /**
     * A pass's beginning.
     *
     * @param snapshot     the pass's snapshot (on the primary), which becomes the fence when the pass ends
     * @param micros       the server time just after it was taken
     * @param readXmax     the xmax of the snapshot the rows are read in, which places their 32-bit xmin
     * @param watermark    the oldest transaction running at the snapshot that may have subtransactions, if any
     * @param origin       where the snapshot belongs in the database's history
     * @param inPassTransaction whether the rows are read in the pass's snapshot itself (else in a later one, and only
     *                     the row versions the pass's snapshot saw are its)
     * @param look         what ran when the pass began (INCREMENTAL)
     * @param source       where the source stands
     * @param replayLagMs  on a follower, how long it took to replay up to the snapshot
     */
    record Begun(String snapshot, long micros, long readXmax, OptionalLong watermark, SnapshotOrigin origin,
                 boolean inPassTransaction, Optional<TransactionHorizon.Look> look, Source source,
                 OptionalLong replayLagMs) {
        /**
         * A mark read on the database before the pass began, its time on the clock of the source of snapshots: on a
         * follower, the primary's first look, which began after the mark was read.
         */
        ChangeOffset.Mark onSourceClock(ChangeOffset.Mark mark) {
            return source.local() ? mark : new ChangeOffset.Mark(look.map(l -> l.nowMicros()
                - TransactionHorizon.CLOCK_MARGIN_MICROS).orElse(micros), mark.key());
        }

        /**
         * The pass's watermark: the oldest transaction running at its snapshot that may have subtransactions, else
         * the snapshot's xmax; never below the fence's, since a transaction the fence saw without subtransactions can
         * only start some after it, with ids from the fence's xmax on.
         */
        OptionalLong watermark(OptionalLong fenceWatermark) {
            long own = watermark.orElseGet(() -> Snapshots.parse(snapshot).xmax());
            return OptionalLong.of(Math.max(own, fenceWatermark.orElse(own)));
        }
    }

    /**
     * Begins a pass on the reader's connection: its snapshot, the transaction its rows are read in, and, when asked,
     * what ran just before (its horizon). Empty when the database is a follower that has not yet replayed up to the
     * primary's snapshot within {@link #REPLAY_WAIT}: the pass begins at a later turn.
     */
    Optional<Begun> begin(Connection read, boolean versioned, boolean lookAtActivity) throws SQLException {
        return begin(read, versioned, lookAtActivity, Optional.empty(), Optional.empty());
    }

    /** Work on a connection. */
    interface OnConnection<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs work in autocommit on the primary: the database read, unless it is a hot standby now (asked each time). */
    <T> T onPrimary(Connection read, OnConnection<T> work) throws SQLException {
        read.setAutoCommit(true);
        if (!PgServer.now(read).inRecovery()) {
            return work.run(read);
        }
        standby = true;
        try (Connection conn = primary.orElseThrow(PassSnapshots::noPrimary).borrow()) {
            conn.setAutoCommit(true);
            return work.run(conn);
        }
    }

    /**
     * Whether a pass that begins now would look at the running transactions on the database it reads (not on a
     * follower's primary): its shape check can come with that look ({@link #begin} with a {@link ShapeCheck}).
     */
    boolean looksLocally() {
        return !standby;
    }

    /**
     * {@link #begin(Connection, boolean, boolean)}, the table's shape read with the look at the running transactions
     * (which must be on the database read: {@link #looksLocally()}) and handed to {@code shape} before the snapshot
     * is taken; the transaction the rows are read in locks {@code lockFirst} before its snapshot, when given
     * ({@link PassTransactions#begin(Connection, boolean, Optional)}).
     */
    Optional<Begun> begin(Connection read, boolean versioned, boolean lookAtActivity,
                          Optional<Map.Entry<TableId, ShapeCheck>> shape, Optional<String> lockFirst)
        throws SQLException {
        if (!versioned) {
            // A view: no row versions, hence no fence, and no need of the primary's snapshot.
            PassTransactions.Snapshot taken = PassTransactions.begin(read);
            return Optional.of(new Begun(taken.text(), taken.micros(), taken.xmax(), OptionalLong.empty(), null, true,
                Optional.empty(), Source.ANY, OptionalLong.empty()));
        }
        if (!standby) {
            read.setAutoCommit(true);
            Optional<TransactionHorizon.Look> look = Optional.empty();
            if (lookAtActivity) {
                PgActivity.Activity seen = PgActivity.read(read, shape.map(Map.Entry::getKey));
                if (shape.isPresent()) {
                    shape.get().getValue().check(seen.shape());
                }
                look = Optional.of(horizon.observe(seen));
            }
            PassTransactions.Snapshot taken = PassTransactions.begin(read, true, lockFirst);
            if (!taken.server().inRecovery()) {
                OptionalLong watermark = PgActivity.oldestWithSubtransactions(read, Snapshots.running(taken.text()));
                Source source = new Source(taken.xmax(), taken.server(), true, taken.server().startMicros());
                return Optional.of(new Begun(taken.text(), taken.micros(), taken.xmax(), watermark,
                    origin(taken.server(), taken.server().startMicros()), true, look, source, OptionalLong.empty()));
            }
            read.rollback();
            standby = true;
            LOG.info("The database {} is a hot standby (a follower): INCREMENTAL and XMIN passes take their snapshots"
                + " on its primary", read.getCatalog());
        }
        return beginOnFollower(read, lookAtActivity, lockFirst);
    }

    private Optional<Begun> beginOnFollower(Connection read, boolean lookAtActivity, Optional<String> lockFirst)
        throws SQLException {
        Primary source = primary.orElseThrow(PassSnapshots::noPrimary);
        Optional<TransactionHorizon.Look> look;
        FollowerReplay.PrimarySnapshot taken;
        try (Connection conn = source.borrow()) {
            conn.setAutoCommit(true);
            checkIdentity(read, conn);
            look = lookAtActivity ? Optional.of(horizon.observe(PgActivity.read(conn))) : Optional.empty();
            taken = FollowerReplay.PrimarySnapshot.take(conn);
        } catch (SQLException e) {
            if (stillStandby(read)) {
                throw e;
            }
            return begin(read, true, lookAtActivity, Optional.empty(), lockFirst);
        }
        long waitStarted = System.nanoTime();
        FollowerReplay.Target target = new FollowerReplay.Target(taken, source, waitStarted);
        Optional<PgServer.State> replayed = FollowerReplay.await(read, target);
        if (replayed.isEmpty()) {
            return Optional.empty();
        }
        if (!replayed.get().inRecovery()) {
            // Promoted meanwhile: a primary of its own now.
            promoted(read);
            return begin(read, true, lookAtActivity, Optional.empty(), lockFirst);
        }
        long lagMs = (System.nanoTime() - waitStarted) / 1_000_000;
        PassTransactions.Snapshot local = PassTransactions.begin(read, false, lockFirst);
        PgServer.State primaryState = new PgServer.State(false, taken.server().timeline(), target.lsn(),
            taken.server().startMicros());
        Source where = new Source(taken.xmax(), primaryState, false, replayed.get().startMicros());
        return Optional.of(new Begun(taken.text(), taken.micros(), local.xmax(), taken.watermark(),
            origin(primaryState, replayed.get().startMicros()), false, look, where, OptionalLong.of(lagMs)));
    }

    /**
     * Opens, on the reader's connection, a transaction that sees everything a pass's snapshot saw (a pass
     * interrupted, resumed in a new transaction), and says where the source stands, to check the snapshot against.
     * Empty when the database is a follower that has not yet replayed up to the snapshot. The new transaction locks
     * {@code lockFirst} before its snapshot, when given.
     *
     * @return the new transaction's xmax and the source, or empty
     */
    Optional<Resumed> resume(Connection read, boolean versioned, Optional<SnapshotOrigin> origin,
                             Optional<String> lockFirst) throws SQLException {
        if (!versioned) {
            return Optional.of(new Resumed(PassTransactions.begin(read).xmax(), Source.ANY));
        }
        if (!standby) {
            PassTransactions.Snapshot taken = PassTransactions.begin(read, true, lockFirst);
            if (!taken.server().inRecovery()) {
                return Optional.of(new Resumed(taken.xmax(), new Source(taken.xmax(), taken.server(), true,
                    taken.server().startMicros())));
            }
            read.rollback();
            standby = true;
        }
        Primary source = primary.orElseThrow(PassSnapshots::noPrimary);
        long primaryXmax;
        PgServer.State primaryState;
        try (Connection conn = source.borrow()) {
            conn.setAutoCommit(true);
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT txid_snapshot_xmax(txid_current_snapshot()), " + PgServer.columns(conn))) {
                rs.next();
                primaryXmax = rs.getLong(1);
                primaryState = PgServer.read(rs, 2);
            }
        } catch (SQLException e) {
            if (stillStandby(read)) {
                throw e;
            }
            return resume(read, true, origin, lockFirst);
        }
        long lsn = origin.map(SnapshotOrigin::lsn).orElse(primaryState.lsn());
        Optional<PgServer.State> replayed = FollowerReplay.await(read, FollowerReplay.Target.settled(lsn, source));
        if (replayed.isEmpty()) {
            return Optional.empty();
        }
        if (!replayed.get().inRecovery()) {
            promoted(read);
            return resume(read, true, origin, lockFirst);
        }
        PassTransactions.Snapshot local = PassTransactions.begin(read, false, lockFirst);
        return Optional.of(new Resumed(local.xmax(), new Source(primaryXmax, primaryState, false,
            replayed.get().startMicros())));
    }

    /**
     * Whether the database read is still a hot standby, asked when its primary could not be reached: a follower
     * promoted meanwhile no longer needs its old primary, which may be gone (deprovisioned after a {@code pg:promote}),
     * and is read as a primary from then on.
     */
    private boolean stillStandby(Connection read) throws SQLException {
        read.setAutoCommit(true);
        if (PgServer.now(read).inRecovery()) {
            return true;
        }
        promoted(read);
        return false;
    }

    private void promoted(Connection read) throws SQLException {
        standby = false;
        LOG.info("The database {} is no longer a hot standby (promoted): passes take their snapshots on it again",
            read.getCatalog());
    }

    /**
     * The position without its fence (and pass in progress) if the database's history no longer holds the fence (a
     * failover or a crash that lost commits): transaction ids it counts as seen may be those of other transactions
     * now, whose rows it would hide. Its range is then read again whole: duplicates, never gaps. Logged.
     */
    static ChangeOffset trusted(ChangeOffset position, Source source, TableId table) {
        if (position.fence().isEmpty()) {
            return position;
        }
        Optional<String> distrust = source.distrust(position.fence().get(), position.fenceOrigin());
        if (distrust.isEmpty()) {
            return position;
        }
        LOG.warn("Table {}: the snapshot of the last {} pass ({}) cannot be trusted: {}. This pass emits every row of"
            + " its range again (duplicates, never gaps)", table, position.method(), position.fence().get(),
            distrust.get());
        return position.withoutFence();
    }

    /**
     * The position of an interrupted pass about to go on, or without its pass if its snapshot (or the fence) no
     * longer belongs to the database's history: the pass then starts again from a new snapshot. Logged.
     */
    static ChangeOffset resumable(ChangeOffset position, Source source, TableId table) {
        ChangeOffset trusted = trusted(position, source, table);
        if (trusted.pass().isEmpty()) {
            return trusted;
        }
        ChangeOffset.Pass pass = trusted.pass().get();
        Optional<String> distrust = source.distrust(pass.snapshot(), pass.origin());
        if (distrust.isEmpty()) {
            return trusted;
        }
        LOG.warn("Table {}: the interrupted {} pass cannot go on from its snapshot ({}): {}. It starts again from a"
            + " new one", table, position.method(), pass.snapshot(), distrust.get());
        return trusted.withoutPass();
    }

    /** A transaction opened to resume a pass: its xmax, and where the source stands. */
    record Resumed(long readXmax, Source source) {
    }

    /** The follower checked to be a standby of the configured primary (same system identifier), once. */
    private void checkIdentity(Connection read, Connection primaryConnection) throws SQLException {
        if (identityChecked) {
            return;
        }
        read.setAutoCommit(true);
        if (PgServer.differentSystems(read, primaryConnection)) {
            throw new ConnectException(ConnectionFragment.PRIMARY_URL + " names a server that is not the primary of"
                + " the follower the connector reads (their system identifiers differ): set it to the follower's"
                + " leader, e.g. the app's DATABASE_URL");
        }
        identityChecked = true;
    }

    private static SnapshotOrigin origin(PgServer.State server, long readerStart) {
        return new SnapshotOrigin(server.timeline().orElse(0), server.lsn(), readerStart);
    }

    private static ConnectException noPrimary() {
        return new ConnectException("The database is a hot standby (a follower), which cannot see the transactions"
            + " still running on its primary: INCREMENTAL and XMIN could not stay exact there. Set "
            + ConnectionFragment.PRIMARY_URL + " to its primary's URL (on Heroku, the app's DATABASE_URL; the follower"
            + " is still what the rows are read from), or read the primary");
    }
}
