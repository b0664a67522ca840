/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static io.herokupg.connect.it.IncrementalIT.has;
import static io.herokupg.connect.it.IncrementalIT.ids;
import static io.herokupg.connect.it.IncrementalIT.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.ReadOnlyRole;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * INCREMENTAL through a least-privilege credential, set up as README's "A read-only user" says (USAGE on the
 * schema, SELECT on its tables, default privileges from the owner) and without {@code pg_read_all_stats}: it cannot
 * see when the writers' transactions (of the application role) began. The task places them by watching their
 * virtual transaction id locks ({@code pg_locks}, visible to every role) from pass to pass. A transaction held open
 * across passes while others commit later keys is emitted once it commits, exactly once: writing first, with a
 * {@code now()} key and with a sequence key; reading first and writing seconds later; and writing in a savepoint.
 * {@code replication.key.clock.skew.ms=0}, so that the allowance for applications' clocks does not cover for it.
 */
class LeastPrivilegeIT {
    private static final String READER = ReadOnlyRole.USER;
    private static final String READER_PASSWORD = ReadOnlyRole.PASSWORD;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofMillis(600);
    private final PostgresFixture pg = SharedServices.postgres();

    /** What the transaction held open does, and with which replication key. */
    enum Late {
        /** Its first statement writes the row, {@code updated_at = now()}. */
        NOW_KEY("updated_at", false, false),
        /** Its first statement writes the row, {@code id = nextval()}. */
        SEQUENCE_KEY("id", false, false),
        /** Its first statement reads; it writes ({@code now()}, its start) after the others' rows were emitted. */
        READ_THEN_WRITE("updated_at", true, false),
        /** As READ_THEN_WRITE, writing in a savepoint (a subtransaction). */
        SAVEPOINT("updated_at", true, true);

        final String key;
        final boolean readsFirst;
        final boolean savepoint;

        Late(String key, boolean readsFirst, boolean savepoint) {
            this.key = key;
            this.readsFirst = readsFirst;
            this.savepoint = savepoint;
        }
    }

    @BeforeEach
    void createReader() throws Exception {
        ReadOnlyRole.create(pg);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Late.class)
    void aTransactionHeldOpenAcrossPassesIsEmittedOnce(Late late) throws Exception {
        String table = "least_" + late.name().toLowerCase(java.util.Locale.ROOT);
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigserial PRIMARY KEY,"
            + " updated_at timestamptz NOT NULL DEFAULT now(), v text)", "CREATE INDEX ON " + table + " (updated_at)",
            "INSERT INTO " + table + " (v) SELECT 'before' FROM generate_series(1, 3)");
        TaskDriver driver = new TaskDriver(pg, "public." + table, Map.of("replication.method", "INCREMENTAL",
            "replication.key", late.key, "poll.interval.ms", "50", "replication.key.clock.skew.ms", "0",
            "database.user", READER, "database.password", READER_PASSWORD));
        List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(3), TIMEOUT));
        emitted.addAll(driver.pollFor(IDLE));
        int during = 3;
        try (Connection writer = pg.connect()) {
            writer.setAutoCommit(false);
            try (Statement st = writer.createStatement()) {
                st.execute(late.readsFirst ? "SELECT count(*) FROM " + table
                    : "INSERT INTO " + table + " (v) VALUES ('late')");
                assertThat(startHiddenFromTheReader(st)).as("the writer's xact_start, as the reader sees it").isTrue();
                for (int i = 0; i < during; i++) {
                    String row = "during-" + i;
                    pg.execute("INSERT INTO " + table + " (v) VALUES ('" + row + "')");
                    emitted.addAll(driver.pollUntil(r -> values(r).contains(row), TIMEOUT));
                }
                if (late.readsFirst) {
                    if (late.savepoint) {
                        st.execute("SAVEPOINT s");
                    }
                    st.execute("INSERT INTO " + table + " (v) VALUES ('late')");
                    if (late.savepoint) {
                        st.execute("RELEASE SAVEPOINT s");
                    }
                    // Rows of transactions younger than one with a subtransaction wait until it ends: not required.
                    pg.execute("INSERT INTO " + table + " (v) VALUES ('during-" + during++ + "')");
                    emitted.addAll(driver.pollFor(Duration.ofMillis(300)));
                }
            }
            writer.commit();
        }
        int total = 3 + during + 1;
        emitted.addAll(driver.pollUntil(r -> emitted.size() + r.size() >= total, TIMEOUT));
        emitted.addAll(driver.pollFor(IDLE));
        driver.stop();

        assertThat(values(emitted)).containsOnlyOnce("late");
        assertThat(ids(emitted)).as("every row once").doesNotHaveDuplicates().hasSize(total);
    }

    /** Whether the reader role sees no transaction start for the session of this statement. */
    private boolean startHiddenFromTheReader(Statement writer) throws Exception {
        int pid;
        try (ResultSet rs = writer.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        Properties props = new Properties();
        props.setProperty("user", READER);
        props.setProperty("password", READER_PASSWORD);
        props.setProperty("sslmode", "require");
        try (Connection reader = DriverManager.getConnection("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/"
            + pg.database(), props);
             PreparedStatement st = reader.prepareStatement("SELECT xact_start IS NULL"
                 + " AND NOT pg_has_role('pg_read_all_stats', 'MEMBER') FROM pg_stat_activity WHERE pid = ?")) {
            st.setInt(1, pid);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
