/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.PgCatalog;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.ReplicationSettings;
import io.herokupg.connect.config.ScheduleSettings;
import io.herokupg.connect.config.TableType;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.types.RecordBuilder;

/**
 * Bounded cost: once the initial load is done and no long transaction runs, an INCREMENTAL pass that finds nothing
 * new is an index range scan over the rows sharing the last key, not a re-read of history. Asserted on the plan
 * PostgreSQL chooses for the query the reader really runs ({@code EXPLAIN (ANALYZE, BUFFERS)}).
 */
class IncrementalPlanIT {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalPlanIT.class);
    private static final int ROWS = 50_000;
    private final PostgresFixture pg = SharedServices.postgres();

    @Test
    void anIdlePassIsAnIndexRangeScan() throws Exception {
        TableId id = new TableId("public", "inc_plan");
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS inc_plan");
            st.execute("CREATE TABLE inc_plan (id bigserial PRIMARY KEY, updated_at timestamptz NOT NULL,"
                + " v text)");
            // The last row was written an hour ago: the table is idle.
            st.execute("INSERT INTO inc_plan (updated_at, v) SELECT now() - interval '1 hour' - make_interval(secs => "
                + ROWS + " - g), md5(g::text) FROM generate_series(1, " + ROWS + ") g");
            st.execute("CREATE INDEX inc_plan_updated_at ON inc_plan (updated_at)");
            st.execute("ANALYZE inc_plan");
        }
        try (Connection conn = pg.connect()) {
            TableInfo table = PgCatalog.discover(conn, Set.of(TableType.TABLE), id::equals).get(0);
            ReaderContext context = new ReaderContext(Clock.systemUTC(), false, (c, t) -> Optional.empty(),
                IncrementalPlanIT::daemon, PassSnapshots.local());
            TableShape shape = new TableShape(new RecordBuilder(table, "plan"), context.builders());
            IncrementalMethod method = new IncrementalMethod(shape, table.column("updated_at").orElseThrow(),
                new ReplicationSettings.KeyClock(Duration.ofMinutes(1), ZoneOffset.UTC), context,
                ChangeOffset.initial(ChangeOffset.INCREMENTAL, Optional.of("updated_at")));
            PassRunner reader = new PassRunner(method, shape, Map.of("table", "plan"), schedule(), context);
            int emitted = 0;
            // The initial load, then passes until the re-read bound is the last key.
            for (int pass = 0; pass < 3; pass++) {
                do {
                    emitted += reader.read(conn, 10_000).records().size();
                } while (reader.inPass());
            }
            assertThat(emitted).isEqualTo(ROWS);
            assertThat(method.position().low()).as("re-read bound after idle passes").isPresent();

            List<String> plan = explain(conn, method);
            LOG.info("Plan of an idle INCREMENTAL pass over {} rows:\n{}", ROWS, String.join("\n", plan));
            String text = String.join("\n", plan);
            assertThat(text).contains("Index Cond").contains("updated_at").doesNotContain("Seq Scan");
            assertThat(actualRows(plan)).as("rows the scan touched").isLessThanOrEqualTo(1);
        }
    }

    private static List<String> explain(Connection conn, IncrementalMethod method) throws Exception {
        conn.setAutoCommit(false);
        try {
            long xmax;
            String snapshot;
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT txid_snapshot_xmax(txid_current_snapshot()),"
                     + " txid_current_snapshot()::text")) {
                rs.next();
                xmax = rs.getLong(1);
                snapshot = rs.getString(2);
            }
            ChangeOffset.Pass pass = new ChangeOffset.Pass(snapshot, 0, Optional.empty(), Optional.empty());
            String sql = method.sql(xmax, pass);
            List<String> plan = new ArrayList<>();
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            return plan;
        } finally {
            conn.rollback();
            conn.setAutoCommit(true);
        }
    }

    /** The actual rows of the plan's scan node ("actual time=… rows=N"). */
    private static long actualRows(List<String> plan) {
        return plan.stream().filter(l -> l.contains("Index Scan") || l.contains("Index Only Scan"))
            .findFirst()
            .map(l -> Long.parseLong(l.replaceAll(".*actual time=\\S+ rows=(\\d+).*", "$1")))
            .orElseThrow(() -> new AssertionError("no index scan in the plan: " + plan));
    }

    private static void daemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "inc-plan-rows");
        thread.setDaemon(true);
        thread.start();
    }

    private static PassSchedule schedule() {
        return PassSchedule.of(new ScheduleSettings(Duration.ofMillis(10), Optional.empty(), Optional.empty(),
            ZoneOffset.UTC));
    }
}
