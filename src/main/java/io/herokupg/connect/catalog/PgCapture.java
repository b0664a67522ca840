/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the catalog says of a table's change capture (docs/capture.md): whether the capture log exists and the
 * connector's role may read and prune it, and which key columns the table's two capture triggers (enabled, calling
 * the log's function) name.
 */
public final class PgCapture {
    private static final String SQL = "SELECT c.oid IS NOT NULL,"
        + " coalesce(has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT'), false),"
        + " coalesce(has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'DELETE'), false),"
        + " (SELECT t.tgargs FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE t.tgrelid = ?"
        + " AND t.tgname = ? AND t.tgenabled <> 'D' AND p.pronamespace = n.oid AND p.proname = ?),"
        + " (SELECT t.tgargs FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE t.tgrelid = ?"
        + " AND t.tgname = ? AND t.tgenabled <> 'D' AND p.pronamespace = n.oid AND p.proname = ?)"
        + " FROM (SELECT ?::name AS nspname) s LEFT JOIN pg_namespace n ON n.nspname = s.nspname"
        + " LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = ?";

    private PgCapture() {
    }

    /**
     * A table's capture.
     *
     * @param log         whether the log exists
     * @param readable    whether the connector's role may read it
     * @param prunable    whether it may delete from it
     * @param rowKey      the key columns the row-level trigger names, if it is there
     * @param truncateKey the key columns the TRUNCATE trigger names, if it is there
     */
    public record Status(boolean log, boolean readable, boolean prunable, Optional<List<String>> rowKey,
                         Optional<List<String>> truncateKey) {
        /** Whether changes to a table of this primary key are captured. */
        public boolean captures(List<String> primaryKey) {
            return log && rowKey.equals(Optional.of(primaryKey)) && truncateKey.equals(Optional.of(primaryKey));
        }
    }

    /**
     * The capture of a table, in a log of this schema and name, by triggers of these names calling this function.
     */
    public static Status read(Connection conn, String schema, String log, String function, long relid,
                              List<String> triggers) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(SQL)) {
            int i = 0;
            for (String trigger : triggers) {
                st.setLong(++i, relid);
                st.setString(++i, trigger);
                st.setString(++i, function);
            }
            st.setString(++i, schema);
            st.setString(++i, log);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Status(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), arguments(rs.getBytes(4)),
                    arguments(rs.getBytes(5)));
            }
        }
    }

    /** A trigger's arguments ({@code tgargs}: each ends with a zero byte). */
    private static Optional<List<String>> arguments(byte[] tgargs) {
        if (tgargs == null) {
            return Optional.empty();
        }
        List<String> arguments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < tgargs.length; i++) {
            if (tgargs[i] == 0) {
                arguments.add(new String(tgargs, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return Optional.of(arguments);
    }
}
