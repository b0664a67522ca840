/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.Snapshots;

/**
 * The SQL of a fenced pass ({@link ChangeReader}): the columns, then the position's expressions, from the rows of
 * the method's range that the fence did not see (and, for a pass resumed in a new transaction, that its own snapshot
 * saw, after its last position), in position order. Parameters are bound as text and cast.
 */
final class ChangeQuery {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeQuery.class);
    private static final long HALF_XID_SPACE = 1L << 31;

    private final ChangeReader reader;
    private final long xmax;
    private final ChangeOffset.Pass pass;
    private final List<String> params;

    ChangeQuery(ChangeReader reader, long xmax, ChangeOffset.Pass pass, List<String> params) {
        this.reader = reader;
        this.xmax = xmax;
        this.pass = pass;
        this.params = params;
    }

    String sql() {
        String xid = xid64(xmax);
        List<String> expressions = reader.positionExpressions(xid);
        List<String> conditions = unseenInRange(xid);
        if (reader.versioned()) {
            long watermark = pass.effectiveWatermark();
            if (watermark < Snapshots.parse(pass.snapshot()).xmax()) {
                conditions.add(xid + " < CAST(? AS int8)");
                params.add(Long.toString(watermark));
            }
            if (!reader.inPassTransaction()) {
                usableSnapshot(Optional.of(pass.snapshot()), "the interrupted pass's snapshot")
                    .ifPresent(snapshot -> {
                        conditions.add("txid_visible_in_snapshot(" + xid + ", CAST(? AS txid_snapshot))");
                        params.add(snapshot);
                    });
            }
        }
        pass.last().ifPresent(last -> conditions.add(after(expressions, last)));
        String columns = String.join(", ", reader.builder.selectList());
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(", ")
            .append(String.join(", ", expressions)).append(" FROM ").append(reader.table().quoted());
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        int columnCount = reader.columnCount();
        sql.append(" ORDER BY ").append(IntStream.rangeClosed(1, expressions.size())
            .mapToObj(i -> Integer.toString(columnCount + i)).collect(Collectors.joining(", ")));
        return sql.toString();
    }

    /**
     * A row's {@code xmin} as a 64-bit transaction id: the latest id before the snapshot's {@code xmax} with the
     * same low 32 bits (FrozenTransactionId and BootstrapTransactionId read as 0).
     */
    static String xid64(long xmax) {
        return "(CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE " + xmax + "::int8 - ((" + (xmax & 0xFFFFFFFFL)
            + "::int8 - xmin::text::int8 + 4294967296) % 4294967296) END)";
    }

    /**
     * Whether the range holds row versions unseen by the fence that this pass may not emit yet (at or above its
     * watermark), which the range must then not move past.
     */
    boolean delayed(Connection connection) throws SQLException {
        if (pass.effectiveWatermark() >= Snapshots.parse(pass.snapshot()).xmax()) {
            return false;
        }
        String sql = delayedSql();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                st.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * A query for one row version of the range unseen by the fence that this pass may not emit yet (at or above its
     * watermark), if any.
     */
    private String delayedSql() {
        String xid = xid64(xmax);
        List<String> conditions = unseenInRange(xid);
        conditions.add(xid + " >= CAST(? AS int8)");
        params.add(Long.toString(pass.effectiveWatermark()));
        return "SELECT 1 FROM " + reader.table().quoted() + " WHERE " + String.join(" AND ", conditions) + " LIMIT 1";
    }

    /** The method's range, and for a table with row versions, not seen by the fence. */
    private List<String> unseenInRange(String xid) {
        List<String> conditions = new ArrayList<>(reader.rangeConditions(params));
        if (reader.versioned()) {
            usableSnapshot(reader.fence(), "the last pass's snapshot").ifPresent(fence ->
                conditions.add(unseen(xid, fence)));
        }
        return conditions;
    }

    /**
     * Not seen by the fence: it saw only the versions below its watermark that were visible in it (its text does not
     * list the subtransactions of the transactions it saw running, which are all above the watermark).
     */
    private String unseen(String xid, String fence) {
        String unseen = "NOT txid_visible_in_snapshot(" + xid + ", CAST(? AS txid_snapshot))";
        OptionalLong watermark = reader.fenceWatermark();
        if (watermark.isEmpty() || watermark.getAsLong() >= Snapshots.parse(fence).xmax()) {
            params.add(fence);
            return unseen;
        }
        params.add(Long.toString(watermark.getAsLong()));
        params.add(fence);
        return "(" + xid + " >= CAST(? AS int8) OR " + unseen + ")";
    }

    /**
     * After the last position: a row-value comparison when a primary key makes positions unique, else from the last
     * key or transaction id again (the rows sharing it are emitted again after an interruption).
     */
    private String after(List<String> expressions, List<String> last) {
        List<String> types = reader.positionTypes();
        if (reader.builder.table().primaryKey().isEmpty()) {
            params.add(last.get(0));
            return expressions.get(0) + " >= CAST(? AS " + types.get(0) + ")";
        }
        params.addAll(last);
        return "(" + String.join(", ", expressions) + ") > (" + IntStream.range(0, types.size())
            .mapToObj(i -> "CAST(? AS " + types.get(i) + ")").collect(Collectors.joining(", ")) + ")";
    }

    /** A snapshot, unless it is so old that 32-bit row xids can no longer be placed relative to it. */
    private Optional<String> usableSnapshot(Optional<String> snapshot, String what) {
        if (snapshot.isPresent() && xmax - Snapshots.parse(snapshot.get()).xmin() >= HALF_XID_SPACE) {
            LOG.warn("Table {}: {} is more than 2^31 transactions old, too old to tell which row versions it saw;"
                + " this pass emits every row of its range again (duplicates, not gaps)", reader.table(), what);
            return Optional.empty();
        }
        return snapshot;
    }
}
