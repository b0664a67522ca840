/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.PgRowEstimate;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.read.plan.Lead;

/**
 * XMIN: emits the rows inserted or updated since the previous pass, for tables without a usable key column. Each
 * pass scans the whole table and emits the row versions its fence (the previous pass's snapshot) did not see, in
 * the order of their 64-bit transaction id, then primary key (the first pass, which emits every row, in primary-key
 * order). Transaction ids are compared as 64-bit numbers, so the order holds across wraparound; see
 * {@link FencedMethod} for frozen rows and very old fences. A rewrite of the table by copying its rows (pg_repack,
 * an {@code ALTER TABLE} that changes a column's type) gives every row a new transaction id, so the next pass emits
 * the whole table again; a pass that emits most of the table says so.
 */
class XminMethod extends FencedMethod {
    private static final Logger LOG = LoggerFactory.getLogger(XminMethod.class);
    /** A pass of this many rows or more is compared with the table's size. */
    static final long REWRITE_CHECK_ROWS = 1_000;

    XminMethod(TableShape shape, ReaderContext context, ChangeOffset start) {
        super(shape, context, start);
    }

    @Override
    boolean keyed() {
        return false;
    }

    @Override
    Lead lead(long readXmax) {
        return Lead.xid(readXmax);
    }

    @Override
    List<String> rangeConditions() {
        return List.of();
    }

    @Override
    Optional<String> nextLow(Optional<TransactionHorizon.Look> look) {
        return Optional.empty();
    }

    @Override
    void passEnded(Connection connection, boolean wholeTable, long rows) {
        if (wholeTable || rows < REWRITE_CHECK_ROWS) {
            return;
        }
        try {
            connection.setAutoCommit(true);
            OptionalLong estimate = PgRowEstimate.of(connection, table());
            if (estimate.isPresent() && rows * 2 >= estimate.getAsLong()) {
                LOG.warn("Table {}: this XMIN pass emitted {} rows, {}% of the table's estimated {}: were its rows"
                    + " rewritten (pg_repack, ALTER TABLE … TYPE, an UPDATE of every row)? Each gives every row a"
                    + " new transaction id, and XMIN emits them all again", table(), rows,
                    rows * 100 / estimate.getAsLong(), estimate.getAsLong());
            }
        } catch (SQLException e) {
            LOG.debug("Table {}: no row estimate: {}", table(), e.getMessage());
        }
    }

    @Override
    public OptionalLong completedPassStartedMs() {
        ChangeOffset at = position();
        return at.pass().isEmpty() && at.fence().isPresent() ? OptionalLong.of(at.passStartedMs())
            : OptionalLong.empty();
    }
}
