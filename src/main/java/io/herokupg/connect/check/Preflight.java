/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.CatalogFilter;
import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.PgCatalog;
import io.herokupg.connect.catalog.TableDiscovery;
import io.herokupg.connect.catalog.TableDiscovery.Discovered;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.ColumnSelection;
import io.herokupg.connect.config.ConnectionSettings;
import io.herokupg.connect.config.ReplicationFragment;
import io.herokupg.connect.config.ReplicationMethod;
import io.herokupg.connect.config.ReplicationSettings;
import io.herokupg.connect.config.SelectionFragment;
import io.herokupg.connect.config.SourceConfig;
import io.herokupg.connect.config.TableOverrides;
import io.herokupg.connect.config.TypesFragment;
import io.herokupg.connect.jdbc.ConnectionFactory;
import io.herokupg.connect.jdbc.SqlErrors;
import io.herokupg.connect.jdbc.SqlErrors.Diagnosis;
import io.herokupg.connect.types.RecordBuilder;

/**
 * The live checks of a configuration, against the database: it can be reached with these TLS settings and
 * credentials; then one discovery ({@link TableDiscovery}) and checks of what it found: the selection matches tables,
 * the user can read every selected table, and every column can be replicated. Used by {@code Connector.validate()}
 * (each problem attached to its key), by {@code start()} (which fails with the same messages) and by the scheduled
 * discovery.
 */
