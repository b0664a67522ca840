/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.Snapshots;

/**
 * The SQL of a fenced pass ({@link ChangeReader}): the columns, then the position's values as text, from the rows of
 * the method's range that the fence did not see (and, for a pass resumed in a new transaction, that its own snapshot
 * saw, after its last position), in position order, or in primary-key order for a first pass. Values are written as
 * literals cast to their type (the query runs inside a {@code COPY}, which takes no parameters).
 */
final class ChangeQuery {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeQuery.class);
    private static final long HALF_XID_SPACE = 1L << 31;

    private final ChangeReader reader;
    private final long xmax;
    private final ChangeOffset.Pass pass;

    ChangeQuery(ChangeReader reader, long xmax, ChangeOffset.Pass pass) {
        this.reader = reader;
        this.xmax = xmax;
        this.pass = pass;
    }

    /**
     * SQL expressions of the position, in order: the key or transaction id, then the primary key; columns qualified
     * with the table, so that in ORDER BY they do not mean a select-list entry of the same name.
     */
    private List<String> positionExpressions(String xid) {
        List<String> expressions = new ArrayList<>();
        expressions.add(reader.leadExpression(xid));
        reader.builder.table().primaryKeyColumns()
            .forEach(c -> expressions.add(reader.table().quoted() + "." + Identifiers.quote(c.name())));
        return expressions;
    }

    /** SQL types of the position's values, to cast the bound text to. */
    private List<String> positionTypes() {
        List<String> types = new ArrayList<>();
        types.add(reader.leadType());
        reader.builder.table().primaryKeyColumns().forEach(c -> types.add(c.sqlType()));
        return types;
    }

    /** A value cast to its SQL type. */
    static String cast(String value, String type) {
        return "CAST(" + Identifiers.literal(value) + " AS " + type + ")";
    }

    /** The query, selecting the table's columns, then the given expressions as text (the positions'). */
    String sql(List<String> asText) {
        String xid = xid64(xmax);
        List<String> expressions = positionExpressions(xid);
        List<String> conditions = passConditions(xid);
        pass.last().ifPresent(last -> conditions.add(after(expressions, last)));
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", reader.builder.selectList()));
        asText.forEach(e -> sql.append(", (").append(e).append(")::text"));
        sql.append(" FROM ").append(reader.builder.table().fromItem());
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        List<String> order = pass.primaryKeyOrder() ? expressions.subList(1, expressions.size()) : expressions;
        return sql.append(" ORDER BY ").append(String.join(", ", order)).toString();
    }

    /**
     * The pass's conditions but the position: its range, unseen by the fence, and the pass's own versions: below its
     * watermark and, when the rows are read in a later snapshot than the pass's (a resumed pass, a follower), seen by
     * the pass's snapshot, or else beyond what the next pass reads (a row updated since, its key unchanged).
     */
    private List<String> passConditions(String xid) {
        List<String> conditions = unseenInRange(xid);
        if (reader.versioned()) {
            List<String> own = new ArrayList<>();
            long watermark = pass.effectiveWatermark();
            if (watermark < Snapshots.parse(pass.snapshot()).xmax()) {
                own.add(xid + " < " + cast(Long.toString(watermark), "int8"));
            }
            Optional<String> beyond = Optional.empty();
            if (!reader.readsPassSnapshot()) {
                usableSnapshot(Optional.of(pass.snapshot()), "the pass's snapshot")
                    .ifPresent(snapshot -> own.add("txid_visible_in_snapshot(" + xid + ", "
                        + cast(snapshot, "txid_snapshot") + ")"));
                beyond = reader.beyondNextPass(pass);
            }
            if (!own.isEmpty()) {
                String ownVersions = String.join(" AND ", own);
                conditions.add(beyond.map(b -> "((" + ownVersions + ") OR " + b + ")").orElse(ownVersions));
            }
        }
        return conditions;
    }

    /**
     * The highest replication key among the rows the pass emits, as text: a pass in primary-key order does not end
     * on it. Run after the pass's rows were read (in its transaction, or in a later one: the conditions say which
     * rows the pass's snapshot saw).
     */
    Optional<String> highestKey(Connection connection) throws SQLException {
        String key = positionExpressions(xid64(xmax)).get(0);
        List<String> conditions = passConditions(xid64(xmax));
        String sql = "SELECT (" + key + ")::text FROM " + reader.builder.table().fromItem()
            + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
            + " ORDER BY " + key + " DESC LIMIT 1";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
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
        long watermark = pass.effectiveWatermark();
        if (watermark >= Snapshots.parse(pass.snapshot()).xmax()) {
            return false;
        }
        String xid = xid64(xmax);
        List<String> conditions = unseenInRange(xid);
        conditions.add(xid + " >= " + cast(Long.toString(watermark), "int8"));
        String sql = "SELECT 1 FROM " + reader.builder.table().fromItem() + " WHERE " + String.join(" AND ", conditions)
            + " LIMIT 1";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next();
        }
    }

    /** The method's range, and for a table with row versions, not seen by the fence. */
    private List<String> unseenInRange(String xid) {
        List<String> conditions = new ArrayList<>(reader.rangeConditions());
        if (reader.versioned()) {
            usableSnapshot(reader.position().fence(), "the last pass's snapshot").ifPresent(fence ->
                conditions.add(unseen(xid, fence)));
        }
        return conditions;
    }

    /**
     * Not seen by the fence: it saw only the versions below its watermark that were visible in it (its text does not
     * list the subtransactions of the transactions it saw running, which are all above the watermark).
     */
    private String unseen(String xid, String fence) {
        String unseen = "NOT txid_visible_in_snapshot(" + xid + ", " + cast(fence, "txid_snapshot") + ")";
        OptionalLong watermark = reader.position().effectiveFenceWatermark();
        if (watermark.isEmpty() || watermark.getAsLong() >= Snapshots.parse(fence).xmax()) {
            return unseen;
        }
        return "(" + xid + " >= " + cast(Long.toString(watermark.getAsLong()), "int8") + " OR " + unseen + ")";
    }

    /**
     * After the last position: a row-value comparison when a primary key makes positions unique (on the primary key
     * alone, which is all {@code last} holds, for a pass in primary-key order), else from the last key or
     * transaction id again (the rows sharing it are emitted again after an interruption).
     */
    private String after(List<String> expressions, List<String> last) {
        List<String> types = positionTypes();
        if (reader.builder.table().primaryKey().isEmpty()) {
            return expressions.get(0) + " >= " + cast(last.get(0), types.get(0));
        }
        int from = pass.primaryKeyOrder() ? 1 : 0;
        return "(" + String.join(", ", expressions.subList(from, expressions.size())) + ") > ("
            + IntStream.range(from, types.size()).mapToObj(i -> cast(last.get(i - from), types.get(i)))
                .collect(Collectors.joining(", ")) + ")";
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
