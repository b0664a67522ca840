/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.types.RecordBuilder;

/** Builds the record builder of a table as the catalog describes it now (the task knows the selection rules). */
@FunctionalInterface
public interface BuilderSource {

    /** The builder for the table's current columns; empty when the table no longer exists. */
    Optional<RecordBuilder> build(Connection connection, TableId table) throws SQLException;
}
