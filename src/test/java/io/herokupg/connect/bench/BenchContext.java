/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * What every scenario gets: the settings, the database's connector settings (also in a file only this user can
 * read, for the forked JVMs: it holds a password) and the console.
 */
record BenchContext(BenchOptions options, Map<String, String> connection, Path connectionFile, PrintStream out) {

    /** A connection with the connector's own settings (TLS and all), autocommit on. */
    Connection open() throws SQLException {
        return BenchRound.open(connection);
    }

    Path dir() {
        return options.dir();
    }
}
