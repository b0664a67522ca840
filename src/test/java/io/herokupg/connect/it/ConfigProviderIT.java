/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.ConnectorIT;
import io.herokupg.connect.testing.PostgresFixture;

/**
 * Heroku's DATABASE_URL from a config provider: the connector resolves it, while the configs the worker stores and
 * shows over REST, the connector's and each task's, keep the {@code ${file:…}} reference, not the password.
 */
class ConfigProviderIT extends ConnectorIT {
    ConfigProviderIT() {
        super("config-provider");
    }

    @Test
    void theDatabaseUrlComesFromAFileProviderAndNeverAppearsInStoredConfigs() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS provider_rows");
            st.execute("CREATE TABLE provider_rows (id int PRIMARY KEY)");
            st.execute("INSERT INTO provider_rows SELECT generate_series(1, 15)");
        }
        Path secrets = Files.createTempFile("heroku-config-vars-", ".properties");
        Files.writeString(secrets, "DATABASE_URL=" + pg.databaseUrl().replace(":", "\\:") + "\n");
        Map<String, String> config = connect.connectorConfig(pg, name, "it_provider", "public\\.provider_rows");
        PostgresFixture.useUrl(config, "${file:" + secrets + ":DATABASE_URL}");

        assertThat(connect.rest().validate(config)).isEmpty();
        connect.rest().putConnector(name, config);
        connect.rest().awaitRunning(name, 1);
        assertThat(connect.topics().readAtLeast("it_provider.public.provider_rows", 15, Duration.ofSeconds(60),
            Duration.ofSeconds(1))).hasSize(15);

        String tasks = connect.rest().tasks(name).body().toString();
        assertThat(tasks).contains("${file:").doesNotContain(pg.password()).doesNotContain("postgres://");
        String stored = connect.rest().connectorConfig(name).body().toString();
        assertThat(stored).contains("${file:").doesNotContain(pg.password());
    }
}
