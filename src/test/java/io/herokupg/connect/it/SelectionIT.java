/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * What gets replicated: include/exclude rules over several schemas, column exclusion, views, materialized views,
 * a partitioned table (once, through its parent) and identifiers that need quoting.
 */
class SelectionIT {
    private static final PostgresFixture PG = SharedServices.postgres();
    private final ConnectFixture connect = SharedServices.connect();
    private String connector;

    @BeforeAll
    static void createRelations() throws Exception {
        try (Connection conn = PG.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS sel_a CASCADE");
            st.execute("DROP SCHEMA IF EXISTS sel_b CASCADE");
            st.execute("DROP SCHEMA IF EXISTS \"Sel Odd.Schema\" CASCADE");
            st.execute("CREATE SCHEMA sel_a");
            st.execute("CREATE SCHEMA sel_b");
            st.execute("CREATE TABLE sel_a.customers (id int PRIMARY KEY, name text, ssn text, card text)");
            st.execute("INSERT INTO sel_a.customers SELECT g, 'n' || g, 'ssn' || g, 'card' || g"
                + " FROM generate_series(1, 30) g");
            st.execute("CREATE TABLE sel_a.audit_log (id int PRIMARY KEY)");
            st.execute("INSERT INTO sel_a.audit_log SELECT generate_series(1, 5)");
            st.execute("CREATE TABLE sel_b.orders (id int PRIMARY KEY, customer_id int)");
            st.execute("INSERT INTO sel_b.orders SELECT g, g % 30 + 1 FROM generate_series(1, 40) g");
            st.execute("CREATE VIEW sel_b.big_orders AS SELECT * FROM sel_b.orders WHERE id > 30");
            st.execute("CREATE MATERIALIZED VIEW sel_b.order_counts AS"
                + " SELECT customer_id, count(*) AS n FROM sel_b.orders GROUP BY customer_id");
            st.execute("CREATE TABLE sel_b.events (id int, day date, PRIMARY KEY (id, day)) PARTITION BY RANGE (day)");
            for (int month = 1; month <= 3; month++) {
                st.execute("CREATE TABLE sel_b.events_m" + month + " PARTITION OF sel_b.events FOR VALUES FROM"
                    + " ('2026-0" + month + "-01') TO ('2026-0" + (month + 1) + "-01')");
            }
            st.execute("INSERT INTO sel_b.events SELECT g, DATE '2026-01-01' + g FROM generate_series(0, 80) g");
            st.execute("CREATE SCHEMA \"Sel Odd.Schema\"");
            st.execute("CREATE TABLE \"Sel Odd.Schema\".\"Order \"\"Items\"\".v2\" (\"select\" int PRIMARY KEY,"
                + " \"Mixed Case\" text, \"with space\" text, \"ünï\" text)");
            st.execute("INSERT INTO \"Sel Odd.Schema\".\"Order \"\"Items\"\".v2\" SELECT g, 'M' || g, 's' || g,"
                + " 'u' || g FROM generate_series(1, 12) g");
        }
    }

    @AfterEach
    void deleteConnector() {
        if (connector != null) {
            connect.rest().delete(connector);
        }
    }

    @Test
    void includeAndExcludeRulesOverSchemasWithColumnsLeftOut() {
        Map<String, String> config = config("sel-rules", "sel_a\\..*,sel_b\\.orders");
        config.put("table.exclude.list", "sel_a\\.audit_.*");
        config.put("column.exclude.list", "sel_a\\.customers\\.(ssn|card)");
        deploy(config, 1);

        List<Decoded> customers = read("it_sel.sel_a.customers", 30);
        assertThat(customers.get(0).value().schema().fields()).extracting(Field::name).containsExactly("id", "name");
        assertThat(read("it_sel.sel_b.orders", 40)).hasSize(40);
        assertThat(connect.topics().topicsWithPrefix("it_sel.")).doesNotContain("it_sel.sel_a.audit_log");
    }

    @Test
    void viewsMaterializedViewsAndAPartitionedTableReadThroughItsParent() {
        Map<String, String> config = config("sel-kinds", "sel_b\\..*");
        config.put("topic.prefix", "it_kinds");
        config.put("table.types", "TABLE,VIEW,MATERIALIZED_VIEW");
        deploy(config, 1);

        assertThat(read("it_kinds.sel_b.big_orders", 10)).allSatisfy(r -> assertThat(r.key().value()).isNull());
        assertThat(read("it_kinds.sel_b.order_counts", 30)).hasSize(30);
        assertThat(read("it_kinds.sel_b.events", 81)).extracting(r -> r.keyStruct().getInt32("id"))
            .doesNotHaveDuplicates().hasSize(81);
        assertThat(connect.topics().topicsWithPrefix("it_kinds.sel_b.events_")).as("partitions not separately")
            .isEmpty();
    }

    @Test
    void identifiersNeedingQuotesReplicateExactly() {
        connector = "sel-odd";
        Map<String, String> config = config(connector, "Sel Odd\\.Schema\\.Order \"Items\"\\.v2");
        config.put("topic.prefix", "it_odd");
        config.put("batch.max.rows", "5");
        deploy(config, 1);

        List<Decoded> records = read("it_odd.Sel_Odd.Schema.Order__Items_.v2", 12);
        assertThat(records.get(0).value().schema().fields()).extracting(Field::name)
            .containsExactly("select", "Mixed Case", "with space", "ünï");
        assertThat(records).extracting(r -> r.keyStruct().getInt32("select")).doesNotHaveDuplicates().hasSize(12);
        assertThat(records.get(0).valueStruct().getString("Mixed Case")).startsWith("M");
    }

    private Map<String, String> config(String name, String include) {
        connector = name;
        return connect.connectorConfig(PG, name, "it_sel", include);
    }

    private void deploy(Map<String, String> config, int tasks) {
        connect.rest().putConnector(connector, config);
        connect.rest().awaitRunning(connector, tasks);
    }

    private List<Decoded> read(String topic, int rows) {
        List<Decoded> records = connect.topics().readAtLeast(topic, rows, Duration.ofSeconds(60),
            Duration.ofSeconds(1));
        assertThat(records).as(topic).hasSize(rows);
        return records;
    }
}
