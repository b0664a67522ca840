/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the connectors people migrate from (Confluent's JDBC source, Debezium's PostgreSQL connector), which
 * this connector would otherwise ignore without a word, leaving every table on the default method. Each is refused
 * with a "did you mean" naming this connector's equivalent.
 */
public final class ForeignSettings {
    private static final String JDBC = "a setting of Confluent's JDBC source connector";
    private static final String DEBEZIUM = "a setting of Debezium's PostgreSQL connector";
    private static final String METHODS = "replication.method (FULL_TABLE, INCREMENTAL with replication.key, XMIN or"
        + " CAPTURE), per table with table.<schema>.<table>.replication.method";
    private static final Map<String, String> HINTS = hints();

    private ForeignSettings() {
    }

    private static Map<String, String> hints() {
        Map<String, String> hints = new LinkedHashMap<>();
        jdbc(hints, "mode", "did you mean " + METHODS + "? bulk is FULL_TABLE; timestamp, incrementing and"
            + " timestamp+incrementing are INCREMENTAL with replication.key set to the column");
        jdbc(hints, "timestamp.column.name", "did you mean replication.key (with replication.method=INCREMENTAL)?"
            + " One column, e.g. updated_at; transactions that commit late are read without a delay");
        jdbc(hints, "incrementing.column.name", "did you mean replication.key (with replication.method=INCREMENTAL)?"
            + " e.g. id; or XMIN for a table without such a column");
        jdbc(hints, "table.whitelist", "did you mean table.include.list? (regular expressions on schema.table, e.g."
            + " public\\.orders)");
        jdbc(hints, "table.blacklist", "did you mean table.exclude.list? (regular expressions on schema.table)");
        jdbc(hints, "connection.url", "did you mean database.url? (a postgres:// URL such as Heroku's DATABASE_URL,"
            + " or database.hostname, database.port, database.dbname)");
        jdbc(hints, "connection.user", "did you mean database.user?");
        jdbc(hints, "connection.password", "did you mean database.password?");
        jdbc(hints, "table.poll.interval.ms", "did you mean table.discovery.interval.ms? (how often the connector"
            + " looks for new or dropped tables)");
        jdbc(hints, "timestamp.initial", "did you mean start.position (full, now or key) with start.key?");
        jdbc(hints, "timestamp.delay.interval.ms", "not needed: INCREMENTAL reads transactions that commit late"
            + " without a delay; replication.key.clock.skew.ms covers application clocks");
        jdbc(hints, "numeric.mapping", "did you mean decimal.handling.mode?");
        jdbc(hints, "db.timezone", "did you mean replication.key.timezone?");
        jdbc(hints, "query", "not supported: the connector reads tables, views and materialized views; create a view"
            + " with the query and select it with table.include.list");
        debezium(hints, "schema.include.list", "did you mean table.include.list? (regular expressions on schema.table:"
            + " public\\..* selects schema public)");
        debezium(hints, "schema.exclude.list", "did you mean table.exclude.list? (regular expressions on"
            + " schema.table: audit\\..* leaves schema audit out)");
        debezium(hints, "snapshot.mode", "did you mean start.position? full (initial: the default), now (no_data:"
            + " changes from now on), or key with start.key; re-sync a table with resync.token");
        debezium(hints, "plugin.name", "not needed: the connector needs no logical replication (Heroku offers"
            + " none); replication.method=CAPTURE gives inserts, updates and deletes");
        debezium(hints, "slot.name", "not needed: the connector uses no replication slot; replication.method=CAPTURE"
            + " gives inserts, updates and deletes");
        debezium(hints, "publication.name", "not needed: the connector uses no publication; replication.method=CAPTURE"
            + " gives inserts, updates and deletes");
        debezium(hints, "database.server.name", "did you mean topic.prefix?");
        debezium(hints, "table.whitelist", "did you mean table.include.list?");
        debezium(hints, "column.whitelist", "did you mean column.include.list?");
        debezium(hints, "column.blacklist", "did you mean column.exclude.list?");
        debezium(hints, "tombstones.on.delete", "did you mean capture.delete.handling? (CAPTURE emits a tombstone"
            + " per deleted row)");
        return Map.copyOf(hints);
    }

    private static void jdbc(Map<String, String> hints, String key, String hint) {
        hints.putIfAbsent(key, "'" + key + "' is " + JDBC + ", which this connector does not read: " + hint);
    }

    private static void debezium(Map<String, String> hints, String key, String hint) {
        hints.putIfAbsent(key, "'" + key + "' is " + DEBEZIUM + ", which this connector does not read: " + hint);
    }

    /** The foreign settings among these keys, each with its message, in a stable order. */
    public static List<KeyedConfigException> find(Map<String, ?> props) {
        return props.keySet().stream().filter(HINTS::containsKey).sorted()
            .map(key -> new KeyedConfigException(key, HINTS.get(key))).toList();
    }

    /** Every key this class knows, for tests and documentation. */
    static Map<String, String> all() {
        return HINTS;
    }
}
