/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.TableType;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.Snapshots;
import io.herokupg.connect.read.plan.FenceConditions;
import io.herokupg.connect.read.plan.KeyRange;
import io.herokupg.connect.read.plan.Lead;
import io.herokupg.connect.read.plan.PassQuery;
import io.herokupg.connect.read.plan.Sql;
import io.herokupg.connect.types.RecordBuilder;

/**
 * The plan builders ({@code read.plan}) against golden SQL, for every method and condition: first pass, resumed,
 * fenced, watermarks, views, no primary key. The goldens are the SQL the readers wrote before the pass engine (the
 * same inputs through {@code KeysetQuery} and {@code ChangeQuery}): any change to a query's text shows here.
 */
class PassPlanTest {
    private static final String FENCE = "100:105:100,102";
    private static final String SNAPSHOT = "104:110:104,107";
    private static final String LOW = "2026-12-01 10:00:00+00";
    private static final String HIGH = "2026-12-01 11:00:00+00";

    private static final TableInfo ORDERS = new TableInfo(new TableId("public", "orders"), List.of(
        column("id", 1, 20, "int8"), column("updated_at", 2, 1184, "timestamptz"), column("note", 3, 25, "text")),
        List.of("id"), 0, TableType.TABLE);
    private static final TableInfo LINES = new TableInfo(new TableId("public", "lines"), List.of(
        column("k1", 1, 20, "int8"), column("k2", 2, 1082, "date"), column("qty", 3, 1700, "numeric")),
        List.of("k1", "k2"), 0, TableType.TABLE);
    private static final TableInfo VIEW = new TableInfo(new TableId("public", "orders_v"), ORDERS.columns(),
        List.of(), 0, TableType.VIEW);
    private static final TableInfo EVENTS = new TableInfo(new TableId("public", "events"), List.of(
        column("id", 1, 20, "int8"), column("updated_at", 2, 1184, "timestamptz")), List.of(), 0, TableType.TABLE);

    private static ColumnInfo column(String name, int position, long oid, String type) {
        return new ColumnInfo(name, position, oid, type, "pg_catalog", type, -1, false);
    }

    // FULL_TABLE

    @Test
    void fullTableFirstPass() {
        assertThat(full(ORDERS, Optional.empty())).isEqualTo(Golden.FULL_FIRST);
    }

    @Test
    void fullTableResumedAfterACompositeKey() {
        assertThat(full(LINES, Optional.of(List.of("7", "2026-01-01")))).isEqualTo(Golden.FULL_RESUMED_COMPOSITE);
    }

    @Test
    void fullTableWithoutPrimaryKeyHasNoOrder() {
        assertThat(full(EVENTS, Optional.empty())).isEqualTo(Golden.FULL_NO_PRIMARY_KEY);
        assertThat(full(VIEW, Optional.empty())).isEqualTo(Golden.FULL_VIEW);
    }

    // INCREMENTAL

    @Test
    void incrementalFirstPassInPrimaryKeyOrder() {
        ChangeOffset.Pass first = firstPass();
        assertThat(incremental(ORDERS, initial(), first, 110, true)).isEqualTo(Golden.INCREMENTAL_FIRST);
        assertThat(incremental(ORDERS, initial(), first.withLast(List.of("42")), 112, false))
            .isEqualTo(Golden.INCREMENTAL_FIRST_RESUMED);
    }

    @Test
    void incrementalFencedPassWithWatermarks() {
        assertThat(incremental(ORDERS, fenced(OptionalLong.of(101)), fencedPass(), 110, true))
            .isEqualTo(Golden.INCREMENTAL_FENCED);
        assertThat(incremental(ORDERS, fenced(OptionalLong.empty()), new ChangeOffset.Pass(SNAPSHOT, 0,
            Optional.empty(), Optional.empty(), OptionalLong.of(110), false), 110, true))
            .isEqualTo(Golden.INCREMENTAL_FENCED_DERIVED_WATERMARKS);
    }

    @Test
    void incrementalPassResumedInALaterSnapshot() {
        assertThat(incremental(ORDERS, fenced(OptionalLong.of(101)),
            fencedPass().withLast(List.of("2026-12-01 10:45:00+00", "42")), 112, false))
            .isEqualTo(Golden.INCREMENTAL_RESUMED);
    }

