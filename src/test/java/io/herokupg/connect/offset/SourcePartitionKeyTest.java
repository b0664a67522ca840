/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.connect.storage.OffsetUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.herokupg.connect.catalog.TableId;

class SourcePartitionKeyTest {

    static Stream<SourcePartitionKey> keys() {
        return Stream.of(
            new SourcePartitionKey("d9vq1", new TableId("public", "orders")),
            new SourcePartitionKey("my db", new TableId("my.schema", "Order Items")),
            new SourcePartitionKey("", new TableId("", "")),
            new SourcePartitionKey("ünï", new TableId("a,b", "\"quoted\" 表格")));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void roundTripsThroughToMapAndFromMap(SourcePartitionKey key) {
        assertThat(SourcePartitionKey.fromMap(key.toMap())).isEqualTo(key);
    }

    @ParameterizedTest
    @MethodSource("keys")
    void roundTripsThroughConnectsJsonConverter(SourcePartitionKey key) {
        assertThat(SourcePartitionKey.fromMap(ConnectStorage.throughJson(key.toMap()))).isEqualTo(key);
    }

    /**
     * The worker stores offsets under the serialized partition and looks them up by serializing again, sometimes a
     * partition it deserialized itself (REST GET /offsets, a user's PATCH) and always one built anew after a
     * restart: the bytes must not depend on the map instance, the JVM or a user's key order - hence one key.
     */
    @ParameterizedTest
    @MethodSource("keys")
    void serializesToTheSameBytesAsTheMapTheWorkerReadsBack(SourcePartitionKey key) {
        byte[] written = ConnectStorage.serialized(key.toMap());
        byte[] reread = ConnectStorage.serialized(ConnectStorage.throughJson(key.toMap()));
        assertThat(new String(reread, java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo(new String(written, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(key.toMap()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("keys")
    void holdsOnlyValuesConnectAcceptsInAPartition(SourcePartitionKey key) {
        OffsetUtils.validateFormat(key.toMap());
    }

    @Test
    void mapNamesTheTableByDatabaseSchemaAndTableOnly() {
        Map<String, Object> map = new SourcePartitionKey("d9vq1", new TableId("public", "orders")).toMap();

        assertThat(map).containsOnly(Map.entry("table", "d9vq1.public.orders"));
        assertThat(new SourcePartitionKey("d.b", new TableId("my.schema", "100%")).toMap())
            .containsOnly(Map.entry("table", "d%2Eb.my%2Eschema.100%25"));
    }

    @Test
    void equalKeysGiveEqualMaps() {
        // Connect finds stored offsets by the partition map, so equal tables must give equal maps.
        assertThat(new SourcePartitionKey("db", new TableId("s", "t")).toMap())
            .isEqualTo(new SourcePartitionKey("db", new TableId("s", "t")).toMap())
            .isNotEqualTo(new SourcePartitionKey("db", new TableId("s.t", "")).toMap())
            .isNotEqualTo(new SourcePartitionKey("other", new TableId("s", "t")).toMap());
    }

    private static Map<String, Object> partition(Object table) {
        Map<String, Object> map = new HashMap<>();
        map.put("table", table);
        return map;
    }

    static Stream<Arguments> invalidPartitions() {
        Map<String, Object> extraKey = partition("shop.public.orders");
        extraKey.put("host", "ec2-1-2-3-4");
        return Stream.of(
            Arguments.of("table missing", Map.of("db", "shop"), "<database>.<schema>.<table>"),
            Arguments.of("table null", partition(null), "<database>.<schema>.<table>"),
            Arguments.of("table not a string", partition(5L), "<database>.<schema>.<table>"),
            Arguments.of("two names only", partition("shop.orders"), "a database, a schema and a table"),
            Arguments.of("four names", partition("shop.public.orders.x"), "a database, a schema and a table"),
            Arguments.of("a stray percent sign", partition("shop.pub%lic.orders"), "%2E"),
            Arguments.of("the old four-key shape", Map.of("protocol", 1, "db", "shop", "schema", "public",
                "table", "orders"), "<database>.<schema>.<table>"),
            Arguments.of("extra key", extraKey, "host"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPartitions")
    void invalidPartitionIsRejectedNamingTheKey(String name, Map<String, Object> map, String named) {
        assertThatThrownBy(() -> SourcePartitionKey.fromMap(map))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(named);
    }

    @Test
    void nullPartitionIsRejected() {
        assertThatThrownBy(() -> SourcePartitionKey.fromMap(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
