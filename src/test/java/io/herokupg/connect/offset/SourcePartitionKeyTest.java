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
    void roundTripsWhenNumbersComeBackAsLong(SourcePartitionKey key) {
        Map<String, Object> stored = ConnectStorage.numbersAsLong(key.toMap());

        assertThat(stored.get("protocol")).isEqualTo(1L);
        assertThat(SourcePartitionKey.fromMap(stored)).isEqualTo(key);
    }

    @ParameterizedTest
    @MethodSource("keys")
    void roundTripsThroughConnectsJsonConverter(SourcePartitionKey key) {
        assertThat(SourcePartitionKey.fromMap(ConnectStorage.throughJson(key.toMap()))).isEqualTo(key);
    }

    /**
     * The worker stores offsets under the serialized partition and looks them up by serializing again, sometimes a
     * partition it deserialized itself (REST GET /offsets) and always one built anew after a restart: the bytes
     * must not depend on the map instance or the JVM (Map.of's order is randomized per JVM).
     */
    @ParameterizedTest
    @MethodSource("keys")
    void serializesToTheSameBytesAsTheMapTheWorkerReadsBack(SourcePartitionKey key) {
        byte[] written = ConnectStorage.serialized(key.toMap());
        byte[] reread = ConnectStorage.serialized(ConnectStorage.throughJson(key.toMap()));
        assertThat(new String(reread, java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo(new String(written, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(key.toMap()).isInstanceOf(java.util.HashMap.class);
    }

    @ParameterizedTest
    @MethodSource("keys")
    void holdsOnlyValuesConnectAcceptsInAPartition(SourcePartitionKey key) {
        OffsetUtils.validateFormat(key.toMap());
    }

    @Test
    void mapNamesTheTableByDatabaseSchemaAndTableOnly() {
        Map<String, Object> map = new SourcePartitionKey("d9vq1", new TableId("public", "orders")).toMap();

        assertThat(map).containsOnly(
            Map.entry("protocol", 1),
            Map.entry("db", "d9vq1"),
            Map.entry("schema", "public"),
            Map.entry("table", "orders"));
    }

    @Test
    void equalKeysGiveEqualMaps() {
        // Connect finds stored offsets by the partition map, so equal tables must give equal maps.
        assertThat(new SourcePartitionKey("db", new TableId("s", "t")).toMap())
            .isEqualTo(new SourcePartitionKey("db", new TableId("s", "t")).toMap())
            .isNotEqualTo(new SourcePartitionKey("db", new TableId("s.t", "")).toMap())
            .isNotEqualTo(new SourcePartitionKey("other", new TableId("s", "t")).toMap());
    }

    private static Map<String, Object> valid() {
        return new HashMap<>(new SourcePartitionKey("shop", new TableId("public", "orders")).toMap());
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> map = valid();
        map.put(key, value);
        return map;
    }

    private static Map<String, Object> without(String key) {
        Map<String, Object> map = valid();
        map.remove(key);
        return map;
    }

    private static Map<String, Object> replace(String key, String by) {
        Map<String, Object> map = without(key);
        map.put(by, "x");
        return map;
    }

    static Stream<Arguments> invalidPartitions() {
        return Stream.of(
            Arguments.of("protocol missing", without("protocol"), "\"protocol\""),
            Arguments.of("protocol 2", with("protocol", 2L), "\"protocol\""),
            Arguments.of("protocol 0", with("protocol", 0), "\"protocol\""),
            Arguments.of("protocol a string", with("protocol", "1"), "\"protocol\""),
            Arguments.of("db missing", without("db"), "db"),
            Arguments.of("db replaced by another key", replace("db", "host"), "\"db\""),
            Arguments.of("db not a string", with("db", 5L), "\"db\""),
            Arguments.of("schema replaced by another key", replace("schema", "namespace"), "\"schema\""),
            Arguments.of("schema not a string", with("schema", true), "\"schema\""),
            Arguments.of("table missing", without("table"), "table"),
            Arguments.of("table null", with("table", null), "\"table\""),
            Arguments.of("extra key", with("host", "ec2-1-2-3-4"), "host"));
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

    @Test
    void protocolMustBeExactlyOne() {
        assertThatThrownBy(() -> SourcePartitionKey.fromMap(with("protocol", 1.5)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourcePartitionKey.fromMap(with("protocol", (1L << 32) + 1)))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
