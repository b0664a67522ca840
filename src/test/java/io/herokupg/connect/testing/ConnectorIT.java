/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import org.junit.jupiter.api.AfterEach;

/**
 * Base of the integration tests that run one connector on the shared PostgreSQL and Connect cluster: the connector
 * named {@link #name} is deleted after each test, so tests do not leave work running for the next.
 */
public abstract class ConnectorIT {
    protected final PostgresFixture pg = SharedServices.postgres();
    protected final ConnectFixture connect = SharedServices.connect();
    protected final String name;

    protected ConnectorIT(String name) {
        this.name = name;
    }

    @AfterEach
    void deleteConnector() {
        connect.rest().delete(name);
    }
}
