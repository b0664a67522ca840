/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.herokupg.connect.check.Preflight;
import io.herokupg.connect.config.SourceConfig;
import io.herokupg.connect.config.TypeHandling;
import io.herokupg.connect.config.TypeHandling.BinaryMode;
import io.herokupg.connect.config.TypeHandling.DecimalMode;
import io.herokupg.connect.config.TypeHandling.HstoreMode;
import io.herokupg.connect.config.TypeHandling.IntervalMode;
import io.herokupg.connect.config.TypeHandling.TimeMode;
import io.herokupg.connect.jdbc.SqlErrors.Diagnosis;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.GoldenAssert;
import io.herokupg.connect.testing.GoldenOracle;
import io.herokupg.connect.testing.GoldenTable;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * Type fidelity: every mapped PostgreSQL type (and an array of each) read by a real task and passed through a real
 * JsonConverter arrives as PostgreSQL itself says the value is, in every handling mode, on PostgreSQL 17 and 9.6.
 */
class TypeFidelityIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final PostgresFixture pg = SharedServices.postgres();

    static Stream<Arguments> modes() {
        return Stream.of(
            Arguments.of("defaults", Map.of(), TypeHandling.DEFAULT),
            Arguments.of("double, connect, numeric, base64, json", Map.of("decimal.handling.mode", "double",
                "time.precision.mode", "connect", "interval.handling.mode", "numeric",
                "binary.handling.mode", "base64", "hstore.handling.mode", "json"),
                GoldenAssert.handling(DecimalMode.DOUBLE, TimeMode.CONNECT, IntervalMode.NUMERIC, BinaryMode.BASE64,
                    HstoreMode.JSON)),
            Arguments.of("string, hex", Map.of("decimal.handling.mode", "string", "binary.handling.mode", "hex"),
                GoldenAssert.handling(DecimalMode.STRING, TimeMode.ADAPTIVE_TIME_MICROSECONDS, IntervalMode.STRING,
                    BinaryMode.HEX, HstoreMode.MAP)));
    }

    @ParameterizedTest(name = "PostgreSQL 17, {0}")
    @MethodSource("modes")
    void everyTypeArrivesExactly(String name, Map<String, String> settings, TypeHandling handling) throws Exception {
        assertThat(pg.serverVersion()).startsWith("17");
        GoldenTable.create(pg, 17);
        replicateAndCompare(pg, 17, settings, handling);
    }

    @Test
    void everyTypeArrivesExactlyOnPostgres96() throws Exception {
        try (PostgresFixture old = Fixtures.postgres("9.6.24")) {
            assertThat(old.serverVersion()).startsWith("9.6");
            GoldenTable.create(old, 9);
            replicateAndCompare(old, 9, Map.of(), TypeHandling.DEFAULT);
        }
    }

    private static void replicateAndCompare(PostgresFixture server, int major, Map<String, String> settings,
                                            TypeHandling handling) throws Exception {
        List<SourceRecord> records = poll(server, "public." + GoldenTable.TABLE, settings, GoldenTable.ROWS);
        Map<Integer, Map<String, Object>> expected;
        try (Connection conn = server.connect()) {
            expected = GoldenTable.expected(conn, major, handling);
        }
        Map<String, GoldenOracle> oracles = GoldenTable.oracles(major);
        assertThat(records).hasSize(GoldenTable.ROWS);
        assertThat(records).extracting(GoldenAssert::id).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        for (SourceRecord record : records) {
            // Every value is of its schema's class (the Structs are filled without Connect's per-put check).
            ((Struct) record.value()).validate();
            ((Struct) record.key()).validate();
            Map<String, Object> row = expected.get(GoldenAssert.id(record));
            GoldenAssert.assertRow((Struct) record.value(), row, oracles, handling, false);
            GoldenAssert.assertRow(GoldenAssert.viaJson(record), row, oracles, handling, true);
        }
    }

    private static List<SourceRecord> poll(PostgresFixture server, String table, Map<String, String> settings,
                                           int rows) throws InterruptedException {
        TaskDriver driver = new TaskDriver(server, table, settings).start();
        try {
            return driver.pollUntil(r -> r.size() >= rows, TIMEOUT);
        } finally {
            driver.stop();
        }
    }

    @Test
    void nanInADecimalColumnFailsTheTaskNamingTheColumnUnlessDoubleOrString() throws Exception {
        pg.execute("DROP TABLE IF EXISTS types_nan", "CREATE TABLE types_nan (id int PRIMARY KEY, d numeric(10,2),"
            + " da numeric(10,2)[])", "INSERT INTO types_nan VALUES (1, 'NaN', '{1.5,NaN}')");
        TaskDriver precise = new TaskDriver(pg, "public.types_nan", Map.of()).start();
        try {
            assertThatThrownBy(() -> precise.pollUntil(r -> !r.isEmpty(), TIMEOUT))
                .isInstanceOf(DataException.class).hasMessageContaining("public.types_nan.d ")
                .hasMessageContaining("NaN").hasMessageContaining("decimal.handling.mode=double or string");
        } finally {
            precise.stop();
        }
        Struct asDouble = (Struct) poll(pg, "public.types_nan", Map.of("decimal.handling.mode", "double"), 1).get(0)
            .value();
        assertThat(asDouble.getFloat64("d")).isNaN();
        assertThat(asDouble.getArray("da")).containsExactly(1.5, Double.NaN);
        Struct asString = (Struct) poll(pg, "public.types_nan", Map.of("decimal.handling.mode", "string"), 1).get(0)
            .value();
        assertThat(asString.getString("d")).isEqualTo("NaN");
        assertThat(asString.getArray("da")).containsExactly("1.50", "NaN");
    }

    /** A key selected as text (to decode it exactly) still orders and resumes by its value, not by its text. */
    @Test
    void aKeyReadAsTextIsOrderedAndResumedByItsValue() throws Exception {
        pg.execute("DROP TABLE IF EXISTS types_text_key", "CREATE TABLE types_text_key (k numeric(5,0) PRIMARY KEY)",
            "INSERT INTO types_text_key VALUES (9), (10), (100), (-1)");
        TaskDriver driver = new TaskDriver(pg, "public.types_text_key", Map.of("batch.max.rows", "1"));
        List<SourceRecord> first = driver.start().pollUntil(r -> r.size() >= 2, TIMEOUT);
        driver.commit(first.subList(0, 2));
        driver.stop();
        List<SourceRecord> rest = driver.start().pollUntil(r -> r.size() >= 2, TIMEOUT);
        driver.stop();
        assertThat(Stream.concat(first.subList(0, 2).stream(), rest.subList(0, 2).stream())
            .map(r -> ((Struct) r.value()).get("k").toString())).containsExactly("-1", "9", "10", "100");
    }

    @Test
    void aMultiDimensionalArrayFailsTheTaskNamingTheColumnAndTheWayOut() throws Exception {
        pg.execute("DROP TABLE IF EXISTS types_multidim", "CREATE TABLE types_multidim (id int PRIMARY KEY, m int[])",
            "INSERT INTO types_multidim VALUES (1, '{1,2}'), (2, '{{1,2},{3,4}}')");
        TaskDriver driver = new TaskDriver(pg, "public.types_multidim", Map.of("batch.max.rows", "1")).start();
        try {
            assertThatThrownBy(() -> driver.pollUntil(r -> r.size() >= 2, TIMEOUT))
                .isInstanceOf(DataException.class).hasMessageContaining("public.types_multidim.m ")
                .hasMessageContaining("multi-dimensional").hasMessageContaining("column.exclude.list");
        } finally {
            driver.stop();
        }
    }

    @Test
    void unsupportedTypesFailValidationOrAreSkippedOrBecomeText() throws Exception {
        pg.execute("DROP TABLE IF EXISTS types_unsupported", "CREATE TABLE types_unsupported (id int PRIMARY KEY,"
            + " lsn pg_lsn, q tsquery, lsns pg_lsn[], ok text)", "INSERT INTO types_unsupported VALUES"
            + " (1, '16/B374D848', 'fat & (rat | cat)', '{0/0,NULL}', 'fine'), (2, NULL, NULL, NULL, NULL)");
        Map<String, String> config = new HashMap<>(pg.connectorConfig());
        config.put("topic.prefix", "unsupported");
        config.put("table.include.list", "public\\.types_unsupported");
        List<Diagnosis> problems = Preflight.run(new SourceConfig(config)).problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).key()).isEqualTo("column.exclude.list");
        assertThat(problems.get(0).message()).contains("types_unsupported.lsn has type pg_lsn",
            "types_unsupported.q has type tsquery", "types_unsupported.lsns has type pg_lsn[]", "column.exclude.list",
            "unsupported.type.handling");
        TaskDriver failing = new TaskDriver(pg, "public.types_unsupported", Map.of()).start();
        try {
            assertThatThrownBy(failing::poll).hasMessageContaining("types_unsupported.lsn has type pg_lsn");
        } finally {
            failing.stop();
        }

        config.put("unsupported.type.handling", "skip");
        assertThat(Preflight.run(new SourceConfig(config)).problems()).isEmpty();
        List<SourceRecord> skipped = poll(pg, "public.types_unsupported", Map.of("unsupported.type.handling", "skip"),
            2);
        assertThat(((Struct) skipped.get(0).value()).schema().fields()).extracting(Field::name)
            .containsExactly("id", "ok");

        List<SourceRecord> texts = poll(pg, "public.types_unsupported", Map.of("unsupported.type.handling", "string"),
            2);
        Map<Integer, List<String>> pgText = new HashMap<>();
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, lsn::text, q::text, lsns::text FROM types_unsupported")) {
            while (rs.next()) {
                pgText.put(rs.getInt(1), java.util.Arrays.asList(rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        for (SourceRecord record : texts) {
            Struct value = (Struct) record.value();
            assertThat(java.util.Arrays.asList(value.getString("lsn"), value.getString("q"), value.getString("lsns")))
                .isEqualTo(pgText.get(value.getInt32("id")));
        }
        assertThat(pgText.get(1)).doesNotContainNull();
    }
}
