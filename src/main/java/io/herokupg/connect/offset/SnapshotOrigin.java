/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.Optional;

/**
 * Where a pass's snapshot belongs in the database's history, so that a stored snapshot is trusted only on a history
 * that holds it: the timeline and the end of the WAL of the server the snapshot was taken on (the primary), and the
 * server that read the rows (the primary itself, or a follower that had replayed past that position).
 *
 * <p>Text form {@code <timeline>/<lsn>/<reader start µs>}, e.g. {@code 1/16B374D848/1796513712480000}.
 *
 * @param timeline    the primary's timeline when the snapshot was taken
 * @param lsn         the end of the primary's WAL just after the snapshot: every commit it saw lies below
 * @param readerStart when the server that read the rows started (it tells that server apart, across a promotion)
 */
public record SnapshotOrigin(int timeline, long lsn, long readerStart) {

    /**
     * Why a snapshot of this origin cannot be trusted on the server as it is now, if it cannot.
     *
     * @param timeline    the primary's timeline now
     * @param lsn         the end of the primary's WAL now
     * @param readerStart when the server the rows are read from now started
     * @param local       whether that server is the primary itself (not a follower)
     */
    public Optional<String> distrust(int timeline, long lsn, long readerStart, boolean local) {
        if (timeline == this.timeline) {
            return lsn < this.lsn ? Optional.of("the database's WAL ends before the position the snapshot was taken at"
                + " (a crash lost commits written with synchronous_commit=off, or a failover lost them)")
                : Optional.empty();
        }
        // A promoted follower keeps its start time and everything it replayed, which held the snapshot.
        if (local && readerStart == this.readerStart) {
            return Optional.empty();
        }
        return Optional.of("the database is on timeline " + timeline + ", and the snapshot was taken on timeline "
            + this.timeline + " (a failover or a promotion) by a server other than this one, which may not have"
            + " received all it saw");
    }

    /** The text form. */
    public String encode() {
        return timeline + "/" + Long.toHexString(lsn) + "/" + readerStart;
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException when it is not {@code timeline/lsn/start}
     */
    public static SnapshotOrigin decode(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a snapshot's origin is written timeline/lsn/start; it is \"" + text
                + "\"");
        }
        try {
            return new SnapshotOrigin(Integer.parseInt(parts[0]), Long.parseUnsignedLong(parts[1], 16),
                Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a snapshot's origin is written timeline/lsn/start with numbers; it is"
                + " \"" + text + "\"", e);
        }
    }
}
