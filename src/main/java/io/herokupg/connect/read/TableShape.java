/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.PgTableShape;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.offset.SplitRange;
import io.herokupg.connect.offset.TableIdentity;
import io.herokupg.connect.types.RecordBuilder;

/**
 * A table's shape as a reader knows it: the record builder of its columns. Notices that the table changed shape
 * ({@code ALTER TABLE … ADD/DROP/RENAME COLUMN}, a type change, a new primary key) when checked, before a pass opens
 * its stream of rows, and takes a builder for the new shape, logging one line that says what changed. The check runs
 * outside any transaction, so it sees the catalog as committed now; a pass in progress holds a lock that makes such
 * DDL wait for the pass to end.
 */
final class TableShape {
    private static final Logger LOG = LoggerFactory.getLogger(TableShape.class);
    /** SQLSTATE undefined_table, which the task handles by no longer reading the table. */
    static final String UNDEFINED_TABLE = "42P01";

    private final BuilderSource source;
    private final String resyncToken;
    private final Optional<SplitRange> range;
    private RecordBuilder builder;
    private String fingerprint;

    TableShape(RecordBuilder builder, BuilderSource source) {
        this(builder, source, "");
    }

    /** The shape of a table whose positions carry a re-sync token ({@code resync.token}). */
    TableShape(RecordBuilder builder, BuilderSource source, String resyncToken) {
        this(builder, source, resyncToken, Optional.empty());
    }

    /** The shape of a table read as one range of a split load, whose positions say which range they are of. */
    TableShape(RecordBuilder builder, BuilderSource source, String resyncToken, Optional<SplitRange> range) {
        this.builder = builder;
        this.source = source;
        this.resyncToken = resyncToken;
        this.range = range;
    }

    /** The identity positions are stored under: the table as last checked, and the re-sync token. */
    TableIdentity identity() {
        return identityOf(table());
    }

    /** The identity of the table as described, under the re-sync token. */
    TableIdentity identityOf(TableInfo described) {
        TableIdentity identity = TableIdentity.of(described, resyncToken);
        return range.map(identity::inRange).orElse(identity);
    }

    /** The builder of the table's records, for its shape as last checked. */
    RecordBuilder builder() {
        return builder;
    }

    /** The table as last checked. */
    TableInfo table() {
        return builder.table();
    }

    /** A change of shape: the builders before and after. */
    record Change(RecordBuilder before, RecordBuilder after) {
    }

    /**
     * Checks the table's shape now, on the connection in autocommit mode; the change if it changed since the last
     * check (the first check only records it), its new builder taken.
     *
     * @throws SQLException with SQLSTATE 42P01 when the table no longer exists
     */
    Optional<Change> check(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        return check(connection, PgTableShape.fingerprint(connection, builder.table().id()));
    }

    /**
     * {@link #check(Connection)} with the table's fingerprint read already (with the running transactions, in the
     * same round trip); empty when the table does not exist.
     */
    Optional<Change> check(Connection connection, Optional<String> found) throws SQLException {
        RecordBuilder current = builder;
        TableId table = current.table().id();
        String now = found
            .orElseThrow(() -> new SQLException("relation " + table + " does not exist", UNDEFINED_TABLE));
        if (fingerprint == null || fingerprint.equals(now)) {
            fingerprint = now;
            return Optional.empty();
        }
        fingerprint = now;
        RecordBuilder rebuilt = source.build(connection, table)
            .orElseThrow(() -> new SQLException("relation " + table + " does not exist", UNDEFINED_TABLE));
        String changes = describe(current.table().columns(), rebuilt.table().columns());
        LOG.info("Table {} changed: {}; its records now have the new schema", table,
            changes.isEmpty() ? "primary key or column nullability/order" : changes);
        builder = rebuilt;
        return Optional.of(new Change(current, rebuilt));
    }

    /** What changed, column by column (matched by attribute number, so that a rename is told from drop+add). */
    static String describe(List<ColumnInfo> before, List<ColumnInfo> after) {
        Map<Integer, ColumnInfo> old = before.stream().collect(Collectors.toMap(ColumnInfo::position,
            Function.identity()));
        Map<Integer, ColumnInfo> neu = after.stream().collect(Collectors.toMap(ColumnInfo::position,
            Function.identity()));
        List<String> changes = new ArrayList<>();
        for (ColumnInfo column : after) {
            ColumnInfo was = old.get(column.position());
            if (was == null) {
                changes.add("added " + column.name() + " " + column.sqlType());
                continue;
            }
            if (!was.name().equals(column.name())) {
                changes.add("renamed " + was.name() + " to " + column.name());
            }
            if (!was.sqlType().equals(column.sqlType())) {
                changes.add("changed " + column.name() + " from " + was.sqlType() + " to " + column.sqlType());
            }
            if (was.notNull() != column.notNull()) {
                changes.add(column.name() + (column.notNull() ? " became NOT NULL" : " became nullable"));
            }
        }
        before.stream().filter(c -> !neu.containsKey(c.position()))
            .forEach(c -> changes.add("dropped " + c.name()));
        return String.join(", ", changes);
    }
}
