/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.util.HashMap;
import java.util.Map;

import io.herokupg.connect.HerokuPostgresSourceConnector;

/**
 * The connector configs of the {@code scale-out} scenario's three kinds: the same converters (JsonConverter with
 * schemas for keys and values) and topic settings for each, so that only the source differs.
 */
final class ScaleOutConfigs {
    static final String OURS = "ours";
    static final String SYNTHETIC = "synthetic";
    static final String DEBEZIUM = "debezium";
    /** Debezium's replication slot and publication (dropped after its round). */
    static final String SLOT = "bench_scale_dbz";

    private ScaleOutConfigs() {
    }

    /** The connector's name, which is also its topic prefix. */
    static String name(String kind) {
        return "scale-" + kind;
    }

    /** The topic each kind writes the table's rows to. */
    static String topic(String kind) {
        return name(kind) + ".public." + ScaleOutScenario.TABLE;
    }

    static Map<String, String> config(String kind, int tasks, ScaleOutScenario.Settings settings,
                                      Map<String, String> connection, String sample) {
        Map<String, String> config = switch (kind) {
            case OURS -> ours(connection);
            case SYNTHETIC -> synthetic(settings, sample);
            case DEBEZIUM -> debezium(connection);
            default -> throw new IllegalArgumentException("unknown scale-out kind '" + kind + "'");
        };
        config.put("name", name(kind));
        config.put("tasks.max", Integer.toString(tasks));
        // -Dbench.scale.producer=batch.size=1048576,linger.ms=10: every kind's producer settings.
        BenchOptions.throughWorker(config, settings.partitions(), "bench.scale.producer");
        return config;
    }

    private static Map<String, String> ours(Map<String, String> connection) {
        Map<String, String> config = new HashMap<>(connection);
        config.put("connector.class", HerokuPostgresSourceConnector.class.getName());
        config.put("topic.prefix", name(OURS));
        config.put("table.include.list", "public\\." + ScaleOutScenario.TABLE);
        config.put("replication.method", "FULL_TABLE");
        // One pass: the next is due in an hour.
        config.put("poll.interval.ms", "3600000");
        config.put("batch.max.rows", Long.toString(BenchOptions.number("bench.batch", 2000)));
        return config;
    }

    private static Map<String, String> synthetic(ScaleOutScenario.Settings settings, String sample) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SyntheticSourceConnector.class.getName());
        config.put(SyntheticSourceConnector.ROWS, Long.toString(settings.rows()));
        config.put(SyntheticSourceConnector.SAMPLE, sample);
        config.put(SyntheticSourceConnector.TOPIC, topic(SYNTHETIC));
        config.put(SyntheticSourceConnector.BATCH, Long.toString(BenchOptions.number("bench.batch", 2000)));
        return config;
    }

    /**
     * Debezium's PostgreSQL connector: a snapshot ({@code snapshot.mode=initial}) through pgoutput, as the superuser
     * (replication needs the REPLICATION attribute; the embedded server trusts {@code postgres} over TLS from
     * localhost), its defaults otherwise.
     */
    private static Map<String, String> debezium(Map<String, String> connection) {
        if (!connection.containsKey("database.hostname")) {
            throw new IllegalStateException("the scale-out scenario's Debezium part needs the embedded PostgreSQL"
                + " (it connects as its superuser); run it without bench.url / BENCH_DATABASE_URL or leave debezium"
                + " out of bench.scale.kinds");
        }
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("database.hostname", connection.get("database.hostname"));
        config.put("database.port", connection.get("database.port"));
        config.put("database.dbname", connection.get("database.dbname"));
        config.put("database.user", "postgres");
        config.put("database.password", "unused");
        config.put("database.sslmode", "require");
        config.put("topic.prefix", name(DEBEZIUM));
        config.put("table.include.list", "public\\." + ScaleOutScenario.TABLE);
        config.put("plugin.name", "pgoutput");
        config.put("slot.name", SLOT);
        config.put("publication.name", SLOT);
        config.put("publication.autocreate.mode", "filtered");
        config.put("snapshot.mode", "initial");
        return config;
    }
}
