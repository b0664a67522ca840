/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.offset.SplitRange;
import io.herokupg.connect.read.plan.KeyRange;

/**
 * What a reader of one range of a split load adds to its method's pass: the range's conditions, and the load's
 * snapshot, which each transaction the range opens imports ({@code SET TRANSACTION SNAPSHOT}) while the connector
 * holds it, so that every range reads the same snapshot whichever task and worker it runs on.
 *
 * <p>An identifier the server no longer knows (the connector's exporting transaction ended: its connection was lost,
 * the connector restarted) is detected by the import's error ({@code snapshot "…" does not exist}, SQLSTATE 42704):
 * logged once, and from then on the range's transactions take their own snapshots, as a resumed pass does. FULL_TABLE
 * still emits each row once (from several snapshots); INCREMENTAL and XMIN stay exact through the pass's snapshot
 * (its fence), which only rows it saw pass ({@link FencedMethod}).
 */
final class RangeRead {
    private static final Logger LOG = LoggerFactory.getLogger(RangeRead.class);
    /**
     * What the import of a snapshot that cannot be imported answers (SQLSTATE): undefined_object (it does not exist
     * any more: the exporting transaction ended), object_not_in_prerequisite_state (its exporting backend is gone)
     * and invalid_parameter_value (not an identifier this server made).
     */
    static final Set<String> GONE = Set.of("42704", "55000", "22023");

    private final TableId table;
    private final SplitRange range;
    private Optional<String> exported;

    RangeRead(TableId table, SplitRange range, Optional<String> exported) {
        this.table = table;
        this.range = range;
        this.exported = exported.filter(id -> id.matches("[0-9A-Fa-f-]+"));
    }

    SplitRange range() {
        return range;
    }

    /** Whether its transactions still import the load's snapshot. */
    boolean importing() {
        return exported.isPresent();
    }

    /** The conditions of the range's rows, with the method's own. */
    List<String> and(TableInfo described, List<String> conditions) {
        List<String> all = new ArrayList<>(conditions);
        all.addAll(KeyRange.split(described, range));
        return all;
    }

    /** {@link #begin(Connection)} of the range, if the reader reads one. */
    static void begin(Optional<RangeRead> range, Connection connection) throws SQLException {
        if (range.isPresent()) {
            range.get().begin(connection);
        }
    }

    /**
     * Begins, when the load's snapshot can still be imported, the {@code REPEATABLE READ READ ONLY} transaction the
     * range's rows are read in, with that snapshot; the pass's own begin then goes on in it. A snapshot that cannot be
     * imported leaves no transaction open, and is not tried again.
     */
    void begin(Connection connection) throws SQLException {
        if (exported.isEmpty()) {
            return;
        }
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT '"
                + exported.get() + "'");
        } catch (SQLException e) {
            if (!GONE.contains(e.getSQLState())) {
                throw e;
            }
            connection.rollback();
            LOG.warn("Table {}, range {} of {} of the split load started at {}: the load's snapshot can no longer be"
                + " imported ({}): the connector's exporting transaction ended. The range goes on in snapshots of its"
                + " own", table, range.index() + 1, range.ranges(), java.time.Instant.ofEpochMilli(range.load()),
                e.getMessage());
            exported = Optional.empty();
        }
    }
}
