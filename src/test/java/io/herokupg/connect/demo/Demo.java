/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.EmbeddedConnectFixture;
import io.herokupg.connect.testing.EmbeddedPostgresFixture;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * The end-to-end demo behind {@code mvn -Pdemo verify}: a real PostgreSQL (TLS only, like Heroku) with sample
 * tables, or your own database when {@code DATABASE_URL} is set; a real Kafka broker and Connect worker that load
 * the connector from the built Hub archive; the connector deployed over REST; records printed as they arrive.
 * Runs for {@code demo.seconds} (default 40), adding an order every few seconds in the sample database.
 */
public final class Demo {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final String NAME = "heroku-postgres-demo";

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Optional<String> databaseUrl = Optional.ofNullable(System.getenv("DATABASE_URL")).filter(s -> !s.isBlank());
        Duration runFor = Duration.ofSeconds(Long.getLong("demo.seconds", 40));
        OUT.println("== Starting Kafka and a Kafka Connect worker (plugin.path = the built Hub archive)");
        try (ConnectFixture connect = EmbeddedConnectFixture.start(1, Optional.of(Fixtures.pluginPath()));
             PostgresFixture pg = databaseUrl.isPresent() ? null : startSampleDatabase()) {
            Map<String, String> config = pg != null
                ? connect.connectorConfig(pg, NAME, "demo", "public\\..*")
                : ownDatabaseConfig(connect, databaseUrl.get());
            config.put("poll.interval.ms", "10000");
            OUT.println("== Deploying connector " + NAME + " (PUT /connectors/" + NAME + "/config)");
            connect.rest().putConnector(NAME, config);
            connect.rest().awaitRunning(NAME, 1);
            OUT.println("== Connector RUNNING; topics: demo.<schema>.<table>. Records as they arrive:");
            follow(connect, pg, runFor);
            OUT.println("== Done after " + runFor.toSeconds() + " s; stopping everything.");
        }
    }

    private static Map<String, String> ownDatabaseConfig(ConnectFixture connect, String databaseUrl) {
        OUT.println("== Using your database from DATABASE_URL (sslmode=require); tables: "
            + System.getProperty("demo.tables", "public\\..*"));
        Map<String, String> config = new java.util.HashMap<>();
        config.put("connector.class", "io.herokupg.connect.HerokuPostgresSourceConnector");
        config.put("name", NAME);
        config.put("tasks.max", "1");
        config.put("database.url", databaseUrl);
        config.put("topic.prefix", "demo");
        config.put("table.include.list", System.getProperty("demo.tables", "public\\..*"));
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    private static PostgresFixture startSampleDatabase() throws Exception {
        OUT.println("== Starting PostgreSQL (TLS only) with sample tables public.customers and public.orders");
        PostgresFixture pg = EmbeddedPostgresFixture.start();
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text,"
                + " vip boolean NOT NULL DEFAULT false, created_at timestamptz NOT NULL DEFAULT now())");
            st.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,"
                + " total numeric(10,2) NOT NULL, placed_on date NOT NULL DEFAULT current_date, items jsonb)");
            st.execute("INSERT INTO customers (name, email, vip) SELECT 'Customer ' || g, 'c' || g || '@example.com',"
                + " g % 4 = 0 FROM generate_series(1, 5) g");
            st.execute("INSERT INTO orders (customer_id, total, items) SELECT 1 + g % 5, (g * 7.35)::numeric(10,2),"
                + " jsonb_build_array(jsonb_build_object('sku', 'SKU-' || g, 'qty', g % 3 + 1))"
                + " FROM generate_series(1, 8) g");
        }
        return pg;
    }

    /** Prints every record that arrives, and adds an order every 5 s to the sample database. */
    private static void follow(ConnectFixture connect, PostgresFixture pg, Duration runFor) throws Exception {
        Instant end = Instant.now().plus(runFor);
        Instant nextOrder = Instant.now().plusSeconds(5);
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        while (Instant.now().isBefore(end)) {
            for (String topic : topics(connect, pg)) {
                List<Decoded> records = connect.topics().readAtLeast(topic, 0, Duration.ofSeconds(2), Duration.ZERO);
                int from = seen.getOrDefault(topic, 0);
                for (Decoded record : records.subList(Math.min(from, records.size()), records.size())) {
                    OUT.println(topic + "  key=" + record.key().value() + "  value=" + record.value().value());
                }
                seen.put(topic, records.size());
            }
            if (pg != null && Instant.now().isAfter(nextOrder)) {
                try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
                    st.execute("INSERT INTO orders (customer_id, total) VALUES (2, 19.99)");
                }
                OUT.println("-- inserted a new order; the next full-table pass (every 10 s) sends it");
                nextOrder = Instant.now().plusSeconds(5);
            }
            Thread.sleep(1000);
        }
    }

    private static List<String> topics(ConnectFixture connect, PostgresFixture pg) {
        return pg != null ? List.of("demo.public.customers", "demo.public.orders")
            : connect.topics().topicsWithPrefix("demo.");
    }
}
