/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.config.TaskConfig;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;

/**
 * The one discovery, built from a task's configuration as the task builds it: the selection with its columns, a
 * task's assigned tables in place of the table rules, one table's current shape, and the whole description that
 * validation checks.
 */
class TableDiscoveryIT {
    private static final TableId A = new TableId("public", "tdisc_a");
    private static final TableId B = new TableId("public", "tdisc_b");
    private static final TableId VIEW = new TableId("public", "tdisc_v");
    private final PostgresFixture pg = SharedServices.postgres();

    @Test
    void discoversTheSelectionWithItsSelectedColumns() throws Exception {
        pg.execute("DROP VIEW IF EXISTS tdisc_v", "DROP TABLE IF EXISTS tdisc_a, tdisc_b",
            "CREATE TABLE tdisc_a (id int PRIMARY KEY, secret text, v text)",
            "CREATE TABLE tdisc_b (id int PRIMARY KEY, secret text)", "CREATE VIEW tdisc_v AS SELECT * FROM tdisc_a");
        Map<String, String> props = pg.connectorConfig();
        props.put("topic.prefix", "tdisc");
        props.put("table.include.list", "public\\.tdisc_.*");
        props.put("table.exclude.list", "public\\.tdisc_b");
        props.put("column.exclude.list", "public\\.tdisc_.*\\.(secret|id)");
        TableDiscovery discovery = new TableDiscovery(new TaskConfig(TaskConfig.forTask(props, 0, "public.tdisc_b"))
            .discovery());

        try (Connection conn = pg.connect()) {
            List<TableInfo> selected = discovery.discover(conn);
            assertThat(selected).extracting(TableInfo::id).as("tables only, tdisc_b excluded").containsExactly(A);
            assertThat(names(selected.get(0))).as("the primary key is kept").containsExactly("id", "v");

            List<TableInfo> assigned = discovery.discover(conn, Set.of(A, B, VIEW)::contains);
            assertThat(assigned).extracting(TableInfo::id).as("the filter, not the rules").containsExactly(A, B);
            assertThat(names(assigned.get(1))).containsExactly("id");

            TableDiscovery.Discovered whole = discovery.describeSelection(conn).get(0);
            assertThat(names(whole.described())).containsExactly("id", "secret", "v");
            assertThat(names(whole.selected())).containsExactly("id", "v");

            pg.execute("ALTER TABLE tdisc_b ADD COLUMN w text");
            assertThat(discovery.describe(conn, B).map(TableDiscoveryIT::names)).contains(List.of("id", "w"));
            assertThat(discovery.describe(conn, VIEW)).as("not of a configured kind").isEmpty();
            pg.execute("DROP TABLE tdisc_b");
            assertThat(discovery.describe(conn, B)).as("dropped").isEmpty();
            assertThat(discovery.unreadable(conn)).as("the owner reads everything").isEmpty();
        }
    }

    private static List<String> names(TableInfo table) {
        return table.columns().stream().map(ColumnInfo::name).toList();
    }
}
