/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Temporary: exact quantiles of the leading key column (replaced by the statistics-and-sample version). */
public final class PgSplitPoints {
    private PgSplitPoints() {
    }

    public record Cuts(List<String> values, String source) {
    }

    public static Cuts of(Connection conn, TableInfo table, int ranges, long estimatedRows) throws SQLException {
        ColumnInfo leading = table.primaryKeyColumns().get(0);
        String column = Identifiers.quote(leading.name());
        Double[] fractions = new Double[ranges - 1];
        for (int i = 1; i < ranges; i++) {
            fractions[i - 1] = (double) i / ranges;
        }
        String sql = "SELECT (percentile_disc(?::float8[]) WITHIN GROUP (ORDER BY " + column + "))::text[] FROM "
            + table.fromItem();
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setArray(1, conn.createArrayOf("float8", fractions));
            try (ResultSet rs = st.executeQuery()) {
                List<String> cuts = new ArrayList<>();
                if (rs.next() && rs.getArray(1) != null) {
                    Array array = rs.getArray(1);
                    for (Object value : (Object[]) array.getArray()) {
                        if (value != null && !cuts.contains(value.toString())) {
                            cuts.add(value.toString());
                        }
                    }
                }
                return new Cuts(cuts, "exact");
            }
        }
    }
}
