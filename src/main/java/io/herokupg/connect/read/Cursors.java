/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.TableId;

/** Closing a reader's cursor, which may already be broken: a failure to close is only logged. */
final class Cursors {
    private static final Logger LOG = LoggerFactory.getLogger(Cursors.class);

    private Cursors() {
    }

    /** Closes the result set, then its statement; either may be null. */
    static void close(ResultSet rows, Statement statement, TableId table) {
        try {
            if (rows != null) {
                rows.close();
            }
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException e) {
            LOG.debug("Table {}: closing the cursor failed: {}", table, e.getMessage());
        }
    }
}
