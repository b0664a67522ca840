/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.capture.CaptureSql;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.ReadOnlyRole;
import io.herokupg.connect.testing.SharedServices;

/**
 * Setting up change capture through the worker's real REST validate endpoint: with capture.setup=manual (the default)
 * the connector changes nothing and validation names each CAPTURE table without capture, with the SQL that installs
 * it and the SQL that removes it; that SQL, run as the owner, makes the configuration valid, and the removal SQL
 * leaves no object behind (checked in pg_catalog). capture.setup=auto is valid as it is; tables CAPTURE cannot
 * replicate are refused.
 */
class CaptureValidationIT {
    private static final PostgresFixture PG = SharedServices.postgres();
    private static final String SCHEMA = "capture_validation";
    private final ConnectFixture connect = SharedServices.connect();

    @BeforeEach
    void createTables() throws SQLException {
        PG.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE",
            "CREATE TABLE IF NOT EXISTS capval_orders (id int, region text, note text, PRIMARY KEY (region, id))",
            "CREATE TABLE IF NOT EXISTS capval_items (id bigint PRIMARY KEY)",
            "CREATE TABLE IF NOT EXISTS capval_nokey (v text)",
            "CREATE TABLE IF NOT EXISTS capval_strict (id int PRIMARY KEY, v text NOT NULL)");
    }

    @AfterEach
    void dropAll() throws SQLException {
        PG.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE",
            "DROP TABLE IF EXISTS capval_orders, capval_items, capval_nokey, capval_strict");
    }

    @Test
    void aTableWithoutCaptureGetsTheSqlThatInstallsItAndTheSqlThatRemovesIt() throws SQLException {
        Map<String, String> config = config("public\\.capval_(orders|items)");
        List<String> errors = connect.rest().validate(config).get("capture.setup");
        assertThat(errors).singleElement().asString()
            .contains("public.capval_orders", "public.capval_items", "are not captured")
            .contains("CREATE TRIGGER \"herokupg_capture\" AFTER INSERT OR UPDATE OR DELETE ON \"public\"."
                + "\"capval_orders\" FOR EACH ROW EXECUTE PROCEDURE \"" + SCHEMA + "\".\"record_change\"(E'region',"
                + " E'id')")
            .contains("GRANT SELECT, DELETE ON \"" + SCHEMA + "\".\"log\" TO \"" + PostgresFixture.USER + "\"")
            .contains("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE;");
        assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname = '" + SCHEMA + "'"))
            .as("validation changed nothing").isZero();

        String message = errors.get(0);
        String install = between(message, "):\n", "\nor set capture.setup=auto");
        String uninstall = message.substring(message.indexOf("To remove capture later:\n")
            + "To remove capture later:\n".length());
        PG.execute(install);
        assertThat(connect.rest().validate(config)).as("installed as the SQL says").isEmpty();

        PG.execute("ALTER TABLE capval_items RENAME COLUMN id TO item_id");
        assertThat(String.join("\n", connect.rest().validate(config).get("capture.setup")))
            .as("the triggers name a key column that is gone").contains("public.capval_items")
            .doesNotContain("public.capval_orders,");

        PG.execute(uninstall);
        assertThat(count("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'herokupg_capture%'")).isZero();
        assertThat(count("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE n.nspname = '" + SCHEMA + "'")).isZero();
        assertThat(count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = '" + SCHEMA + "'")).isZero();
        assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname = '" + SCHEMA + "'")).isZero();
    }

    @Test
    void aReadOnlyCredentialNeedsTheRightToReadAndPruneTheLog() throws SQLException {
        ReadOnlyRole.create(PG);
        CaptureSql sql = new CaptureSql(SCHEMA);
        PG.execute(sql.installScript(Optional.empty(), Map.of(new TableId("public", "capval_items"), List.of("id"))));
        Map<String, String> config = config("public\\.capval_items");
        config.putAll(ReadOnlyRole.settings());
        assertThat(connect.rest().validate(config).get("capture.setup")).singleElement().asString()
            .contains("user '" + ReadOnlyRole.USER + "' may not read and delete from the capture log")
            .contains("GRANT SELECT, DELETE ON \"" + SCHEMA + "\".\"log\" TO \"" + ReadOnlyRole.USER + "\"");
        PG.execute(sql.installLog(Optional.of(ReadOnlyRole.USER)).toArray(String[]::new));
        assertThat(connect.rest().validate(config)).as("granted as the SQL says").isEmpty();
    }

    @Test
    void withAutomaticSetupTheConfigurationIsValidAsItIs() {
        Map<String, String> config = config("public\\.capval_(orders|items)");
        config.put("capture.setup", "auto");
        assertThat(connect.rest().validate(config)).isEmpty();
    }

    @Test
    void aTableWithoutAPrimaryKeyIsRefused() {
        Map<String, String> config = config("public\\.capval_nokey");
        assertThat(connect.rest().validate(config).get("replication.method")).singleElement().asString()
            .contains("public.capval_nokey", "without a primary key", "CAPTURE replicates tables with a primary key");
    }

    @Test
    void deleteMarkersNeedTheOtherColumnsNullable() {
        Map<String, String> config = config("public\\.capval_strict");
        config.put("capture.setup", "auto");
        config.put("capture.delete.handling", "marker+tombstone");
        assertThat(connect.rest().validate(config).get("capture.delete.handling")).singleElement().asString()
            .contains("public.capval_strict", "[v] are NOT NULL", "capture.delete.handling=tombstone");
    }

    private Map<String, String> config(String include) {
        Map<String, String> config = new HashMap<>(connect.connectorConfig(PG, "capval", "it_capval", include));
        config.put("replication.method", "CAPTURE");
        config.put("capture.schema", SCHEMA);
        return config;
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from) + from.length();
        return text.substring(start, text.indexOf(to, start));
    }

    private static long count(String sql) throws SQLException {
        try (Connection conn = PG.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