public final class Preflight {
    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);
    private Preflight() {
    }

    /**
     * What the checks found: the selected tables, and the problems (none when the configuration is usable).
     *
     * @param failed whether the discovery itself failed: the database could not be reached, or its catalog read, in
     *               time (the one problem says why); otherwise the problems are findings about the selection
     */
    public record Result(List<TableInfo> tables, List<Diagnosis> problems, boolean failed) {
        public Result {
            tables = List.copyOf(tables);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        /** All problems as one message, for failing {@code start()}. */
        public String message() {
            return problems.stream().map(Diagnosis::message).collect(Collectors.joining("; "));
        }
    }

    /** Runs the checks, giving up (with a problem on the host key) after the connect timeout plus 15 s. */
    public static Result run(SourceConfig config) {
        return run(config, true);
    }

    /**
     * {@link #run(SourceConfig)}; with {@code warnings} false, without the warnings about INCREMENTAL's assumptions
     * (for the periodic discovery, which would repeat them).
     */
    public static Result run(SourceConfig config, boolean warnings) {
        ConnectionSettings settings = config.connection();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "herokupg-preflight");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Result> result = executor.submit(() -> check(settings, config, warnings));
            return result.get(settings.timeouts().connect().toSeconds() + 15, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return failure(new Diagnosis(settings.hostKey(), "Checking the database at " + settings.describe()
                + " did not finish in time; check that it is reachable from this worker"));
        } catch (ExecutionException e) {
            return failure(SqlErrors.diagnoseConnectFailure(e.getCause(), settings));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(new Diagnosis(settings.hostKey(), "Interrupted while checking the database"));
        } finally {
            executor.shutdownNow();
        }
    }

    private static Result check(ConnectionSettings settings, SourceConfig config, boolean warnings)
        throws SQLException {
        Connection conn;
        try {
            conn = ConnectionFactory.open(settings);
        } catch (SQLException e) {
            return failure(SqlErrors.diagnoseConnectFailure(e, settings));
        }
        try (conn) {
            conn.setReadOnly(true);
            TableDiscovery discovery = new TableDiscovery(config.discovery());
            List<Discovered> found = discovery.describeSelection(conn);
            List<TableId> unreadable = config.tableSelection().include().isEmpty() ? List.of()
                : discovery.unreadable(conn);
            // One query for every table's indexes: with thousands of tables, a query per table is most of the time.
            Map<TableId, Set<String>> indexed = PgCatalog.indexLeadingColumns(conn,
                found.stream().map(t -> t.described().id()).toList());
            return checkDiscovered(conn, settings, config, found, unreadable, indexed, warnings);
        }
    }

    /** The checks of what one discovery found: the selection, grants, key columns, types, method and key. */
    private static Result checkDiscovered(Connection conn, ConnectionSettings settings, SourceConfig config,
                                          List<Discovered> found, List<TableId> unreadable,
                                          Map<TableId, Set<String>> indexed, boolean warnings) throws SQLException {
        List<Diagnosis> problems = new ArrayList<>();
        unreadable(settings, unreadable).ifPresent(problems::add);
        if (found.isEmpty() && problems.isEmpty()) {
            problems.add(new Diagnosis(SelectionFragment.TABLE_INCLUDE_LIST, "No " + config.tableTypes()
                + " matches the selection among those user '" + settings.user() + "' can read in "
                + settings.describe() + "; the rules match whole schema.table names, e.g. public\\.orders or"
                + " public\\..* (and " + SelectionFragment.TABLE_TYPES + " chooses tables, views…)"));
        }
        List<TableInfo> tables = new ArrayList<>();
        ColumnSelection columns = config.columnSelection();
        for (Discovered discovered : found) {
            TableInfo table = discovered.described();
            TableInfo selectedColumns = discovered.selected();
            columnProblems(table, columns).ifPresent(problems::add);
            try {
                RecordBuilder.checkSupported(selectedColumns, config.typeHandling());
            } catch (RuntimeException e) {
                problems.add(new Diagnosis(SelectionFragment.COLUMN_EXCLUDE_LIST, e.getMessage()));
            }
            RecordBuilder.fieldNameCollision(selectedColumns, config.typeHandling().fieldNames())
                .ifPresent(p -> problems.add(new Diagnosis(TypesFragment.FIELD_NAME_ADJUSTMENT_MODE, p)));
            replicationProblems(table, selectedColumns, config, indexed.getOrDefault(table.id(), Set.of()))
                .ifPresent(problems::add);
            tables.add(selectedColumns);
        }
        warnAboutOverridesOfUnselectedTables(config, tables);
        if (problems.isEmpty()) {
            problems.addAll(replicationChecks(conn, config, tables, warnings));
        }
        return new Result(tables, problems, false);
    }

    /**
     * Checks of the configuration as a whole: a follower needs its primary; with {@code warnings}, INCREMENTAL's
     * assumptions that the catalog can check are logged.
     */
    private static List<Diagnosis> replicationChecks(Connection conn, SourceConfig config, List<TableInfo> tables,
                                                     boolean warnings) throws SQLException {
        List<Diagnosis> problems = new ArrayList<>();
        Followers.check(conn, config, tables).ifPresent(problems::add);
        Captures.check(conn, config, conn.getMetaData().getUserName(), tables).ifPresent(problems::add);
        if (warnings) {
            Assumptions.check(conn, config, tables);
        }
        return problems;
    }

    /**
     * The method and key must suit the table: an INCREMENTAL table needs a replicated key column of an orderable
     * type (an index on it is advised), and XMIN needs row versions, which views do not have.
     */
    private static Optional<Diagnosis> replicationProblems(TableInfo table, TableInfo selected, SourceConfig config,
                                                           Set<String> indexed) {
        TableId id = table.id();
        ReplicationSettings replication = config.replication(id.schema(), id.table());
        if (replication.method() == ReplicationMethod.XMIN && !table.hasRowVersions()) {
            return Optional.of(new Diagnosis(replication.methodKey(), id + " is a " + table.type() + ", whose rows"
                + " carry no transaction id: XMIN replicates tables and materialized views only; use INCREMENTAL"
                + " with a key column, or FULL_TABLE (" + TableOverrides.key(id.schema(), id.table(),
                ReplicationFragment.REPLICATION_METHOD) + " sets it for this table alone)"));
        }
        if (replication.method() == ReplicationMethod.CAPTURE) {
            return Captures.unsuitable(table, selected, replication.methodKey(), config.capture().deleteMarker());
        }
        if (replication.method() != ReplicationMethod.INCREMENTAL) {
            return Optional.empty();
        }
        if (replication.key().isEmpty()) {
            return Optional.of(new Diagnosis(replication.keyKey(), id + " is INCREMENTAL (" + replication.methodKey()
                + ") and needs a replication key column: set " + ReplicationFragment.REPLICATION_KEY + " or "
                + TableOverrides.key(id.schema(), id.table(), ReplicationFragment.REPLICATION_KEY)));
        }
        return keyProblems(table, selected, replication, indexed);
    }

    private static Optional<Diagnosis> keyProblems(TableInfo table, TableInfo selected,
                                                   ReplicationSettings replication, Set<String> indexed) {
        TableId id = table.id();
        String key = replication.key().orElseThrow();
        Optional<ColumnInfo> column = table.column(key);
        if (column.isEmpty()) {
            return Optional.of(new Diagnosis(replication.keyKey(), id + " has no column '" + key + "' to use as"
                + " its replication key; its columns are " + table.columns().stream().map(ColumnInfo::name).toList()));
        }
        if (selected.column(key).isEmpty()) {
            return Optional.of(new Diagnosis(SelectionFragment.COLUMN_EXCLUDE_LIST, "Column '" + key + "' of " + id
                + " is its replication key (" + replication.keyKey() + ") and cannot be left out"));
        }
        if (!ORDERABLE_KEY_TYPES.contains(column.get().typeName())) {
            return Optional.of(new Diagnosis(replication.keyKey(), "Column '" + key + "' of " + id + " has type "
                + column.get().sqlType() + ", which cannot order changes; a replication key is a timestamp,"
                + " timestamptz, date, integer, numeric, float, text, varchar or uuid column"));
        }
        if (!table.hasRowVersions()) {
            LOG.warn("{} is a {}: INCREMENTAL continues after the highest key emitted, so rows committed late with"
                + " a lower key are not seen (tables and materialized views do not have this limit)", id, table.type());
        } else if (!indexed.contains(key)) {
            LOG.warn("{} has no index on its replication key '{}': every INCREMENTAL pass reads the whole table."
                + " Create one: CREATE INDEX CONCURRENTLY ON {} ({});", id, key, id.quoted(), Identifiers.quote(key));
        }
        return Optional.empty();
    }

    /** Base types (domains are resolved to theirs) whose order is total and stable. */
    private static final Set<String> ORDERABLE_KEY_TYPES = Set.of("int2", "int4", "int8", "numeric", "float4",
        "float8", "date", "timestamp", "timestamptz", "text", "varchar", "bpchar", "citext", "uuid");

    private static void warnAboutOverridesOfUnselectedTables(SourceConfig config, List<TableInfo> tables) {
        for (TableOverrides.TableName name : config.tablesWithOverrides()) {
            if (tables.stream().noneMatch(t -> t.id().schema().equals(name.schema())
                && t.id().table().equals(name.table()))) {
                LOG.warn("Per-table settings name {}, which is not among the selected tables; they have no effect",
                    name);
            }
        }
    }

    /** Primary-key columns cannot be left out: they are the record key and the position of a pass. */
    private static Optional<Diagnosis> columnProblems(TableInfo table, ColumnSelection columns) {
        List<String> excluded = CatalogFilter.excludedKeyColumns(table, columns);
        if (excluded.isEmpty()) {
            return Optional.empty();
        }
        boolean notIncluded = !columns.include().isEmpty() && excluded.stream()
            .noneMatch(k -> new ColumnSelection(columns.include(), List.of())
                .matches(table.id().schema(), table.id().table(), k));
        String key = notIncluded ? SelectionFragment.COLUMN_INCLUDE_LIST : SelectionFragment.COLUMN_EXCLUDE_LIST;
        return Optional.of(new Diagnosis(key, "The primary-key column(s) " + excluded + " of " + table.id()
            + " cannot be left out: they are the record key and the position of a pass"));
    }

    private static Optional<Diagnosis> unreadable(ConnectionSettings settings, List<TableId> tables) {
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        String names = tables.stream().map(TableId::toString).collect(Collectors.joining(", "));
        String grants = tables.stream().map(t -> "GRANT SELECT ON " + t.quoted() + " TO " + settings.user() + ";")
            .collect(Collectors.joining(" "));
        String schemas = tables.stream().map(TableId::schema).distinct()
            .map(s -> "GRANT USAGE ON SCHEMA " + Identifiers.quote(s) + " TO "
                + settings.user() + ";")
            .collect(Collectors.joining(" "));
        return Optional.of(new Diagnosis(SelectionFragment.TABLE_INCLUDE_LIST, "User '" + settings.user()
            + "' cannot read the selected table(s) " + names + ". As the database owner, run: " + schemas + " "
            + grants + " (or leave them out with " + SelectionFragment.TABLE_EXCLUDE_LIST + ")"));
    }

    private static Result failure(Diagnosis diagnosis) {
        return new Result(List.of(), List.of(diagnosis), true);
    }
}
