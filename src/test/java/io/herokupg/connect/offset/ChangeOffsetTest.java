/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.apache.kafka.connect.storage.OffsetUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.herokupg.connect.offset.ChangeOffset.Mark;
import io.herokupg.connect.offset.ChangeOffset.Pass;

class ChangeOffsetTest {
    private static final long STARTED = 1_767_225_600_123L;
    private static final long MICROS = 1_767_225_600_123_456L;
    private static final String SNAPSHOT = "4294967290:4294967310:4294967295,4294967301";
    private static final String FENCE = "4294967200:4294967290:";

    private static ChangeOffset incremental(Optional<String> low, Optional<String> high, List<Mark> history,
                                            Optional<Pass> pass) {
        return new ChangeOffset(ChangeOffset.INCREMENTAL, Optional.of("updated_at"), Optional.of(FENCE), low, high,
            history, STARTED, pass);
    }

    static Stream<ChangeOffset> offsets() {
        List<Mark> awkward = List.of(new Mark(MICROS, "a,b"), new Mark(MICROS + 1, "100%"),
            new Mark(MICROS + 2, "%2C,%25"), new Mark(MICROS + 3, ""), new Mark(-1, "2026-01-01 00:00:00+00"));
        return Stream.of(
            ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty()),
            ChangeOffset.initial(ChangeOffset.INCREMENTAL, Optional.of("updated_at")),
            // Completed passes, no pass in progress.
            new ChangeOffset(ChangeOffset.XMIN, Optional.empty(), Optional.of(FENCE), Optional.empty(),
                Optional.empty(), List.of(), STARTED, Optional.empty()),
            incremental(Optional.of("2026-01-01 00:00:00+00"), Optional.of("2026-01-02 00:00:00+00"),
                List.of(new Mark(MICROS, "2026-01-02 00:00:00+00")), Optional.empty()),
            incremental(Optional.of("a,b"), Optional.of("%2C"), awkward, Optional.empty()),
            // A pass in progress: just begun, then after some rows.
            incremental(Optional.of("7"), Optional.of("9"), List.of(new Mark(MICROS, "9")),
                Optional.of(new Pass(SNAPSHOT, MICROS, Optional.of("9"), Optional.empty()))),
            incremental(Optional.empty(), Optional.empty(), awkward, Optional.of(new Pass(SNAPSHOT, MICROS,
                Optional.empty(), Optional.of(List.of("x,y", "100%", "", "%25"))))),
            new ChangeOffset(ChangeOffset.XMIN, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), STARTED, Optional.of(new Pass(SNAPSHOT, MICROS, Optional.empty(),
                Optional.of(List.of("4294967301", "42", "k,1"))))),
            new ChangeOffset(ChangeOffset.XMIN, Optional.empty(), Optional.of(FENCE), Optional.empty(),
                Optional.empty(), List.of(), Long.MAX_VALUE, Optional.of(new Pass("3:3:", Long.MIN_VALUE,
                Optional.empty(), Optional.of(List.of("9223372036854775807"))))),
            // Watermarks of the fence and of the pass.
            new ChangeOffset(ChangeOffset.XMIN, Optional.empty(), Optional.of(SNAPSHOT), Optional.empty(),
                Optional.empty(), List.of(), STARTED, Optional.of(new Pass(SNAPSHOT, MICROS, Optional.empty(),
                Optional.empty(), OptionalLong.of(4294967301L))), OptionalLong.of(4294967295L)),
            new ChangeOffset(ChangeOffset.INCREMENTAL, Optional.of("k"), Optional.of(FENCE), Optional.empty(),
                Optional.empty(), List.of(), STARTED, Optional.of(new Pass(SNAPSHOT, MICROS, Optional.empty(),
                Optional.of(List.of("1")), OptionalLong.of(4294967301L))), OptionalLong.empty()),
            // First passes in primary-key order: the position is the primary key alone.
            ChangeOffset.initial(ChangeOffset.INCREMENTAL, Optional.of("k")).withPass(STARTED, new Pass(SNAPSHOT,
                MICROS, Optional.of("9"), Optional.of(List.of("17", "a,b")), OptionalLong.of(4294967301L), true)),
            ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty()).withPass(STARTED, new Pass(SNAPSHOT, MICROS,
                Optional.empty(), Optional.empty(), OptionalLong.empty(), true)),
            // Where the snapshots belong in the database's history, and which table the position is of.
            new ChangeOffset(ChangeOffset.INCREMENTAL, Optional.of("k"), Optional.of(FENCE), Optional.of("1"),
                Optional.of("2"), List.of(), STARTED, Optional.of(new Pass(SNAPSHOT, MICROS, Optional.of("2"),
                Optional.of(List.of("3", "4")), OptionalLong.of(4294967301L), false,
                Optional.of(new SnapshotOrigin(2, 0x16B374D848L, MICROS)))), OptionalLong.of(4294967295L),
                Optional.of(new SnapshotOrigin(1, 0xFFFFFFFFFFL, MICROS - 1)),
                Optional.of(new TableIdentity(16384, List.of("id", "a,b")))),
            ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty())
                .withIdentity(new TableIdentity(4_000_000_000L, List.of())));
    }

    @Test
    void originsAndIdentityAreStoredUnderTheirDocumentedNames() {
        ChangeOffset offset = ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty())
            .withIdentity(new TableIdentity(16384, List.of("id", "a,b")))
            .withPass(STARTED, new Pass(SNAPSHOT, MICROS, Optional.empty(), Optional.empty(), OptionalLong.empty(),
                true, Optional.of(new SnapshotOrigin(2, 0x16B374D848L, 1_796_513_712_480_000L))));
        assertThat(offset.toMap()).containsEntry("relid", 16384L).containsEntry("pk", "id,a%2Cb")
            .containsEntry("pass_origin", "2/16b374d848/1796513712480000").doesNotContainKey("fence_origin");
        assertThat(offset.completed(false, 16).toMap()).containsEntry("fence_origin", "2/16b374d848/1796513712480000")
            .doesNotContainKey("pass_origin");
        assertThat(ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty())
            .withIdentity(new TableIdentity(7, List.of())).toMap()).containsEntry("relid", 7L).doesNotContainKey("pk");
    }

    @Test
    void droppingAnUntrustedFenceKeepsTheKeyBoundsAndDropsThePass() {
        ChangeOffset offset = incremental(Optional.of("5"), Optional.of("9"), List.of(new Mark(10, "9")),
            Optional.of(new Pass(SNAPSHOT, MICROS, Optional.of("9"), Optional.of(List.of("11", "3")))));
        ChangeOffset dropped = offset.withoutFence();
        assertThat(dropped.fence()).isEmpty();
        assertThat(dropped.pass()).isEmpty();
        assertThat(dropped.low()).contains("5");
        assertThat(dropped.history()).isEqualTo(offset.history());
        assertThat(offset.withoutPass().fence()).contains(FENCE);
        assertThat(offset.withoutPass().pass()).isEmpty();
    }

    @Test
    void aPassInPrimaryKeyOrderSaysSoAndAnUnknownOrderIsRefused() {
        ChangeOffset offset = ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty()).withPass(STARTED,
            new Pass(SNAPSHOT, MICROS, Optional.empty(), Optional.of(List.of("1")), OptionalLong.empty(), true));
        Map<String, Object> map = offset.toMap();
        assertThat(map).containsEntry("pass_order", "primary_key").containsEntry("last", "1");
        assertThat(offset.completed(false, 16).toMap()).doesNotContainKey("pass_order");
        map.put("pass_order", "sideways");
        assertThatThrownBy(() -> TableOffset.fromMap(map)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("pass_order");
    }

    @ParameterizedTest
    @MethodSource("offsets")
    void roundTripsThroughToMapAndFromMap(ChangeOffset offset) {
        assertThat(TableOffset.fromMap(offset.toMap())).isEqualTo(offset);
    }

    @ParameterizedTest
    @MethodSource("offsets")
    void roundTripsWhenNumbersComeBackAsLong(ChangeOffset offset) {
        assertThat(TableOffset.fromMap(ConnectStorage.numbersAsLong(offset.toMap()))).isEqualTo(offset);
    }

    @ParameterizedTest
    @MethodSource("offsets")
    void roundTripsThroughConnectsJsonConverter(ChangeOffset offset) {
        assertThat(TableOffset.fromMap(ConnectStorage.throughJson(offset.toMap()))).isEqualTo(offset);
    }

    @ParameterizedTest
    @MethodSource("offsets")
    void holdsOnlyValuesConnectAcceptsInAnOffset(ChangeOffset offset) {
        OffsetUtils.validateFormat(offset.toMap());
    }

    @Test
    void mapFormIsTheDocumentedOne() {
        ChangeOffset offset = incremental(Optional.of("5"), Optional.of("9"), List.of(new Mark(10, "4"),
            new Mark(20, "9,%")), Optional.of(new Pass(SNAPSHOT, MICROS, Optional.of("9"), Optional.of(List.of("11",
            "a,b")))));

        assertThat(offset.toMap()).containsOnly(
            Map.entry("method", "INCREMENTAL"),
            Map.entry("v", 1),
            Map.entry("key_column", "updated_at"),
            Map.entry("fence", FENCE),
            Map.entry("low", "5"),
            Map.entry("high", "9"),
            Map.entry("history", "10,4,20,9%2C%25"),
            Map.entry("pass_started", STARTED),
            Map.entry("pass_snapshot", SNAPSHOT),
            Map.entry("pass_time", MICROS),
            Map.entry("pass_low", "9"),
            Map.entry("last", "11,a%2Cb"));
        assertThat(new ChangeOffset(ChangeOffset.XMIN, Optional.empty(), Optional.of(SNAPSHOT), Optional.empty(),
            Optional.empty(), List.of(), STARTED, Optional.of(new Pass(SNAPSHOT, MICROS, Optional.empty(),
            Optional.empty(), OptionalLong.of(4294967301L))), OptionalLong.of(4294967295L)).toMap())
            .containsEntry("fence_watermark", 4294967295L).containsEntry("pass_watermark", 4294967301L);
        assertThat(ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty()).toMap()).containsOnly(
            Map.entry("method", "XMIN"), Map.entry("v", 1), Map.entry("pass_started", 0L));
    }

    private static Map<String, Object> valid() {
        return new HashMap<>(incremental(Optional.of("5"), Optional.of("9"), List.of(new Mark(10, "4")),
            Optional.of(new Pass(SNAPSHOT, MICROS, Optional.of("9"), Optional.of(List.of("11", "3")))))
            .withIdentity(new TableIdentity(5, List.of("id"))).toMap());
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
            Arguments.of("fence not a snapshot", with("fence", "yesterday"), "\"fence\""),
            Arguments.of("fence with two parts", with("fence", "10:20"), "\"fence\""),
            Arguments.of("fence with xmax before xmin", with("fence", "20:10:"), "\"fence\""),
            Arguments.of("fence with a running id past xmax", with("fence", "10:20:25"), "\"fence\""),
            Arguments.of("fence with a non-integer id", with("fence", "10:20:x"), "\"fence\""),
            Arguments.of("fence a number", with("fence", 10L), "\"fence\""),
            Arguments.of("pass snapshot not a snapshot", with("pass_snapshot", "0:0:"), "\"pass_snapshot\""),
            Arguments.of("pass snapshot without its time", without("pass_time"), "\"pass_time\""),
            Arguments.of("pass time a string", with("pass_time", "now"), "\"pass_time\""),
            Arguments.of("history with an odd count", with("history", "10,4,20"), "\"history\""),
            Arguments.of("history with a time that is not an integer", with("history", "soon,4"), "\"history\""),
            Arguments.of("history with a stray percent sign", with("history", "10,4%"), "\"history\""),
            Arguments.of("history a number", with("history", 10L), "\"history\""),
            Arguments.of("last with a stray percent sign", with("last", "11,%zz"), "\"last\""),
            Arguments.of("fence_watermark text", with("fence_watermark", "1"), "\"fence_watermark\""),
            Arguments.of("pass_watermark text", with("pass_watermark", "a"), "\"pass_watermark\""),
            Arguments.of("fence_origin of two parts", with("fence_origin", "1/2"), "\"fence_origin\""),
            Arguments.of("pass_origin not hexadecimal", with("pass_origin", "1/xyz/3"), "\"pass_origin\""),
            Arguments.of("relid text", with("relid", "16384"), "\"relid\""),
            Arguments.of("pk with a stray percent sign", with("pk", "id,%zz"), "\"pk\""),
            Arguments.of("INCREMENTAL without its key column", without("key_column"), "\"key_column\""),
            Arguments.of("key column a number", with("key_column", 1L), "\"key_column\""),
            Arguments.of("low a number", with("low", 5L), "\"low\""),
            Arguments.of("high a boolean", with("high", true), "\"high\""),
            Arguments.of("pass_low a number", with("pass_low", 9L), "\"pass_low\""),
            Arguments.of("pass_started missing", without("pass_started"), "\"pass_started\""),
            Arguments.of("unknown version", with("v", 2L), "version 2"),
            Arguments.of("version 0", with("v", 0), "version 0"),
            Arguments.of("version missing", without("v"), "\"v\""),
            Arguments.of("method in lower case", with("method", "xmin"), "\"xmin\""),
            Arguments.of("method missing", without("method"), "\"method\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOffsets")
    void invalidOffsetIsRejectedNamingTheField(String name, Map<String, Object> map, String named) {
        assertThatThrownBy(() -> TableOffset.fromMap(map))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(named);
    }

    @Test
    void anXminOffsetNeedsNoKeyColumn() {
        Map<String, Object> map = without("key_column");
        map.put("method", "XMIN");

        assertThat(((ChangeOffset) TableOffset.fromMap(map)).keyColumn()).isEmpty();
    }

    @Test
    void onlyIncrementalXminAndCaptureAreChangeOffsets() {
        assertThatThrownBy(() -> ChangeOffset.initial("FULL_TABLE", Optional.empty()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INCREMENTAL, XMIN or CAPTURE");
        Map<String, Object> map = new HashMap<>(ChangeOffset.initial("CAPTURE", Optional.empty()).toMap());
        assertThat(TableOffset.fromMap(map).method()).isEqualTo("CAPTURE");
    }
}
