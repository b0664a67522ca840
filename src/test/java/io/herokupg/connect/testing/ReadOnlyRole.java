/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A least-privilege credential, made as README.md's "A read-only user" recipe says: USAGE on the schema and SELECT on
 * its tables, now and by default later; no {@code pg_read_all_stats}, so it cannot see other roles' sessions in
 * {@code pg_stat_activity} (as a Heroku credential created with {@code heroku pg:credentials:create}).
 */
public final class ReadOnlyRole {
    public static final String USER = "kafka_reader";
    public static final String PASSWORD = "r3ad-0nly:pw@";

    private ReadOnlyRole() {
    }

    /**
     * Creates the role (once) and grants it what the README recipe grants. The shared test database also holds
     * tables other tests made another owner's, so the grants run as a superuser, for the application role's tables
     * to come too.
     */
    public static void create(PostgresFixture pg) throws SQLException {
        try (Connection admin = pg.superuser(); Statement st = admin.createStatement()) {
            st.execute("DO $$ BEGIN CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "';"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            st.execute("GRANT USAGE ON SCHEMA public TO " + USER);
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + USER);
            st.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + pg.user() + " IN SCHEMA public GRANT SELECT ON TABLES TO "
                + USER);
        }
    }

    /** Connector settings that connect as the role (on top of the database's). */
    public static Map<String, String> settings() {
        return Map.of("database.user", USER, "database.password", PASSWORD);
    }
}
