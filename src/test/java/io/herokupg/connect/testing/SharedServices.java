/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * One PostgreSQL and one Kafka + Connect cluster for all integration tests of a JVM: starting them takes seconds,
 * and the tests isolate themselves by table and connector names. Stopped when the JUnit launcher session closes
 * (registered in META-INF/services), before the JVM's own shutdown removes the broker's files.
 */
public final class SharedServices implements LauncherSessionListener {
    private static PostgresFixture postgres;
    private static ConnectFixture connect;

    public static synchronized PostgresFixture postgres() {
        if (postgres == null) {
            postgres = Fixtures.postgres();
        }
        return postgres;
    }

    public static synchronized ConnectFixture connect() {
        if (connect == null) {
            connect = Fixtures.connect(1, false);
        }
        return connect;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        synchronized (SharedServices.class) {
            if (connect != null) {
                connect.close();
                connect = null;
            }
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        }
    }
}
