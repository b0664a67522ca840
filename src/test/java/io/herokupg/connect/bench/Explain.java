/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code EXPLAIN (ANALYZE, BUFFERS)} of a pass's query, run as a pass runs it: in a {@code REPEATABLE READ READ
 * ONLY} transaction (rolled back). The server's planning and execution times, and the plan's lines.
 */
record Explain(List<String> plan, double planningMs, double executionMs) {
    private static final Pattern PLANNING = Pattern.compile("Planning Time: ([0-9.]+) ms");
    private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");

    static Explain of(Connection conn, String sql) throws SQLException {
        boolean autoCommit = conn.getAutoCommit();
        conn.setAutoCommit(false);
        List<String> plan = new ArrayList<>();
        try (Statement st = conn.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        } finally {
            conn.rollback();
            conn.setAutoCommit(autoCommit);
        }
        return new Explain(plan, time(plan, PLANNING), time(plan, EXECUTION));
    }

    private static double time(List<String> plan, Pattern pattern) {
        for (String line : plan) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return Double.parseDouble(m.group(1));
            }
        }
        return Double.NaN;
    }
}
