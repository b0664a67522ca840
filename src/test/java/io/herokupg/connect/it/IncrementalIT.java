/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * INCREMENTAL against a real PostgreSQL with real concurrent transactions: a transaction that stays open across
 * several passes while others commit later keys is still emitted when it commits, for a {@code now()} key and for a
 * {@code bigserial} key; ties are neither lost nor repeated; steady state emits nothing twice.
 */
class IncrementalIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final PostgresFixture pg = SharedServices.postgres();

    @Test
    void aTransactionCommittingLateWithAnEarlierNowKeyIsEmitted() throws Exception {
        lateCommit("inc_late_now", "updated_at");
    }

    @Test
    void aTransactionCommittingLateWithAnEarlierSequenceKeyIsEmitted() throws Exception {
        lateCommit("inc_late_seq", "id");
    }

    @Test
    void rowsThatALateTransactionWroteInASubtransactionAreEmitted() throws Exception {
        lateCommit("inc_late_sub", "updated_at", true);
    }

    private void lateCommit(String table, String key) throws Exception {
        lateCommit(table, key, false);
    }

    /** With {@code savepoint}, the late transaction also writes a row in a subtransaction, released at once. */
    private void lateCommit(String table, String key, boolean savepoint) throws Exception {
        createTable(table);
        insert(table, "before", 3);
        TaskDriver driver = driver(table, key, 100);
        List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(3), TIMEOUT));
        try (Connection late = pg.connect()) {
            late.setAutoCommit(false);
            try (Statement st = late.createStatement()) {
                // now() and nextval() are taken here, before the rows committed below, which get later keys.
                st.execute("INSERT INTO " + table + " (v) VALUES ('late')");
                if (savepoint) {
                    st.execute("SAVEPOINT nested");
                    st.execute("INSERT INTO " + table + " (v) VALUES ('late in a subtransaction')");
                    st.execute("RELEASE SAVEPOINT nested");
                }
            }
            for (int poll = 1; poll <= 5; poll++) {
                insert(table, "during-" + poll, 2);
                if (savepoint) {
                    // Rows of transactions younger than one with subtransactions wait until it ends: the snapshot
                    // cannot tell their ids from its subtransactions'.
                    emitted.addAll(driver.pollFor(Duration.ofMillis(300)));
                    assertThat(emitted).hasSize(3);
                } else {
                    int expected = emitted.size() + 2;
                    emitted.addAll(driver.pollUntil(has(2), TIMEOUT));
                    assertThat(emitted).hasSize(expected);
                }
                assertThat(values(emitted)).doesNotContain("late");
            }
            late.commit();
        }
        int late = savepoint ? 2 : 1;
        int total = 3 + 10 + late;
        emitted.addAll(driver.pollUntil(records -> emitted.size() + records.size() >= total, TIMEOUT));
        emitted.addAll(driver.pollFor(Duration.ofMillis(500)));
        driver.stop();

        assertThat(values(emitted)).containsOnlyOnce("late");
        assertThat(ids(emitted)).doesNotHaveDuplicates().hasSize(total);
    }

    @Test
    void manyWritersCommittingInRandomOrderAreAllEmittedOnce() throws Exception {
        manyWriters("inc_writers_now", "updated_at");
    }

    @Test
    void manyWritersWithASequenceKeyAreAllEmittedOnce() throws Exception {
        manyWriters("inc_writers_seq", "id");
    }

    /** Eight writers, each committing 25 transactions held open 0–300 ms (one in five 1–2 s) while the task polls. */
    private void manyWriters(String table, String key) throws Exception {
        createTable(table);
        TaskDriver driver = driver(table, key, 37);
        driver.start();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            Random random = new Random(20261125L + w);
            done.add(writers.submit(() -> {
                try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
                    conn.setAutoCommit(false);
                    for (int t = 0; t < 25; t++) {
                        st.execute("INSERT INTO " + table + " (v) SELECT 'w' FROM generate_series(1, "
                            + (1 + random.nextInt(3)) + ")");
                        Thread.sleep(random.nextInt(5) == 0 ? 1_000 + random.nextInt(1_000) : random.nextInt(300));
                        conn.commit();
                    }
                }
                return null;
            }));
        }
        List<SourceRecord> emitted = new ArrayList<>();
        while (done.stream().anyMatch(f -> !f.isDone())) {
            emitted.addAll(driver.poll());
        }
        writers.shutdown();
        for (Future<?> f : done) {
            f.get();
        }
        long committed;
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            committed = rs.getLong(1);
        }
        emitted.addAll(driver.pollUntil(records -> emitted.size() + records.size() >= committed, TIMEOUT));
        emitted.addAll(driver.pollFor(Duration.ofSeconds(1)));
        driver.stop();

        assertThat(ids(emitted)).doesNotHaveDuplicates().hasSize((int) committed);
    }

    @Test
    void tiesAreNeitherLostNorRepeatedAcrossBatchesAndRestarts() throws Exception {
        String table = "inc_ties";
        createTable(table);
        insert(table, "before", 10);
        TaskDriver driver = driver(table, "updated_at", 100);
        // The initial load reads in primary-key order; the tied rows come after it, in (key, primary key) order.
        List<SourceRecord> load = driver.start().pollUntil(has(10), TIMEOUT);
        load.addAll(driver.pollFor(Duration.ofMillis(300)));
        assertThat(load).hasSize(10);
        // One transaction: 1,000 rows sharing one updated_at.
        insert(table, "tie", 1_000);
        List<SourceRecord> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.addAll(driver.pollUntil(has(100), TIMEOUT));
        }
        driver.commit(load);
        driver.commit(first);
        driver.stop();
        // The committed position is inside the tie group: its key and the primary key after which the pass resumes.
        Map<String, ?> committed = first.get(first.size() - 1).sourceOffset();
        assertThat(committed).containsKey("pass_snapshot").doesNotContainKey("pass_order");
        List<String> last = List.of(((String) committed.get("last")).split(","));
        assertThat(last).hasSize(2);
        assertThat(ids(first)).contains(Long.parseLong(last.get(1)));

        driver.start();
        // Polls return what was read (a first batch may be short), so the first task emitted 300 rows or more.
        List<SourceRecord> rest = driver.pollUntil(has(1_000 - first.size()), TIMEOUT);
        rest.addAll(driver.pollFor(Duration.ofMillis(500)));
        driver.stop();

        List<SourceRecord> all = new ArrayList<>(first);
        all.addAll(rest);
        assertThat(ids(all)).doesNotHaveDuplicates().hasSize(1_000);
        assertThat(values(all)).allMatch(v -> v.startsWith("tie"));
    }

    @Test
    void aSequenceKeysInitialLoadEndsWithABoundSoTheNextPassNeedNotReadTheWholeTable() throws Exception {
        String table = "inc_seq_bound";
        createTable(table);
        insert(table, "row", 100);
        TaskDriver driver = driver(table, "id", 1_000);
        List<SourceRecord> load = driver.start().pollUntil(has(100), TIMEOUT);
        driver.stop();
        // The highest key before the load, marked before the pass looked at what runs: nothing started before it.
        assertThat(load.get(load.size() - 1).sourceOffset().get("low")).isEqualTo("100");
    }

    @Test
    void idlePassesEmitNothingAndUpdatesAreEmittedOnce() throws Exception {
        String table = "inc_steady";
        createTable(table);
        insert(table, "row", 50);
        TaskDriver driver = driver(table, "updated_at", 20);
        List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(50), TIMEOUT));
        emitted.addAll(driver.pollFor(Duration.ofSeconds(1)));
        assertThat(emitted).hasSize(50);

        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("UPDATE " + table + " SET v = 'updated', updated_at = now() WHERE id <= 5");
        }
        List<SourceRecord> updates = driver.pollUntil(has(5), TIMEOUT);
        updates.addAll(driver.pollFor(Duration.ofSeconds(1)));
        driver.stop();

        assertThat(updates).hasSize(5);
        assertThat(values(updates)).containsOnly("updated");
    }

    @Test
    void rowsWithANullKeyAreEmittedOnceTheirKeyIsSet() throws Exception {
        String table = "inc_nulls";
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigint PRIMARY KEY, k int, v text)",
            "INSERT INTO " + table + " VALUES (1, 10, 'a'), (2, NULL, 'b'), (3, 5, 'c')");
        TaskDriver driver = driver(table, "k", 100);
        List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(2), TIMEOUT));
        emitted.addAll(driver.pollFor(Duration.ofMillis(500)));
        // The first pass reads in primary-key order (no sort of the whole table); later passes in key order.
        assertThat(values(emitted)).containsExactly("a", "c");
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("UPDATE " + table + " SET k = 20 WHERE id = 2");
        }
        emitted.addAll(driver.pollUntil(has(1), TIMEOUT));
        driver.stop();
        assertThat(values(emitted)).containsExactly("a", "c", "b");
    }

    /**
     * A first pass reads in primary-key order (no sort of the whole table by key): interrupted, it resumes after the
     * last primary key committed, in a new transaction, and its completed position records the highest key it
     * emitted, so that later passes read from there in key order.
     */
    @Test
    void aFirstPassInPrimaryKeyOrderResumesAfterItsLastKeyAndEndsOnItsHighestKey() throws Exception {
        String table = "inc_pk_order";
        // Keys fall as ids rise: primary-key order is the reverse of key order.
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigint PRIMARY KEY, k int NOT NULL,"
            + " v text)", "INSERT INTO " + table + " SELECT g, 1000 - g, 'first' FROM generate_series(1, 1000) g");
        TaskDriver driver = driver(table, "k", 100);
        List<SourceRecord> first = driver.start().pollUntil(has(300), TIMEOUT).subList(0, 300);
        assertThat(ids(first)).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 300).boxed().toList());
        assertThat(first.get(299).sourceOffset().get("pass_order")).isEqualTo("primary_key");
        driver.commit(first);
        driver.stop();

        List<SourceRecord> rest = driver.start().pollUntil(has(700), TIMEOUT);
        rest.addAll(driver.pollFor(Duration.ofMillis(500)));
        assertThat(ids(rest)).as("resumed after id 300, each row once")
            .isEqualTo(java.util.stream.LongStream.rangeClosed(301, 1000).boxed().toList());
        Map<String, ?> completed = rest.get(rest.size() - 1).sourceOffset();
        assertThat(completed.get("high")).as("the highest key emitted, though not the last").isEqualTo("999");
        assertThat(completed).doesNotContainKey("pass_order").doesNotContainKey("last");

        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("INSERT INTO " + table + " VALUES (1001, 5000, 'later'), (1002, 4000, 'later')");
        }
        List<SourceRecord> later = driver.pollUntil(has(2), TIMEOUT);
        later.addAll(driver.pollFor(Duration.ofMillis(500)));
        driver.stop();
        assertThat(ids(later)).as("later passes in key order").containsExactly(1002L, 1001L);
    }

    /** The first mark of the history is the highest key by the key's own order (not by its text: "9" > "10"). */
    @Test
    void theHighestKeyBeforeTheFirstPassIsTakenInTheKeysOrder() throws Exception {
        String table = "inc_mark_order";
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigint PRIMARY KEY, k int NOT NULL,"
            + " v text)", "CREATE INDEX ON " + table + " (k)",
            "INSERT INTO " + table + " VALUES (1, 9, 'a'), (2, 10, 'b'), (3, 100, 'c'), (4, 2, 'd')");
        TaskDriver driver = driver(table, "k", 100);
        List<SourceRecord> first = driver.start().pollUntil(has(4), TIMEOUT);
        driver.stop();
        String history = (String) first.get(first.size() - 1).sourceOffset().get("history");
        assertThat(history.split(",")).as(history).hasSize(4);
        assertThat(history.split(",")[1]).as("the mark taken before the first pass").isEqualTo("100");
        assertThat(history.split(",")[3]).as("the highest key the first pass emitted").isEqualTo("100");
    }

    @Test
    void metadataHeadersNameTheMethodTableAndKeyWhenEnabled() throws Exception {
        String table = "inc_headers";
        createTable(table);
        insert(table, "h", 3);
        Map<String, String> settings = new java.util.HashMap<>(Map.of("replication.method", "INCREMENTAL",
            "replication.key", "id", "poll.interval.ms", "50", "metadata.headers.enable", "true"));
        TaskDriver driver = new TaskDriver(pg, "public." + table, settings);
        long before = System.currentTimeMillis();
        List<SourceRecord> records = driver.start().pollUntil(has(3), TIMEOUT);
        driver.stop();

        for (SourceRecord record : records) {
            Map<String, Object> headers = new java.util.HashMap<>();
            record.headers().forEach(h -> headers.put(h.key(), h.value()));
            assertThat(headers).containsEntry("_heroku.method", "INCREMENTAL")
                .containsEntry("_heroku.table", "public." + table)
                .containsEntry("_heroku.key", Long.toString(((Struct) record.value()).getInt64("id")));
            assertThat((Long) headers.get("_heroku.extracted_at")).isBetween(before, System.currentTimeMillis());
            assertThat(((Struct) record.value()).schema().field("_heroku.method")).isNull();
        }
        TaskDriver plain = driver(table, "id", 100);
        List<SourceRecord> withoutHeaders = plain.start().pollUntil(has(3), TIMEOUT);
        plain.stop();
        assertThat(withoutHeaders).allSatisfy(r -> assertThat(r.headers().isEmpty()).isTrue());
    }

    private TaskDriver driver(String table, String key, int batch) {
        return new TaskDriver(pg, "public." + table, Map.of("replication.method", "INCREMENTAL",
            "replication.key", key, "batch.max.rows", Integer.toString(batch), "poll.interval.ms", "50"));
    }

    private void createTable(String table) throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id bigserial PRIMARY KEY,"
                + " updated_at timestamptz NOT NULL DEFAULT now(), v text)");
            st.execute("CREATE INDEX ON " + table + " (updated_at)");
        }
    }

    private void insert(String table, String value, int rows) throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("INSERT INTO " + table + " (v) SELECT '" + value + "' FROM generate_series(1, " + rows + ")");
        }
    }

    static Predicate<List<SourceRecord>> has(int count) {
        return records -> records.size() >= count;
    }

    static List<Long> ids(List<SourceRecord> records) {
        return records.stream().map(r -> ((Struct) r.value()).getInt64("id")).toList();
    }

    static List<String> values(List<SourceRecord> records) {
        return records.stream().map(r -> ((Struct) r.value()).getString("v")).toList();
    }
}
