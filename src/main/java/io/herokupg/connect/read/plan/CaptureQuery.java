/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.TableInfo;

/**
 * A CAPTURE pass after the first (docs/capture.md): the keys of the capture log's entries the pass reads (its fence
 * did not see them; {@link FenceConditions}), each with the operation and transaction id of its latest entry, joined
 * to the table's current row; in the order of that transaction id, then primary key, after a position if given.
 *
 * <p>A key with an entry the reading transaction sees but the pass may not read (its snapshot did not see it: a
 * resumed pass, a follower; or it is above the watermark) is left to the next pass, which reads its newer state.
 * The rows come out of a derived table named {@link #ROWS}, whose columns are the table's, the key's taken from the
 * entry (a deleted row has no other), then {@link #LEAD} and {@link #OP}: {@code c}, {@code u}, {@code d}, or
 * {@code t} (deleted by a TRUNCATE).
 *
 * @param table      the captured table
 * @param selectList the record builder's select list, over the table's column names
 * @param asText     expressions over {@link #ROWS} selected as text after it (the position, then the operation)
 * @param log        the capture log, quoted
 * @param xid        the 64-bit transaction id of an entry, from its {@code xmin}
 * @param conditions the pass's conditions on the entries
 * @param after      the position to read after, if any
 */
public record CaptureQuery(TableInfo table, List<String> selectList, List<String> asText, String log, String xid,
                           FenceConditions conditions, Optional<List<String>> after) {
    /** The derived table the rows come out of. */
    public static final String ROWS = "herokupg_rows";
    /** Its column of the 64-bit transaction id of a key's latest entry. */
    public static final String LEAD = ROWS + "." + Identifiers.quote("herokupg_txid");
    /** Its column of the operation. */
    public static final String OP = ROWS + "." + Identifiers.quote("herokupg_op");

    /** The SQL. */
    public String sql() {
        List<ColumnInfo> key = table.primaryKeyColumns();
        String entryKeys = key.stream().map(CaptureQuery::fromEntry).collect(Collectors.joining(", "));
        List<String> entries = new ArrayList<>(List.of("relid = " + table.relid(), "op <> 'R'"));
        entries.addAll(conditions.pass());
        String latest = "SELECT DISTINCT ON (" + entryKeys + ") " + key.stream()
            .map(c -> fromEntry(c) + " AS " + Identifiers.quote(c.name())).collect(Collectors.joining(", "))
            + ", key AS herokupg_key, op AS herokupg_entry_op, " + xid + " AS herokupg_txid FROM " + log + " WHERE "
            + String.join(" AND ", entries) + " ORDER BY " + entryKeys + ", " + xid + " DESC, ctid DESC";
        String columns = table.columns().stream().map(c -> (key.contains(c) ? "c." : "t.")
            + Identifiers.quote(c.name())).collect(Collectors.joining(", "));
        String join = key.stream().map(c -> Identifiers.quote(c.name()))
            .map(name -> "t." + name + " = c." + name).collect(Collectors.joining(" AND "));
        String rows = "SELECT " + columns + ", c.herokupg_txid, CASE WHEN t.ctid IS NULL THEN CASE WHEN"
            + " c.herokupg_entry_op = 'T' THEN 't' ELSE 'd' END WHEN c.herokupg_entry_op = 'I' THEN 'c' ELSE 'u' END"
            + " AS herokupg_op FROM (" + latest + ") c LEFT JOIN " + table.fromItem() + " t ON " + join
            + laterEntries();
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", selectList));
        asText.forEach(e -> sql.append(", (").append(e).append(")::text"));
        sql.append(" FROM (").append(rows).append(") ").append(ROWS);
        after.ifPresent(last -> sql.append(" WHERE ").append(afterCondition(last)));
        return sql.append(" ORDER BY ").append(String.join(", ", position())).toString();
    }

    /** A key entry's value as the column's type (its text in the entry's JSON, cast). */
    private static String fromEntry(ColumnInfo column) {
        return "(key ->> " + Identifiers.literal(column.name()) + ")::" + column.sqlType();
    }

    /** Leaves out the keys with an entry seen and not readable by the pass: the next pass reads their newer state. */
    private String laterEntries() {
        Optional<String> own = conditions.own();
        if (own.isEmpty()) {
            return "";
        }
        List<String> later = new ArrayList<>(List.of("relid = " + table.relid(), "key = c.herokupg_key"));
        later.addAll(conditions.unseenByFence());
        later.add("NOT (" + own.get() + ")");
        return " WHERE NOT EXISTS (SELECT 1 FROM " + log + " WHERE " + String.join(" AND ", later) + ")";
    }

    private List<String> position() {
        List<String> position = new ArrayList<>(List.of(LEAD));
        table.primaryKeyColumns().forEach(c -> position.add(ROWS + "." + Identifiers.quote(c.name())));
        return position;
    }

    private String afterCondition(List<String> last) {
        List<String> types = new ArrayList<>(List.of("int8"));
        table.primaryKeyColumns().forEach(c -> types.add(c.sqlType()));
        return "(" + String.join(", ", position()) + ") > (" + IntStream.range(0, types.size())
            .mapToObj(i -> Sql.cast(last.get(i), types.get(i))).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Deletes, in a transaction whose xmax places the entries' {@code xmin} ({@code xid}), a table's entries its
     * committed fence saw: every pass from then on reads only later ones.
     */
    public static String pruneSql(String log, long relid, String xid, String fence, OptionalLong fenceWatermark) {
        return "DELETE FROM " + log + " WHERE relid = " + relid + " AND " + FenceConditions.seenBy(xid, fence,
            fenceWatermark);
    }

    /**
     * Whether capture of the table was installed (again) after the fence: the log misses what changed before (one
     * row when it was).
     */
    public static String installedSql(String log, long relid, FenceConditions conditions) {
        List<String> where = new ArrayList<>(List.of("relid = " + relid, "op = 'R'"));
        where.addAll(conditions.unseenByFence());
        return "SELECT 1 FROM " + log + " WHERE " + String.join(" AND ", where) + " LIMIT 1";
    }

    /** A table's entries in the log, and the age of its oldest (seconds, null when none). */
    public static String logStateSql(String log, long relid) {
        return "SELECT count(*), extract(epoch FROM now() - min(logged_at))::float8 FROM " + log + " WHERE relid = "
            + relid;
    }
}
