/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.ConnectorIT;
import io.herokupg.connect.testing.TopicReader.Decoded;

/** Stitch's "Advanced Scheduling": a per-table cron expression with seconds starts the passes of that table. */
class ScheduleIT extends ConnectorIT {
    ScheduleIT() {
        super("cron-schedule");
    }

    @Test
    void aPerTableCronWithSecondsStartsPassesOnItsTimes() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS cron_rows");
            st.execute("CREATE TABLE cron_rows (id int PRIMARY KEY)");
            st.execute("INSERT INTO cron_rows SELECT generate_series(1, 3)");
        }
        Map<String, String> config = connect.connectorConfig(pg, name, "it_cron", "public\\.cron_rows");
        config.put("table.public.cron_rows.schedule.cron", "*/2 * * * * ?");
        connect.rest().putConnector(name, config);
        connect.rest().awaitRunning(name, 1);

        // poll.interval.ms is an hour in these tests: only the cron can start a pass every two seconds.
        List<Decoded> records = connect.topics().readAtLeast("it_cron.public.cron_rows", 3 * 4,
            Duration.ofSeconds(30), Duration.ZERO);
        List<Long> passStarts = records.stream().map(r -> r.timestamp() / 2000).distinct().toList();
        assertThat(passStarts).as("passes in distinct two-second slots").hasSizeGreaterThanOrEqualTo(3);
    }
}
