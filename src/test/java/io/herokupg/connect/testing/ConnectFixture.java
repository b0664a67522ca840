/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

/** A real Kafka broker with a real Kafka Connect worker (distributed mode), reached over REST and Kafka clients. */
public interface ConnectFixture extends AutoCloseable {

    /** The worker's REST base URL, ending in '/'. */
    String restUrl();

    String bootstrapServers();

    /** The host name under which the worker reaches a server that the tests reach at localhost:port. */
    String hostForWorker(String host, int port);

    default ConnectRest rest() {
        return new ConnectRest(restUrl());
    }

    default TopicReader topics() {
        return new TopicReader(bootstrapServers());
    }

    /** The server's database URL, as the worker reaches it. */
    default String workerUrl(PostgresFixture pg) {
        return pg.databaseUrl().replace("@" + pg.host() + ":" + pg.port() + "/",
            "@" + hostForWorker(pg.host(), pg.port()) + ":" + pg.port() + "/");
    }

    /** Connector settings that reach the given database from the worker, with sslmode=require. */
    default java.util.Map<String, String> databaseConfig(PostgresFixture pg) {
        java.util.Map<String, String> config = pg.connectorConfig();
        config.put("database.hostname", hostForWorker(pg.host(), pg.port()));
        return config;
    }

    /**
     * A complete connector config for our connector: the database settings, one task, a poll interval of an hour
     * (one pass per test unless the test says otherwise) and topics created by the worker (KIP-158), since the
     * broker does not create topics on its own.
     */
    default java.util.Map<String, String> connectorConfig(PostgresFixture pg, String name, String topicPrefix,
                                                          String tableInclude) {
        java.util.Map<String, String> config = databaseConfig(pg);
        config.put("connector.class", "io.herokupg.connect.HerokuPostgresSourceConnector");
        config.put("name", name);
        config.put("tasks.max", "1");
        config.put("topic.prefix", topicPrefix);
        config.put("table.include.list", tableInclude);
        config.put("poll.interval.ms", "3600000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    @Override
    void close();
}
