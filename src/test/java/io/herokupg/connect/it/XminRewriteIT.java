/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static io.herokupg.connect.it.IncrementalIT.has;
import static io.herokupg.connect.it.IncrementalIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * XMIN after its rows were rewritten: an {@code ALTER TABLE … TYPE} that rewrites the table, or an {@code UPDATE} of
 * every row, gives every row a new transaction id, so the next pass emits the whole table again (each row once), and
 * one WARN says why, naming the table and the likely causes. The initial load, which also emits every row, does not.
 * {@code VACUUM FULL} and {@code CLUSTER} rewrite the table too, but keep each row's {@code xmin}: nothing again.
 */
class XminRewriteIT {
    private static final int ROWS = 2_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofMillis(600);
    private final PostgresFixture pg = SharedServices.postgres();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"type, ALTER TABLE %s ALTER COLUMN n TYPE bigint", "update, UPDATE %s SET n = n + 1"})
    void aPassAfterARewriteEmitsEveryRowAgainAndSaysWhy(String name, String rewrite) throws Exception {
        String table = "xmin_rewrite_" + name;
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigint PRIMARY KEY, n int, v text)",
            "INSERT INTO " + table + " SELECT g, g, 'row' FROM generate_series(1, " + ROWS + ") g",
            "ANALYZE " + table);
        TaskDriver driver = new TaskDriver(pg, "public." + table, Map.of("replication.method", "XMIN",
            "batch.max.rows", "500", "poll.interval.ms", "50"));
        try (LogCapture log = LogCapture.begin()) {
            List<SourceRecord> first = driver.start().pollUntil(has(ROWS), TIMEOUT);
            first.addAll(driver.pollFor(IDLE));
            assertThat(first).as("the initial load").hasSize(ROWS);
            String warning = "Table public." + table + ": this XMIN pass emitted " + ROWS + " rows";
            assertThat(log.text()).as("not said of the initial load").doesNotContain(warning);

            pg.execute(rewrite.formatted(table));
            List<SourceRecord> again = driver.pollUntil(has(ROWS), TIMEOUT);
            again.addAll(driver.pollFor(IDLE));
            driver.stop();

            assertThat(ids(again)).as("every row again, once")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, ROWS).boxed().toList());
            assertThat(LogCapture.occurrences(log.text(), warning)).as("WARNs after the rewrite").isEqualTo(1);
            assertThat(log.text()).contains("were its rows rewritten (pg_repack, ALTER TABLE … TYPE, an UPDATE of"
                + " every row)?");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"vacuum_full, VACUUM FULL %s", "cluster, CLUSTER %s USING %<s_pkey"})
    void aRewriteThatKeepsTransactionIdsEmitsNothingAgain(String name, String rewrite) throws Exception {
        String table = "xmin_keep_" + name;
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigint PRIMARY KEY, n int, v text)",
            "INSERT INTO " + table + " SELECT g, g, 'row' FROM generate_series(1, " + ROWS + ") g");
        TaskDriver driver = new TaskDriver(pg, "public." + table, Map.of("replication.method", "XMIN",
            "batch.max.rows", "500", "poll.interval.ms", "50"));
        List<SourceRecord> first = driver.start().pollUntil(has(ROWS), TIMEOUT);
        first.addAll(driver.pollFor(IDLE));
        assertThat(first).as("the initial load").hasSize(ROWS);
        pg.execute(rewrite.formatted(table), "INSERT INTO " + table + " VALUES (0, 0, 'after')");
        List<SourceRecord> after = driver.pollUntil(has(1), TIMEOUT);
        after.addAll(driver.pollFor(IDLE));
        driver.stop();
        assertThat(ids(after)).as("only the row written since").containsExactly(0L);
    }
}
