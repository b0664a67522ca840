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
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.connect.errors.ConnectException;

import io.herokupg.connect.catalog.PgActivity;
import io.herokupg.connect.catalog.PgServer;
import io.herokupg.connect.config.ConnectionFragment;
import io.herokupg.connect.offset.Snapshots;

/**
 * A pass's snapshot on a follower's primary, and the wait until the follower has replayed what it saw
 * ({@link PassSnapshots}).
 */
final class FollowerReplay {
    private FollowerReplay() {
    }

    /**
     * The WAL position a follower must replay up to before its snapshot sees every commit the primary's snapshot saw.
     * Every such commit was inserted before the primary's insert position read after the snapshot; but the primary
     * sends a follower only what it has flushed, and leaves unflushed, perhaps for long, the tail of the WAL that no
     * commit needs yet (an open transaction's changes). A commit with {@code synchronous_commit} on is flushed before
     * it is visible, and the WAL writer flushes one with it off within three times {@code wal_writer_delay}: so once
     * that long has passed since the snapshot, the primary's flush position bounds them all, and the target is the
     * lower of the two.
     */
    static final class Target {
        private final PassSnapshots.Primary primary;
        private final long flushBoundNanos;
        private long lsn;
        private boolean settled;

        private Target(PassSnapshots.Primary primary, long lsn, boolean settled, long flushBoundNanos) {
            this.primary = primary;
            this.lsn = lsn;
            this.settled = settled;
            this.flushBoundNanos = flushBoundNanos;
        }

        /** A position known to be reachable (an interrupted pass's, which a follower replayed once already). */
        static Target settled(long lsn, PassSnapshots.Primary primary) {
            return new Target(primary, lsn, true, System.nanoTime());
        }

        Target(PrimarySnapshot taken, PassSnapshots.Primary primary, long takenNanos) {
            this.primary = primary;
            this.lsn = taken.server().lsn();
            this.settled = taken.flushed() >= lsn;
            this.flushBoundNanos = takenNanos + Duration.ofMillis(4 * taken.walWriterDelayMs() + 100).toNanos();
        }

        /** The target, lowered to the primary's flush position once that bounds every commit of the snapshot. */
        long lsn() throws SQLException {
            if (!settled && System.nanoTime() >= flushBoundNanos) {
                settled = true;
                try (Connection conn = primary.borrow()) {
                    conn.setAutoCommit(true);
                    lsn = Math.min(lsn, PgServer.flushed(conn));
                }
            }
            return lsn;
        }

        /** How long a wait for the follower may take at most: past the flush bound. */
        long waitNanos() {
            long wait = PassSnapshots.REPLAY_WAIT.toNanos();
            return Math.max(wait, flushBoundNanos - System.nanoTime() + wait);
        }
    }

    /**
     * Waits, up to {@link PassSnapshots#REPLAY_WAIT} (longer while the target may still be lowered), until the
     * follower has replayed its primary's WAL up to the target; returns its state then, or empty. A follower that
     * was promoted meanwhile is returned at once.
     */
    static Optional<PgServer.State> await(Connection read, Target target) throws SQLException {
        read.setAutoCommit(true);
        long deadline = System.nanoTime() + target.waitNanos();
        long sleepMs = 2;
        while (true) {
            PgServer.State state = PgServer.now(read);
            if (!state.inRecovery() || state.lsn() >= target.lsn()) {
                return Optional.of(state);
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the follower to replay", "57014", e);
            }
            sleepMs = Math.min(sleepMs * 2, 50);
        }
    }

    /** A snapshot taken on a follower's primary, in autocommit mode, with what the pass needs of it. */
    record PrimarySnapshot(String text, long micros, long xmax, PgServer.State server,
                           OptionalLong watermark, long flushed, long walWriterDelayMs) {
        static PrimarySnapshot take(Connection conn) throws SQLException {
            String text;
            long micros;
            long xmax;
            PgServer.State server;
            long flushed;
            long walWriterDelay;
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT txid_current_snapshot()::text, (extract(epoch FROM clock_timestamp()) * 1000000)::int8,"
                    + " txid_snapshot_xmax(txid_current_snapshot()), " + PgServer.flushColumns(conn) + ", "
                    + PgServer.columns(conn))) {
                rs.next();
                text = rs.getString(1);
                micros = rs.getLong(2);
                xmax = rs.getLong(3);
                flushed = PgServer.parseLsn(rs.getString(4));
                walWriterDelay = rs.getLong(5);
                server = PgServer.read(rs, 6);
            }
            if (server.inRecovery()) {
                throw new ConnectException(ConnectionFragment.PRIMARY_URL + " names a hot standby, not a primary: set"
                    + " it to the follower's leader (on Heroku, the app's DATABASE_URL)");
            }
            // After the snapshot (a statement of its own): a transaction it saw running may have subtransactions.
            OptionalLong watermark = PgActivity.oldestWithSubtransactions(conn, Snapshots.running(text));
            return new PrimarySnapshot(text, micros, xmax, server, watermark, flushed, walWriterDelay);
        }
    }
}
