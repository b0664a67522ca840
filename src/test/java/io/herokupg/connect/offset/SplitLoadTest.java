/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.catalog.TableId;

/** {@link SplitLoad#encode}/{@link SplitLoad#decode}: the loads the connector hands its tasks in their config. */
class SplitLoadTest {
    private static final long START = 1_767_225_600_000L;
    private static final TableId ORDERS = new TableId("public", "orders");
    private static final Optional<String> EXPORTED = Optional.of("00000003-0000001B-1");

    private static SplitLoad load(TableId table, List<String> cuts, Optional<String> exported,
                                  Optional<SplitLoad.Pass> pass) {
        return new SplitLoad(table, new SplitRange(START, 0, cuts), exported, pass);
    }

    static Stream<List<String>> awkwardCuts() {
        return Stream.of(
            List.of(),
            List.of(""),
            List.of("100", "200", "300"),
            List.of("a,b", ",", ",,"),
            List.of("x&y", "k=v", "=&=", "&"),
            List.of("100%", "%2C", "%25", "%"),
            List.of("日本語", "\uD83D\uDE00", "ünï", "tab\tnew\nline"),
            List.of("+ +", "a b", "2026-01-01 00:00:00+00", "|/\\"));
    }

    @ParameterizedTest
    @MethodSource("awkwardCuts")
    void cutsRoundTrip(List<String> cuts) {
        SplitLoad load = load(ORDERS, cuts, EXPORTED, Optional.empty());

        List<SplitLoad> decoded = SplitLoad.decode(SplitLoad.encode(List.of(load)));

        assertThat(decoded).containsExactly(load);
        assertThat(decoded.get(0).load().cuts()).containsExactlyElementsOf(cuts);
    }

    @Test
    void aPassRoundTripsWithAndWithoutWatermarkAndOrigin() {
        SnapshotOrigin origin = new SnapshotOrigin(2, 0x16B374D848L, 1_796_513_712_480_000L);
        List<SplitLoad.Pass> passes = List.of(
            new SplitLoad.Pass("10:20:12,15", 1_767_225_600_123_456L, OptionalLong.of(12), Optional.of(origin)),
            new SplitLoad.Pass("10:20:", 5L, OptionalLong.empty(), Optional.of(origin)),
            new SplitLoad.Pass("10:20:", 5L, OptionalLong.of(11), Optional.empty()),
            new SplitLoad.Pass("10:10:", 0L, OptionalLong.empty(), Optional.empty()));

        for (SplitLoad.Pass pass : passes) {
            SplitLoad load = load(ORDERS, List.of("5", "9"), EXPORTED, Optional.of(pass));
            assertThat(SplitLoad.decode(SplitLoad.encode(List.of(load)))).as("%s", pass).containsExactly(load);
        }
    }

    @Test
    void theExportedSnapshotIsCarriedOnlyWhenPresent() {
        SplitLoad held = load(ORDERS, List.of("5"), EXPORTED, Optional.empty());
        SplitLoad released = held.withoutExport();

        assertThat(SplitLoad.decode(SplitLoad.encode(List.of(held))).get(0).exported()).isEqualTo(EXPORTED);
        assertThat(SplitLoad.decode(SplitLoad.encode(List.of(released))).get(0).exported()).isEmpty();
        assertThat(SplitLoad.encode(List.of(released))).doesNotContain("exported");
    }

    @Test
    void severalLoadsRoundTripInOrder() {
        List<SplitLoad> loads = List.of(
            load(new TableId("my.schema", "a,b"), List.of("1", "2"), EXPORTED, Optional.empty()),
            load(new TableId("100%", "x=y&z"), List.of(), Optional.empty(),
                Optional.of(new SplitLoad.Pass("3:9:4", 8L, OptionalLong.of(4), Optional.empty()))),
            load(new TableId("schéma", "a/b|c"), List.of(",", "&"), EXPORTED, Optional.empty()));

        String encoded = SplitLoad.encode(loads);

        assertThat(SplitLoad.decode(encoded)).containsExactlyElementsOf(loads);
        assertThat(encoded.split(",", -1)).hasSize(3);
    }

    @Test
    void noLoadsIsTheEmptyText() {
        assertThat(SplitLoad.encode(List.of())).isEmpty();
        assertThat(SplitLoad.decode("")).isEmpty();
        assertThat(SplitLoad.decode(null)).isEmpty();
    }

    @Test
    void aDecodedLoadIsRangeZeroAndGivesItsOtherRanges() {
        SplitLoad load = SplitLoad.decode(SplitLoad.encode(List.of(load(ORDERS, List.of("5", "9"), EXPORTED,
            Optional.empty())))).get(0);

        assertThat(load.load().index()).isZero();
        assertThat(load.range(2)).isEqualTo(new SplitRange(START, 2, List.of("5", "9")));
    }

    @Test
    void aLoadsPassIsAFirstPassInPrimaryKeyOrderWithNothingEmitted() {
        SnapshotOrigin origin = new SnapshotOrigin(1, 42L, 7L);
        ChangeOffset.Pass pass = new SplitLoad.Pass("10:20:12", 99L, OptionalLong.of(12), Optional.of(origin))
            .toPass();

        assertThat(pass).isEqualTo(new ChangeOffset.Pass("10:20:12", 99L, Optional.empty(), Optional.empty(),
            OptionalLong.of(12), true, Optional.of(origin)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "no-equals-sign",
        "schema%3Dpublic",
        "schema%3Dpublic%26table%3Dorders%26load%3D1%26cuts%3D%26ncuts%3Dx",
        "schema%3Dpublic%26table%3Dorders%26load%3Dsoon%26cuts%3D%26ncuts%3D0",
        "schema%3Dpublic%26table%3Dorders%26load%3D1%26ncuts%3D2",
        "schema%3Dpublic%26table%3Dorders%26load%3D1%26cuts%3D1%2525zz%26ncuts%3D1",
        "schema%3Dpublic%26table%3Dorders%26load%3D1%26cuts%3D1%26ncuts%3D1%26snapshot%3D1%3A2%3A",
        "schema%3Dpublic%26table%3Dorders%26load%3D1%26cuts%3D1%26ncuts%3D1%26snapshot%3Ds%26micros%3D1"
            + "%26origin%3Dnot-an-origin",
        "schema%3Dpublic%26table%3Dorders%26load%3D1%26cuts%3D1%26ncuts%3D0%2Cgarbage"})
    void malformedTextIsRefused(String text) {
        assertThatThrownBy(() -> SplitLoad.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingFieldIsNamed() {
        assertThatThrownBy(() -> SplitLoad.decode("schema%3Dpublic%26load%3D1%26cuts%3D%26ncuts%3D0"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"table\"");
    }
}
