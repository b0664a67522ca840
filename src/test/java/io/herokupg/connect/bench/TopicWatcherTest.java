/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/** The end-to-end scenario reads each record's id from the key JsonConverter wrote, without a broker. */
class TopicWatcherTest {

    @Test
    void readsTheIdOfAKeyWrittenByJsonConverterWithSchemas() {
        Schema key = SchemaBuilder.struct().name("bench_e2e.public.bench_e2e.Key")
            .field("id", Schema.INT64_SCHEMA).build();
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), true);

        for (long id : new long[] {1, 42, 1_000_000, 9_007_199_254_740_993L}) {
            byte[] json = converter.fromConnectData("t", key, new Struct(key).put("id", id));
            assertThat(TopicWatcher.keyId(json)).isEqualTo(id);
        }
    }
}
