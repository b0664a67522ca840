/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.herokupg.connect.capture.CaptureSql;
import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.PgCapture;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.CaptureFragment;
import io.herokupg.connect.config.CaptureSettings;
import io.herokupg.connect.config.ReplicationFragment;
import io.herokupg.connect.config.ReplicationMethod;
import io.herokupg.connect.config.SourceConfig;
import io.herokupg.connect.config.TableOverrides;
import io.herokupg.connect.config.TableType;
import io.herokupg.connect.jdbc.SqlErrors.Diagnosis;

/**
 * The check of CAPTURE tables (docs/capture.md). With {@code capture.setup=manual} (the default: the connector never
 * changes the database), every selected CAPTURE table must be captured already, and the connector's role must read
 * and prune the log: validation names each table that is not, with the SQL that installs capture (to run as the
 * tables' owner), and the SQL that removes it. With {@code capture.setup=auto}, the tasks install it themselves.
 */
final class Captures {
    private Captures() {
    }

    static Optional<Diagnosis> check(Connection conn, SourceConfig config, String user, List<TableInfo> tables)
        throws SQLException {
        CaptureSettings settings = config.capture();
        List<TableInfo> captured = tables.stream()
            .filter(t -> config.replication(t.id().schema(), t.id().table()).method() == ReplicationMethod.CAPTURE)
            .toList();
        if (captured.isEmpty() || settings.setup() == CaptureSettings.Setup.AUTO) {
            return Optional.empty();
        }
        List<TableId> missing = new ArrayList<>();
        boolean ungranted = false;
        for (TableInfo table : captured) {
            PgCapture.Status status = PgCapture.read(conn, settings.schema(), CaptureSql.LOG, CaptureSql.FUNCTION,
                table.relid(), List.of(CaptureSql.ROW_TRIGGER, CaptureSql.TRUNCATE_TRIGGER));
            if (!status.captures(table.primaryKey())) {
                missing.add(table.id());
            }
            ungranted |= status.log() && !(status.readable() && status.prunable());
        }
        return missing.isEmpty() && !ungranted ? Optional.empty()
            : Optional.of(diagnosis(settings, user, captured, missing, ungranted));
    }

    /**
     * A table CAPTURE cannot replicate (a view, a partitioned table, a table without a primary key), or whose delete
     * markers could not leave its other columns null.
     */
    static Optional<Diagnosis> unsuitable(TableInfo table, TableInfo selected, String methodKey,
                                          boolean deleteMarker) {
        TableId id = table.id();
        if (table.type() != TableType.TABLE || table.partitioned() || table.primaryKey().isEmpty()) {
            return Optional.of(new Diagnosis(methodKey, id + " is a " + (table.partitioned() ? "partitioned table"
                : table.type()) + (table.primaryKey().isEmpty() ? " without a primary key" : "") + ": CAPTURE"
                + " replicates tables with a primary key only (not partitioned); use INCREMENTAL, XMIN or FULL_TABLE ("
                + TableOverrides.key(id.schema(), id.table(), ReplicationFragment.REPLICATION_METHOD)
                + " sets it for this table alone)"));
        }
        List<String> required = selected.columns().stream().filter(ColumnInfo::notNull)
            .map(ColumnInfo::name).filter(c -> !table.primaryKey().contains(c)).toList();
        if (deleteMarker && !required.isEmpty()) {
            return Optional.of(new Diagnosis(CaptureFragment.CAPTURE_DELETE_HANDLING, id + ": a delete marker leaves"
                + " the columns other than the key null, and " + required + " are NOT NULL; use"
                + " capture.delete.handling=tombstone"));
        }
        return Optional.empty();
    }

    private static Diagnosis diagnosis(CaptureSettings settings, String user, List<TableInfo> captured,
                                       List<TableId> missing, boolean ungranted) {
        CaptureSql sql = new CaptureSql(settings.schema());
        List<String> why = new ArrayList<>();
        if (!missing.isEmpty()) {
            why.add("the changes of " + missing + " are not captured");
        }
        if (ungranted) {
            why.add("user '" + user + "' may not read and delete from the capture log " + sql.log());
        }
        Map<TableId, List<String>> install = new LinkedHashMap<>();
        captured.forEach(t -> install.put(t.id(), t.primaryKey()));
        return new Diagnosis(CaptureFragment.CAPTURE_SETUP, String.join("; ", why) + " ("
            + CaptureFragment.CAPTURE_SETUP + "=manual: the connector never changes the database). Run as the tables'"
            + " owner (e.g. psql \"$DATABASE_URL\"):\n" + sql.installScript(Optional.of(user), install)
            + "\nor set " + CaptureFragment.CAPTURE_SETUP + "=auto with the owner's credential. To remove capture"
            + " later:\n" + sql.uninstallScript(install.keySet()));
    }
}
