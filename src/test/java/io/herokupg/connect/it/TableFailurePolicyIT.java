/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * A table that fails for a reason retrying cannot fix (here: its SELECT privilege revoked while the task runs,
 * SQLSTATE 42501) is reported FAILED and skipped while the task's other tables go on
 * ({@code table.failure.policy=skip}, the default), or fails the task naming the table ({@code fail}).
 */
class TableFailurePolicyIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final PostgresFixture pg = SharedServices.postgres();

    @Test
    void aFailedTableIsSkippedAndTheOthersGoOn() throws Exception {
        TaskDriver driver = start("policy_skip", Map.of());
        try (LogCapture logs = LogCapture.begin()) {
            pg.execute("REVOKE SELECT ON policy_skip_a FROM " + pg.user(), "INSERT INTO policy_skip_b VALUES (3)");
            List<SourceRecord> records = driver.pollUntil(r -> r.stream()
                .anyMatch(rec -> rec.topic().endsWith("policy_skip_b")), TIMEOUT);
            pg.execute("INSERT INTO policy_skip_b VALUES (4)");
            records.addAll(driver.pollUntil(r -> r.stream()
                .anyMatch(rec -> rec.topic().endsWith("policy_skip_b")), TIMEOUT));
            driver.stop();

            assertThat(records).noneMatch(r -> r.topic().endsWith("policy_skip_a"));
            assertThat(logs.text()).contains("table public.policy_skip_a FAILED").contains("42501");
        } finally {
            pg.execute("GRANT SELECT ON policy_skip_a TO " + pg.user());
        }
    }

    @Test
    void withPolicyFailTheTaskFailsNamingTheTable() throws Exception {
        TaskDriver driver = start("policy_fail", Map.of("table.failure.policy", "fail"));
        try {
            pg.execute("REVOKE SELECT ON policy_fail_a FROM " + pg.user());
            assertThatThrownBy(() -> driver.pollFor(Duration.ofSeconds(3))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("public.policy_fail_a").hasMessageContaining("table.failure.policy=fail");
            driver.stop();
        } finally {
            pg.execute("GRANT SELECT ON policy_fail_a TO " + pg.user());
        }
    }

    /** Two tables read every 100 ms; returns once both were read once. */
    private TaskDriver start(String prefix, Map<String, String> settings) throws Exception {
        pg.execute("DROP TABLE IF EXISTS " + prefix + "_a", "DROP TABLE IF EXISTS " + prefix + "_b",
            "CREATE TABLE " + prefix + "_a (id int PRIMARY KEY)", "CREATE TABLE " + prefix + "_b (id int PRIMARY KEY)",
            "INSERT INTO " + prefix + "_a VALUES (1)", "INSERT INTO " + prefix + "_b VALUES (1)");
        TaskDriver driver = new TaskDriver(pg, "public." + prefix + "_a,public." + prefix + "_b", Map.of(
            "poll.interval.ms", "100"));
        driver.reconfigure(settings);
        driver.start().pollUntil(r -> r.size() >= 2, TIMEOUT);
        return driver;
    }
}