    @Test
    void incrementalOnAViewContinuesAfterTheHighestKey() {
        ChangeOffset view = new ChangeOffset(ChangeOffset.INCREMENTAL, Optional.of("updated_at"), Optional.empty(),
            Optional.empty(), Optional.of(HIGH), List.of(), 0, Optional.empty());
        assertThat(incremental(VIEW, view, new ChangeOffset.Pass(SNAPSHOT, 0, Optional.empty(), Optional.empty()),
            110, true)).isEqualTo(Golden.INCREMENTAL_VIEW);
        assertThat(incremental(VIEW, view, new ChangeOffset.Pass(SNAPSHOT, 0, Optional.empty(),
            Optional.of(List.of("2026-12-01 11:30:00+00"))), 112, false)).isEqualTo(Golden.INCREMENTAL_VIEW_RESUMED);
    }

    @Test
    void incrementalWithoutPrimaryKeyResumesFromItsLastKey() {
        assertThat(incremental(EVENTS, fenced(OptionalLong.of(101)),
            fencedPass().withLast(List.of("2026-12-01 10:45:00+00")), 112, false))
            .isEqualTo(Golden.INCREMENTAL_NO_PRIMARY_KEY_RESUMED);
    }

    @Test
    void incrementalQueriesOfTheEndAndTheStartOfAPass() {
        ChangeOffset.Pass first = firstPass();
        FenceConditions firstConditions = conditions(ORDERS, initial(), first, 110, true);
        assertThat(new PassQuery(ORDERS, List.of(), List.of(), Optional.of(updatedAt(ORDERS)), true,
            firstConditions.pass(), Optional.empty()).highestLeadSql()).isEqualTo(Golden.INCREMENTAL_FIRST_HIGHEST_KEY);
        FenceConditions fenced = conditions(ORDERS, fenced(OptionalLong.of(101)), fencedPass(), 110, true);
        assertThat(PassQuery.existsSql(ORDERS, fenced.delayed().orElseThrow()))
            .isEqualTo(Golden.INCREMENTAL_DELAYED);
        assertThat(conditions(ORDERS, fenced(OptionalLong.of(101)), new ChangeOffset.Pass(SNAPSHOT, 0,
            Optional.empty(), Optional.empty(), OptionalLong.of(110), false), 110, true).delayed())
            .as("a watermark at the snapshot's xmax holds nothing back").isEmpty();
        assertThat(PassQuery.highestKeyMarkSql(ORDERS, ORDERS.column("id").orElseThrow()))
            .isEqualTo(Golden.INCREMENTAL_MARK);
    }

    // XMIN

