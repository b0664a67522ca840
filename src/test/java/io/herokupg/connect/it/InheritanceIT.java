/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static io.herokupg.connect.it.IncrementalIT.has;
import static io.herokupg.connect.it.IncrementalIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * Old-style inheritance ({@code INHERITS}): a query of the parent also returns its children's rows, which are rows of
 * tables of their own. With the parent and its child both selected, each row arrives exactly once, on the topic of
 * the table that holds it: the parent's records hold only the parent's own rows, for every method, on the initial
 * load and (INCREMENTAL, XMIN) for the rows written later.
 */
class InheritanceIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofMillis(600);
    private final PostgresFixture pg = SharedServices.postgres();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FULL_TABLE", "INCREMENTAL", "XMIN"})
    void aParentAndItsChildGiveEachRowOnceOnTheTopicOfTheTableThatHoldsIt(String method) throws Exception {
        String suffix = method.toLowerCase(Locale.ROOT);
        String parent = "inh_parent_" + suffix;
        String child = "inh_child_" + suffix;
        pg.execute("DROP TABLE IF EXISTS " + parent + " CASCADE",
            "CREATE TABLE " + parent + " (id bigint PRIMARY KEY, v text)",
            "CREATE TABLE " + child + " (extra text, PRIMARY KEY (id)) INHERITS (" + parent + ")",
            "INSERT INTO " + parent + " SELECT g, 'parent' FROM generate_series(1, 10) g",
            "INSERT INTO " + child + " SELECT g, 'child', 'x' FROM generate_series(101, 105) g");
        boolean changes = !method.equals("FULL_TABLE");
        Map<String, String> settings = new HashMap<>(Map.of("replication.method", method,
            "poll.interval.ms", changes ? "50" : "3600000"));
        if (method.equals("INCREMENTAL")) {
            settings.put("replication.key", "id");
        }
        TaskDriver driver = new TaskDriver(pg, "public." + parent + ",public." + child, settings);
        List<SourceRecord> records = new ArrayList<>(driver.start().pollUntil(has(15), TIMEOUT));
        records.addAll(driver.pollFor(IDLE));
        if (changes) {
            pg.execute("INSERT INTO " + child + " VALUES (106, 'child', 'later')",
                "INSERT INTO " + parent + " VALUES (11, 'parent')");
            records.addAll(driver.pollUntil(has(2), TIMEOUT));
            records.addAll(driver.pollFor(IDLE));
        }
        driver.stop();

        assertThat(ids(of(records, parent))).as("the parent's own rows, once")
            .containsExactlyInAnyOrderElementsOf(range(1, 10, changes ? Stream.of(11L) : Stream.empty()));
        assertThat(ids(of(records, child))).as("the child's rows, once")
            .containsExactlyInAnyOrderElementsOf(range(101, 105, changes ? Stream.of(106L) : Stream.empty()));
    }

    private static List<SourceRecord> of(List<SourceRecord> records, String table) {
        return records.stream().filter(r -> r.topic().endsWith(".public." + table)).toList();
    }

    private static List<Long> range(long from, long to, Stream<Long> more) {
        return Stream.concat(LongStream.rangeClosed(from, to).boxed(), more).toList();
    }
}
