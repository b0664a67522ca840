/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.postgresql.util.PGInterval;

/** PostgreSQL intervals as exact ISO-8601 durations, e.g. {@code P1Y2M3DT4H5M6.789S}. */
final class Intervals {
    private Intervals() {
    }

    static Object iso8601(ResultSet rs, int index) throws SQLException {
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        PGInterval interval = (PGInterval) value;
        // getSeconds() is a double; rebuild seconds from whole seconds and microseconds to keep them exact.
        BigDecimal seconds = BigDecimal.valueOf(interval.getWholeSeconds())
            .add(BigDecimal.valueOf(interval.getMicroSeconds(), 6)).stripTrailingZeros();
        return "P" + interval.getYears() + "Y" + interval.getMonths() + "M" + interval.getDays() + "DT"
            + interval.getHours() + "H" + interval.getMinutes() + "M" + seconds.toPlainString() + "S";
    }
}