    @Test
    void xminFirstPassResumedInItsOwnSnapshot() {
        ChangeOffset.Pass first = new ChangeOffset.Pass(SNAPSHOT, 0, Optional.empty(),
            Optional.of(List.of("7", "2026-01-01")), OptionalLong.of(104), true);
        assertThat(xmin(LINES, ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty()), first, 110, true))
            .isEqualTo(Golden.XMIN_FIRST_RESUMED_OWN_SNAPSHOT);
    }

    @Test
    void xminPassResumedInALaterSnapshot() {
        ChangeOffset start = new ChangeOffset(ChangeOffset.XMIN, Optional.empty(), Optional.of(FENCE),
            Optional.empty(), Optional.empty(), List.of(), 0, Optional.empty(), OptionalLong.empty());
        assertThat(xmin(LINES, start, new ChangeOffset.Pass(SNAPSHOT, 0, Optional.empty(),
            Optional.of(List.of("108", "7", "2026-01-01"))), 112, false)).isEqualTo(Golden.XMIN_RESUMED);
    }

    @Test
    void xminFencedPassWithoutPrimaryKey() {
        ChangeOffset start = new ChangeOffset(ChangeOffset.XMIN, Optional.empty(), Optional.of(FENCE),
            Optional.empty(), Optional.empty(), List.of(), 0, Optional.empty(), OptionalLong.of(101));
        assertThat(xmin(EVENTS, start, new ChangeOffset.Pass(SNAPSHOT, 0, Optional.empty(), Optional.empty(),
            OptionalLong.of(107), false), 110, true)).isEqualTo(Golden.XMIN_FENCED_NO_PRIMARY_KEY);
    }

    // The inputs, as the methods derive them from their position.

    private static String full(TableInfo table, Optional<List<String>> after) {
        RecordBuilder builder = new RecordBuilder(table, "p");
        return PassQuery.fullTable(table, builder.selectList(),
            Positions.of(builder, Optional.empty(), false, false).selected(), after).sql();
    }

    private static ChangeOffset initial() {
        return ChangeOffset.initial(ChangeOffset.INCREMENTAL, Optional.of("updated_at"));
    }

    private static ChangeOffset fenced(OptionalLong fenceWatermark) {
        return new ChangeOffset(ChangeOffset.INCREMENTAL, Optional.of("updated_at"), Optional.of(FENCE),
            Optional.of(LOW), Optional.of(HIGH), List.of(), 0, Optional.empty(), fenceWatermark);
    }

    private static ChangeOffset.Pass firstPass() {
        return new ChangeOffset.Pass(SNAPSHOT, 0, Optional.empty(), Optional.empty(), OptionalLong.of(110), true);
    }

    private static ChangeOffset.Pass fencedPass() {
        return new ChangeOffset.Pass(SNAPSHOT, 0, Optional.of("2026-12-01 10:30:00+00"), Optional.empty(),
            OptionalLong.of(107), false);
    }

    private static Lead updatedAt(TableInfo table) {
        return Lead.key(table, table.column("updated_at").orElseThrow());
    }

    private static FenceConditions conditions(TableInfo table, ChangeOffset position, ChangeOffset.Pass pass,
                                              long readXmax, boolean ownSnapshot) {
        ColumnInfo key = table.column("updated_at").orElseThrow();
        return fenceConditions(KeyRange.conditions(key, position, table.hasRowVersions()), table, position, pass,
            readXmax, ownSnapshot, pass.nextLow().map(bound -> KeyRange.below(table, key, bound)));
    }

    private static FenceConditions fenceConditions(List<String> range, TableInfo table, ChangeOffset position,
                                                   ChangeOffset.Pass pass, long readXmax, boolean ownSnapshot,
                                                   Optional<String> beyond) {
        boolean later = !ownSnapshot;
        boolean versioned = table.hasRowVersions();
        return new FenceConditions(range, versioned, Sql.xid64(readXmax), position.fence(),
            position.effectiveFenceWatermark(), pass.effectiveWatermark(), Snapshots.parse(pass.snapshot()).xmax(),
            later && versioned ? Optional.of(pass.snapshot()) : Optional.empty(), later ? beyond : Optional.empty());
    }

    private static String incremental(TableInfo table, ChangeOffset position, ChangeOffset.Pass pass, long readXmax,
                                      boolean ownSnapshot) {
        Lead lead = updatedAt(table);
        return query(table, lead, conditions(table, position, pass, readXmax, ownSnapshot), pass);
    }

    private static String xmin(TableInfo table, ChangeOffset position, ChangeOffset.Pass pass, long readXmax,
                               boolean ownSnapshot) {
        FenceConditions conditions = fenceConditions(List.of(), table, position, pass, readXmax, ownSnapshot,
            Optional.empty());
        return query(table, Lead.xid(readXmax), conditions, pass);
    }

    private static String query(TableInfo table, Lead lead, FenceConditions conditions, ChangeOffset.Pass pass) {
        RecordBuilder builder = new RecordBuilder(table, "p");
        Positions positions = Positions.of(builder, Optional.of(lead.expression()), !pass.primaryKeyOrder(), false);
        return new PassQuery(table, builder.selectList(), positions.selected(), Optional.of(lead),
            pass.primaryKeyOrder(), conditions.pass(), pass.last()).sql();
    }

    /** The SQL the readers wrote before the pass engine, for the same inputs. */
    private static final class Golden {
        static final String FULL_FIRST =
            "SELECT \"id\", \"updated_at\", \"note\" FROM ONLY \"public\".\"orders\" ORDER BY \"public\".\"or"
            + "ders\".\"id\"";

        static final String FULL_RESUMED_COMPOSITE =
            "SELECT \"k1\", \"k2\", \"qty\", (\"public\".\"lines\".\"k2\")::text FROM ONLY \"public\".\"lines"
            + "\" WHERE (\"public\".\"lines\".\"k1\", \"public\".\"lines\".\"k2\") > (CAST(E'7' AS int8), CAST("
            + "E'2026-01-01' AS date)) ORDER BY \"public\".\"lines\".\"k1\", \"public\".\"lines\".\"k2\"";

        static final String FULL_NO_PRIMARY_KEY =
            "SELECT \"id\", \"updated_at\" FROM ONLY \"public\".\"events\"";

        static final String FULL_VIEW =
            "SELECT \"id\", \"updated_at\", \"note\" FROM \"public\".\"orders_v\"";

        static final String INCREMENTAL_FIRST =
            "SELECT \"id\", \"updated_at\", \"note\" FROM ONLY \"public\".\"orders\" WHERE \"updated_at\" IS "
            + "NOT NULL ORDER BY \"public\".\"orders\".\"id\"";

        static final String INCREMENTAL_FIRST_RESUMED =
            "SELECT \"id\", \"updated_at\", \"note\" FROM ONLY \"public\".\"orders\" WHERE \"updated_at\" IS "
            + "NOT NULL AND txid_visible_in_snapshot((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 112::int"
            + "8 - ((112::int8 - xmin::text::int8 + 4294967296) % 4294967296) END), CAST(E'104:110:104,107' AS "
            + "txid_snapshot)) AND (\"public\".\"orders\".\"id\") > (CAST(E'42' AS int8)) ORDER BY \"public\"."
            + "\"orders\".\"id\"";

        static final String INCREMENTAL_FENCED =
            "SELECT \"id\", \"updated_at\", \"note\", (\"public\".\"orders\".\"updated_at\")::text FROM ONLY "
            + "\"public\".\"orders\" WHERE \"updated_at\" >= CAST(E'2026-12-01 10:00:00+00' AS timestamptz) AND"
            + " ((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 110::int8 - ((110::int8 - xmin::text::int8 +"
            + " 4294967296) % 4294967296) END) >= CAST(E'101' AS int8) OR NOT txid_visible_in_snapshot((CASE WH"
            + "EN xmin::text::int8 < 3 THEN 0::int8 ELSE 110::int8 - ((110::int8 - xmin::text::int8 + 429496729"
            + "6) % 4294967296) END), CAST(E'100:105:100,102' AS txid_snapshot))) AND (CASE WHEN xmin::text::in"
            + "t8 < 3 THEN 0::int8 ELSE 110::int8 - ((110::int8 - xmin::text::int8 + 4294967296) % 4294967296) "
            + "END) < CAST(E'107' AS int8) ORDER BY \"public\".\"orders\".\"updated_at\", \"public\".\"orders\""
            + ".\"id\"";

        static final String INCREMENTAL_FENCED_DERIVED_WATERMARKS =
            "SELECT \"id\", \"updated_at\", \"note\", (\"public\".\"orders\".\"updated_at\")::text FROM ONLY "
            + "\"public\".\"orders\" WHERE \"updated_at\" >= CAST(E'2026-12-01 10:00:00+00' AS timestamptz) AND"
            + " ((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 110::int8 - ((110::int8 - xmin::text::int8 +"
            + " 4294967296) % 4294967296) END) >= CAST(E'100' AS int8) OR NOT txid_visible_in_snapshot((CASE WH"
            + "EN xmin::text::int8 < 3 THEN 0::int8 ELSE 110::int8 - ((110::int8 - xmin::text::int8 + 429496729"
            + "6) % 4294967296) END), CAST(E'100:105:100,102' AS txid_snapshot))) ORDER BY \"public\".\"orders"
            + "\".\"updated_at\", \"public\".\"orders\".\"id\"";

        static final String INCREMENTAL_RESUMED =
            "SELECT \"id\", \"updated_at\", \"note\", (\"public\".\"orders\".\"updated_at\")::text FROM ONLY "
            + "\"public\".\"orders\" WHERE \"updated_at\" >= CAST(E'2026-12-01 10:00:00+00' AS timestamptz) AND"
            + " ((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 112::int8 - ((112::int8 - xmin::text::int8 +"
            + " 4294967296) % 4294967296) END) >= CAST(E'101' AS int8) OR NOT txid_visible_in_snapshot((CASE WH"
            + "EN xmin::text::int8 < 3 THEN 0::int8 ELSE 112::int8 - ((112::int8 - xmin::text::int8 + 429496729"
            + "6) % 4294967296) END), CAST(E'100:105:100,102' AS txid_snapshot))) AND (((CASE WHEN xmin::text::"
            + "int8 < 3 THEN 0::int8 ELSE 112::int8 - ((112::int8 - xmin::text::int8 + 4294967296) % 4294967296"
            + ") END) < CAST(E'107' AS int8) AND txid_visible_in_snapshot((CASE WHEN xmin::text::int8 < 3 THEN "
            + "0::int8 ELSE 112::int8 - ((112::int8 - xmin::text::int8 + 4294967296) % 4294967296) END), CAST(E"
            + "'104:110:104,107' AS txid_snapshot))) OR \"public\".\"orders\".\"updated_at\" < CAST(E'2026-12-0"
            + "1 10:30:00+00' AS timestamptz)) AND (\"public\".\"orders\".\"updated_at\", \"public\".\"orders\""
            + ".\"id\") > (CAST(E'2026-12-01 10:45:00+00' AS timestamptz), CAST(E'42' AS int8)) ORDER BY \"publ"
            + "ic\".\"orders\".\"updated_at\", \"public\".\"orders\".\"id\"";

        static final String INCREMENTAL_VIEW =
            "SELECT \"id\", \"updated_at\", \"note\", (\"public\".\"orders_v\".\"updated_at\")::text FROM \"p"
            + "ublic\".\"orders_v\" WHERE \"updated_at\" > CAST(E'2026-12-01 11:00:00+00' AS timestamptz) ORDER"
            + " BY \"public\".\"orders_v\".\"updated_at\"";

        static final String INCREMENTAL_VIEW_RESUMED =
            "SELECT \"id\", \"updated_at\", \"note\", (\"public\".\"orders_v\".\"updated_at\")::text FROM \"p"
            + "ublic\".\"orders_v\" WHERE \"updated_at\" > CAST(E'2026-12-01 11:00:00+00' AS timestamptz) AND "
            + "\"public\".\"orders_v\".\"updated_at\" >= CAST(E'2026-12-01 11:30:00+00' AS timestamptz) ORDER B"
            + "Y \"public\".\"orders_v\".\"updated_at\"";

        static final String INCREMENTAL_NO_PRIMARY_KEY_RESUMED =
            "SELECT \"id\", \"updated_at\", (\"public\".\"events\".\"updated_at\")::text FROM ONLY \"public\""
            + ".\"events\" WHERE \"updated_at\" >= CAST(E'2026-12-01 10:00:00+00' AS timestamptz) AND ((CASE WH"
            + "EN xmin::text::int8 < 3 THEN 0::int8 ELSE 112::int8 - ((112::int8 - xmin::text::int8 + 429496729"
            + "6) % 4294967296) END) >= CAST(E'101' AS int8) OR NOT txid_visible_in_snapshot((CASE WHEN xmin::t"
            + "ext::int8 < 3 THEN 0::int8 ELSE 112::int8 - ((112::int8 - xmin::text::int8 + 4294967296) % 42949"
            + "67296) END), CAST(E'100:105:100,102' AS txid_snapshot))) AND (((CASE WHEN xmin::text::int8 < 3 T"
            + "HEN 0::int8 ELSE 112::int8 - ((112::int8 - xmin::text::int8 + 4294967296) % 4294967296) END) < C"
            + "AST(E'107' AS int8) AND txid_visible_in_snapshot((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 EL"
            + "SE 112::int8 - ((112::int8 - xmin::text::int8 + 4294967296) % 4294967296) END), CAST(E'104:110:1"
            + "04,107' AS txid_snapshot))) OR \"public\".\"events\".\"updated_at\" < CAST(E'2026-12-01 10:30:00"
            + "+00' AS timestamptz)) AND \"public\".\"events\".\"updated_at\" >= CAST(E'2026-12-01 10:45:00+00'"
            + " AS timestamptz) ORDER BY \"public\".\"events\".\"updated_at\"";

        static final String XMIN_FIRST_RESUMED_OWN_SNAPSHOT =
            "SELECT \"k1\", \"k2\", \"qty\", (\"public\".\"lines\".\"k2\")::text FROM ONLY \"public\".\"lines"
            + "\" WHERE (CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 110::int8 - ((110::int8 - xmin::text:"
            + ":int8 + 4294967296) % 4294967296) END) < CAST(E'104' AS int8) AND (\"public\".\"lines\".\"k1\", "
            + "\"public\".\"lines\".\"k2\") > (CAST(E'7' AS int8), CAST(E'2026-01-01' AS date)) ORDER BY \"publ"
            + "ic\".\"lines\".\"k1\", \"public\".\"lines\".\"k2\"";

        static final String XMIN_RESUMED =
            "SELECT \"k1\", \"k2\", \"qty\", ((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 112::int8 - ("
            + "(112::int8 - xmin::text::int8 + 4294967296) % 4294967296) END))::text, (\"public\".\"lines\".\"k"
            + "2\")::text FROM ONLY \"public\".\"lines\" WHERE ((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 EL"
            + "SE 112::int8 - ((112::int8 - xmin::text::int8 + 4294967296) % 4294967296) END) >= CAST(E'100' AS"
            + " int8) OR NOT txid_visible_in_snapshot((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 112::in"
            + "t8 - ((112::int8 - xmin::text::int8 + 4294967296) % 4294967296) END), CAST(E'100:105:100,102' AS"
            + " txid_snapshot))) AND (CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 112::int8 - ((112::int8 "
            + "- xmin::text::int8 + 4294967296) % 4294967296) END) < CAST(E'104' AS int8) AND txid_visible_in_s"
            + "napshot((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 112::int8 - ((112::int8 - xmin::text::"
            + "int8 + 4294967296) % 4294967296) END), CAST(E'104:110:104,107' AS txid_snapshot)) AND ((CASE WHE"
            + "N xmin::text::int8 < 3 THEN 0::int8 ELSE 112::int8 - ((112::int8 - xmin::text::int8 + 4294967296"
            + ") % 4294967296) END), \"public\".\"lines\".\"k1\", \"public\".\"lines\".\"k2\") > (CAST(E'108' A"
            + "S int8), CAST(E'7' AS int8), CAST(E'2026-01-01' AS date)) ORDER BY (CASE WHEN xmin::text::int8 <"
            + " 3 THEN 0::int8 ELSE 112::int8 - ((112::int8 - xmin::text::int8 + 4294967296) % 4294967296) END)"
            + ", \"public\".\"lines\".\"k1\", \"public\".\"lines\".\"k2\"";

        static final String XMIN_FENCED_NO_PRIMARY_KEY =
            "SELECT \"id\", \"updated_at\", ((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 110::int8 - (("
            + "110::int8 - xmin::text::int8 + 4294967296) % 4294967296) END))::text FROM ONLY \"public\".\"even"
            + "ts\" WHERE ((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 110::int8 - ((110::int8 - xmin::te"
            + "xt::int8 + 4294967296) % 4294967296) END) >= CAST(E'101' AS int8) OR NOT txid_visible_in_snapsho"
            + "t((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 110::int8 - ((110::int8 - xmin::text::int8 +"
            + " 4294967296) % 4294967296) END), CAST(E'100:105:100,102' AS txid_snapshot))) AND (CASE WHEN xmin"
            + "::text::int8 < 3 THEN 0::int8 ELSE 110::int8 - ((110::int8 - xmin::text::int8 + 4294967296) % 42"
            + "94967296) END) < CAST(E'107' AS int8) ORDER BY (CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE"
            + " 110::int8 - ((110::int8 - xmin::text::int8 + 4294967296) % 4294967296) END)";

        static final String INCREMENTAL_FIRST_HIGHEST_KEY =
            "SELECT (\"public\".\"orders\".\"updated_at\")::text FROM ONLY \"public\".\"orders\" WHERE \"upda"
            + "ted_at\" IS NOT NULL ORDER BY \"public\".\"orders\".\"updated_at\" DESC LIMIT 1";

        static final String INCREMENTAL_DELAYED =
            "SELECT 1 FROM ONLY \"public\".\"orders\" WHERE \"updated_at\" >= CAST(E'2026-12-01 10:00:00+00' "
            + "AS timestamptz) AND ((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 110::int8 - ((110::int8 -"
            + " xmin::text::int8 + 4294967296) % 4294967296) END) >= CAST(E'101' AS int8) OR NOT txid_visible_i"
            + "n_snapshot((CASE WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 110::int8 - ((110::int8 - xmin::tex"
            + "t::int8 + 4294967296) % 4294967296) END), CAST(E'100:105:100,102' AS txid_snapshot))) AND (CASE "
            + "WHEN xmin::text::int8 < 3 THEN 0::int8 ELSE 110::int8 - ((110::int8 - xmin::text::int8 + 4294967"
            + "296) % 4294967296) END) >= CAST(E'107' AS int8) LIMIT 1";

        static final String INCREMENTAL_MARK =
            "SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::int8, (\"public\".\"orders\".\"id\")::"
            + "text FROM ONLY \"public\".\"orders\" WHERE \"public\".\"orders\".\"id\" IS NOT NULL ORDER BY \"p"
            + "ublic\".\"orders\".\"id\" DESC LIMIT 1";
    }
}
