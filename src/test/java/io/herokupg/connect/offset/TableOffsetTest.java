/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.connect.storage.OffsetUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TableOffsetTest {
    private static final long STARTED = 1_767_225_600_123L;

    static Stream<FullTableOffset> offsets() {
        return Stream.of(
            new FullTableOffset(STARTED, Optional.of(List.of("42")), false),
            new FullTableOffset(STARTED, Optional.empty(), true),
            new FullTableOffset(STARTED, Optional.empty(), false),
            new FullTableOffset(0L, Optional.of(List.of("2026-01-01 00:00:00+00", "", "Ünïcode \"q\", x")), false),
            new FullTableOffset(Long.MAX_VALUE, Optional.of(List.of("99999999999999999999.5")), true),
            new FullTableOffset(3L, Optional.of(List.of("100%", "%2C", ",", "")), false));
    }

    @ParameterizedTest
    @MethodSource("offsets")
    void roundTripsThroughToMapAndFromMap(FullTableOffset offset) {
        assertThat(TableOffset.fromMap(offset.toMap())).isEqualTo(offset);
    }

    @ParameterizedTest
    @MethodSource("offsets")
    void roundTripsWhenNumbersComeBackAsLong(FullTableOffset offset) {
        Map<String, Object> stored = ConnectStorage.numbersAsLong(offset.toMap());

        assertThat(stored.get(TableOffset.VERSION_KEY)).isInstanceOf(Long.class);
        assertThat(TableOffset.fromMap(stored)).isEqualTo(offset);
    }

    @ParameterizedTest
    @MethodSource("offsets")
    void roundTripsThroughConnectsJsonConverter(FullTableOffset offset) {
        assertThat(TableOffset.fromMap(ConnectStorage.throughJson(offset.toMap()))).isEqualTo(offset);
    }

    @ParameterizedTest
    @MethodSource("offsets")
    void holdsOnlyValuesConnectAcceptsInAnOffset(FullTableOffset offset) {
        // The worker refuses to commit an offset holding anything but primitives (lists included).
        OffsetUtils.validateFormat(offset.toMap());
    }

    @Test
    void anEmptyKeyIsRejected() {
        assertThatThrownBy(() -> new FullTableOffset(STARTED, Optional.of(List.of()), false))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapFormIsTheDocumentedOne() {
        Map<String, Object> map = new FullTableOffset(STARTED, Optional.of(List.of("42", "x")), false).toMap();

        assertThat(map).containsOnly(
            Map.entry("method", "FULL_TABLE"),
            Map.entry("v", 1),
            Map.entry("pass_started", STARTED),
            Map.entry("complete", false),
            Map.entry("last_key", "42,x"));
        assertThat(new FullTableOffset(STARTED, Optional.empty(), true).toMap()).doesNotContainKey("last_key");
    }

    @Test
    void lastKeyIsCopied() {
        List<String> key = new ArrayList<>(List.of("1"));
        FullTableOffset offset = new FullTableOffset(STARTED, Optional.of(key), false);

        key.add("2");

        assertThat(offset.lastKey()).contains(List.of("1"));
        assertThat(offset.method()).isEqualTo(FullTableOffset.METHOD);
    }

    private static Map<String, Object> valid() {
        return new HashMap<>(new FullTableOffset(STARTED, Optional.of(List.of("42")), false).toMap());
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

    static Stream<Arguments> invalidOffsets() {
        return Stream.of(
            Arguments.of("unknown method", with("method", "INCREMENTAL"), "INCREMENTAL"),
            Arguments.of("method missing", without("method"), "\"method\""),
            Arguments.of("method not a string", with("method", 1), "\"method\""),
            Arguments.of("future version", with("v", 2), "version"),
            Arguments.of("future version as Long", with("v", 2L), "version"),
            Arguments.of("version 0", with("v", 0L), "version"),
            Arguments.of("version missing", without("v"), "\"v\""),
            Arguments.of("version a string", with("v", "1"), "\"v\""),
            Arguments.of("version fractional", with("v", 1.0), "\"v\""),
            Arguments.of("pass_started missing", without("pass_started"), "\"pass_started\""),
            Arguments.of("pass_started a string", with("pass_started", "123"), "\"pass_started\""),
            Arguments.of("pass_started a double", with("pass_started", 1.5), "\"pass_started\""),
            Arguments.of("complete missing", without("complete"), "\"complete\""),
            Arguments.of("complete a string", with("complete", "true"), "\"complete\""),
            Arguments.of("complete a number", with("complete", 1L), "\"complete\""),
            Arguments.of("last_key a number", with("last_key", 42L), "\"last_key\""),
            Arguments.of("last_key a list", with("last_key", List.of("42")), "\"last_key\""),
            Arguments.of("last_key with a stray percent sign", with("last_key", "4%2"), "\"last_key\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOffsets")
    void invalidOffsetIsRejectedNamingTheKey(String name, Map<String, Object> map, String named) {
        assertThatThrownBy(() -> TableOffset.fromMap(map))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(named);
    }

    @Test
    void nullOffsetIsRejected() {
        assertThatThrownBy(() -> TableOffset.fromMap(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullLastKeyMeansNoKey() {
        Map<String, Object> map = with("last_key", null);

        assertThat(TableOffset.fromMap(map)).isEqualTo(new FullTableOffset(STARTED, Optional.empty(), false));
    }
}
