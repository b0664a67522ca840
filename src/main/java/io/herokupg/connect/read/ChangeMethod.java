/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.herokupg.connect.offset.ChangeOffset;

/** What an INCREMENTAL or XMIN pass does its own way ({@link ChangeReader} does the rest). */
interface ChangeMethod {

    /** Whether the position's first value is a replication key (else a transaction id). */
    boolean keyed();

    /** The SQL expression of the position's first value: the replication key, or the 64-bit transaction id. */
    String leadExpression(String xid);

    /** The SQL type of the position's first value, to cast the bound text to. */
    String leadType();

    /** Conditions that bound the pass's range, values written as literals. */
    List<String> rangeConditions();

    /**
     * The re-read bound once the pass that begins is the fence, from what ran in the database just before its
     * snapshot ({@link #looksAtActivity()}); none for XMIN.
     */
    Optional<String> nextLow(Optional<TransactionHorizon.Look> look);

    /** Whether a pass that begins looks at what runs in the database (INCREMENTAL on a table with row versions). */
    default boolean looksAtActivity() {
        return false;
    }

    /**
     * Before a first pass, what the method records of the table (INCREMENTAL: the highest key, for a key that is not
     * a time, and the server's clock when it was read), on the reader's connection in autocommit mode; the result
     * goes to {@link #marked}, its time on the clock of the server the pass's snapshot is taken on.
     */
    default Optional<ChangeOffset.Mark> beforeFirstPass(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /** Records what {@link #beforeFirstPass} found. */
    default void marked(ChangeOffset.Mark mark) {
    }

    /**
     * A condition, on a row version the pass's snapshot did not see, under which the pass emits it all the same when
     * it reads a later snapshot: the next pass would not read it (INCREMENTAL: its key is below that pass's bound).
     */
    default Optional<String> beyondNextPass(ChangeOffset.Pass pass) {
        return Optional.empty();
    }

    /**
     * Called once a pass has emitted its last row, after its transaction ended, with whether it read the whole table
     * (a first pass, or one without a fence) and how many rows it emitted.
     */
    default void passEnded(Connection connection, boolean wholeTable, long rows) {
    }
}
