/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.SourcePartitionKey;

/** {@link HerokuPostgresSourceConnector#alterOffsets}: offsets written by hand through the REST API (KIP-875). */
class AlterOffsetsTest {
    private static final Map<String, ?> PARTITION = new SourcePartitionKey("app_db", new TableId("public", "orders"))
        .toMap();

    private final HerokuPostgresSourceConnector connector = new HerokuPostgresSourceConnector();

    /** An INCREMENTAL offset as a user types it: the numbers are whatever JSON gives. */
    private static Map<String, Object> incremental() {
        Map<String, Object> offset = new HashMap<>();
        offset.put("method", "INCREMENTAL");
        offset.put("v", 1);
        offset.put("key_column", "updated_at");
        offset.put("fence", "1000:1000:");
        offset.put("high", "2026-01-01 00:00:00+00");
        offset.put("low", "2026-01-01 00:00:00+00");
        offset.put("pass_started", 1_767_225_600_000L);
        return offset;
    }

    private boolean alter(Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(PARTITION, offset);
        return connector.alterOffsets(Map.of(), offsets);
    }

    @Test
    void validChangeOffsetsAreAccepted() {
        assertThat(alter(incremental())).isTrue();
        assertThat(alter(ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty())
            .withPass(5L, new ChangeOffset.Pass("10:12:10", 7L, Optional.empty(), Optional.of(List.of("11", "3"))))
            .toMap())).isTrue();
    }

    @Test
    void aResetIsAccepted() {
        assertThat(alter(null)).isTrue();
    }

    @Test
    void aMalformedIncrementalOffsetIsRefusedNamingThePartitionAndTheField() {
        Map<String, Object> noKey = incremental();
        noKey.remove("key_column");
        Map<String, Object> badFence = incremental();
        badFence.put("fence", "1000");
        Map<String, Object> oddHistory = incremental();
        oddHistory.put("history", "1767225600000000");

        for (Map.Entry<String, Map<String, Object>> bad : Map.of("key_column", noKey, "fence", badFence,
            "history", oddHistory).entrySet()) {
            assertThatThrownBy(() -> alter(bad.getValue())).as(bad.getKey())
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("app_db.public.orders")
                .hasMessageContaining("\"" + bad.getKey() + "\"");
        }
    }
}
