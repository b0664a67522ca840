/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.herokupg.connect.catalog.PgServer;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.ConnectionFragment;
import io.herokupg.connect.config.ConnectionSettings;
import io.herokupg.connect.config.ReplicationMethod;
import io.herokupg.connect.config.SourceConfig;
import io.herokupg.connect.jdbc.ConnectionFactory;
import io.herokupg.connect.jdbc.SqlErrors;
import io.herokupg.connect.jdbc.SqlErrors.Diagnosis;

/**
 * The check of a follower: a hot standby cannot tell which transactions are still running on its primary, so a
 * configuration that replicates INCREMENTAL or XMIN tables from one needs {@code database.primary.url}, which must
 * reach that follower's primary (a primary, with the same system identifier). A configured primary is checked even
 * while the database is a primary itself, since a URL may move to a follower later.
 */
final class Followers {
    private Followers() {
    }

    static Optional<Diagnosis> check(Connection conn, SourceConfig config, List<TableInfo> tables)
        throws SQLException {
        boolean standby = PgServer.now(conn).inRecovery();
        Optional<ConnectionSettings> primary = config.primaryConnection();
        List<TableInfo> fenced = tables.stream().filter(TableInfo::hasRowVersions)
            .filter(t -> config.replication(t.id().schema(), t.id().table()).method() != ReplicationMethod.FULL_TABLE)
            .toList();
        if (standby && primary.isEmpty() && !fenced.isEmpty()) {
            return Optional.of(new Diagnosis(ConnectionFragment.PRIMARY_URL, "The database at "
                + config.connection().describe() + " is a hot standby (a follower). A follower cannot see the"
                + " transactions still running on its primary, so INCREMENTAL, XMIN and"
                + " CAPTURE (tables " + names(fenced) + ") would miss rows that commit late (and CAPTURE prunes its"
                + " log there). Set " + ConnectionFragment.PRIMARY_URL + " to its primary's"
                + " URL (on Heroku, the app's DATABASE_URL): passes take their snapshot there, and still read the"
                + " rows from the follower. FULL_TABLE needs nothing more"));
        }
        if (primary.isEmpty()) {
            return Optional.empty();
        }
        return checkPrimary(conn, primary.get());
    }

    private static Optional<Diagnosis> checkPrimary(Connection conn, ConnectionSettings primary) {
        try (Connection leader = ConnectionFactory.open(primary)) {
            if (PgServer.now(leader).inRecovery()) {
                return Optional.of(new Diagnosis(ConnectionFragment.PRIMARY_URL, "names " + primary.describe()
                    + ", a hot standby itself: it must be the primary (on Heroku, the app's DATABASE_URL)"));
            }
            if (PgServer.differentSystems(conn, leader)) {
                return Optional.of(new Diagnosis(ConnectionFragment.PRIMARY_URL, "names " + primary.describe()
                    + ", which is another database server than the follower's primary (their system identifiers"
                    + " differ): set it to the follower's leader"));
            }
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(new Diagnosis(ConnectionFragment.PRIMARY_URL, ConnectionFragment.PRIMARY_URL + ": "
                + SqlErrors.describeConnectFailure(e, primary)));
        }
    }

    private static String names(List<TableInfo> tables) {
        List<String> names = tables.stream().limit(5).map(t -> t.id().toString()).toList();
        return String.join(", ", names) + (tables.size() > 5 ? ", …" : "");
    }
}
