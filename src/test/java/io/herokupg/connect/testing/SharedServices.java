/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

/**
 * One PostgreSQL and one Kafka + Connect cluster for all integration tests of a JVM: starting them takes seconds,
 * and the tests isolate themselves by table and connector names. Stopped when the JVM exits.
 */
public final class SharedServices {
    private static PostgresFixture postgres;
    private static ConnectFixture connect;

    private SharedServices() {
    }

    public static synchronized PostgresFixture postgres() {
        if (postgres == null) {
            postgres = Fixtures.postgres();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-postgres"));
        }
        return postgres;
    }

    public static synchronized ConnectFixture connect() {
        if (connect == null) {
            connect = Fixtures.connect(1, false);
            Runtime.getRuntime().addShutdownHook(new Thread(connect::close, "stop-connect"));
        }
        return connect;
    }
}
