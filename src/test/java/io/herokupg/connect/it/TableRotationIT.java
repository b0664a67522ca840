/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.SlowTables;
import io.herokupg.connect.testing.TaskDriver;

/**
 * Inside a task, tables take turns: while a long full-table pass is in progress, another table's INCREMENTAL passes
 * keep running (on the task's second connection), so its new rows arrive long before the big pass ends. With one
 * connection per task, they wait for it, as documented for {@code task.connections.max=1}.
 */
class TableRotationIT {
    private static final int SLOW_ROWS = 2_500;
    private final PostgresFixture pg = SharedServices.postgres();

    @AfterEach
    void reset() throws Exception {
        SlowTables.reset(pg);
    }

    @Test
    void aLongFullPassDoesNotStarveAnIncrementalTable() throws Exception {
        List<SourceRecord> records = run("2");
        int slowBefore = indexOfFirst(records, "rot_inc");
        assertThat(slowBefore).as("the incremental rows arrive while the full pass is in progress")
            .isLessThan(SLOW_ROWS / 2);
    }

    @Test
    void withOneConnectionTheFullPassRunsToItsEnd() throws Exception {
        List<SourceRecord> records = run("1");
        assertThat(indexOfFirst(records, "rot_inc")).isEqualTo(SLOW_ROWS);
    }

    /** Starts the task, waits until the slow pass is under way, writes to the incremental table, reads all. */
    private List<SourceRecord> run(String connections) throws Exception {
        SlowTables.create(pg, "rot_slow", SLOW_ROWS);
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS rot_inc");
            st.execute("CREATE TABLE rot_inc (id bigserial PRIMARY KEY, updated_at timestamptz DEFAULT now(),"
                + " v text)");
        }
        TaskDriver driver = new TaskDriver(pg, "public.rot_slow,public.rot_inc", Map.of(
            "batch.max.rows", "50", "poll.interval.ms", "100", "task.connections.max", connections,
            "table.public.rot_inc.replication.method", "INCREMENTAL",
            "table.public.rot_inc.replication.key", "updated_at",
            "table.public.rot_slow.poll.interval.ms", "3600000"));
        List<SourceRecord> records = new ArrayList<>(driver.start().pollUntil(r -> r.size() >= 100,
            Duration.ofSeconds(60)));
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("INSERT INTO rot_inc (v) VALUES ('a'), ('b'), ('c')");
        }
        records.addAll(driver.pollUntil(r -> records.size() + r.size() >= SLOW_ROWS + 3, Duration.ofSeconds(60)));
        driver.stop();
        assertThat(records).hasSize(SLOW_ROWS + 3);
        return records;
    }

    private static int indexOfFirst(List<SourceRecord> records, String table) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).topic().endsWith("." + table)) {
                return i;
            }
        }
        throw new AssertionError("no record of " + table);
    }
}
