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
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SplitRange}: a range's bounds among the load's cuts, and its place in a stored position's map. */
class SplitRangeTest {
    private static final long LOAD = 1_767_225_600_000L;
    private static final List<String> CUTS = List.of("100", "200", "300");
    private static final TableIdentity TABLE = new TableIdentity(16_384, List.of("id"), "token-1");

    @Test
    void theFirstRangeIsOpenBelowAndTheLastAbove() {
        SplitRange first = new SplitRange(LOAD, 0, CUTS);
        SplitRange middle = new SplitRange(LOAD, 2, CUTS);
        SplitRange last = new SplitRange(LOAD, 3, CUTS);

        assertThat(first.ranges()).isEqualTo(4);
        assertThat(first.lower()).isEmpty();
        assertThat(first.upper()).contains("100");
        assertThat(middle.lower()).contains("200");
        assertThat(middle.upper()).contains("300");
        assertThat(last.lower()).contains("300");
        assertThat(last.upper()).isEmpty();
    }

    @Test
    void aLoadWithoutCutsIsOneRangeOpenOnBothSides() {
        SplitRange only = new SplitRange(LOAD, 0, List.of());

        assertThat(only.ranges()).isEqualTo(1);
        assertThat(only.lower()).isEmpty();
        assertThat(only.upper()).isEmpty();
    }

    @Test
    void otherIsAnotherRangeOfTheSameLoad() {
        SplitRange other = new SplitRange(LOAD, 0, CUTS).other(2);

        assertThat(other).isEqualTo(new SplitRange(LOAD, 2, CUTS));
        assertThat(other.lower()).contains("200");
        assertThatThrownBy(() -> new SplitRange(LOAD, 0, CUTS).other(4)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("range 4 of 4");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 4})
    void anIndexOutsideTheLoadIsRefused(int index) {
        assertThatThrownBy(() -> new SplitRange(LOAD, index, CUTS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCutsAreCopied() {
        List<String> cuts = new ArrayList<>(CUTS);
        SplitRange range = new SplitRange(LOAD, 1, cuts);
        cuts.set(0, "changed");

        assertThat(range.lower()).contains("100");
    }

    @Test
    void aFullTablePositionOfARangeRoundTripsItsIdentity() {
        SplitRange range = new SplitRange(LOAD, 1, List.of("a,b", "100%", "x=y&z", "日本", ""));
        FullTableOffset offset = new FullTableOffset(LOAD, Optional.of(List.of("a,b")), false,
            Optional.of(TABLE.inRange(range)));

        TableOffset read = TableOffset.fromMap(ConnectStorage.throughJson(offset.toMap()));

        assertThat(read).isEqualTo(offset);
        assertThat(read.identity().orElseThrow().range()).contains(range);
    }

    @Test
    void aChangePositionOfARangeRoundTripsItsIdentity() {
        SplitRange range = new SplitRange(LOAD, 2, CUTS);
        ChangeOffset offset = ChangeOffset.initial(ChangeOffset.XMIN, Optional.empty()).withPass(LOAD,
            new ChangeOffset.Pass("10:20:12", 7L, Optional.empty(), Optional.of(List.of("150")), OptionalLong.of(9),
                true)).withIdentity(TABLE.inRange(range));

        TableOffset read = TableOffset.fromMap(ConnectStorage.numbersAsLong(offset.toMap()));

        assertThat(read).isEqualTo(offset);
        assertThat(read.identity().orElseThrow().range()).contains(range);
    }

    @Test
    void aRangeOfALoadWithoutCutsStoresNoCuts() {
        SplitRange only = new SplitRange(LOAD, 0, List.of());
        Map<String, Object> map = new FullTableOffset(LOAD, Optional.empty(), true, Optional.of(TABLE.inRange(only)))
            .toMap();

        assertThat(map).containsEntry("split_load", LOAD).containsEntry("split_index", 0L)
            .doesNotContainKey("split_cuts");
        assertThat(TableOffset.fromMap(map).identity().orElseThrow().range()).contains(only);
    }

    @Test
    void aWholeTablePositionHasNoRange() {
        Map<String, Object> map = new FullTableOffset(LOAD, Optional.empty(), true, Optional.of(TABLE)).toMap();

        assertThat(map).doesNotContainKeys("split_load", "split_index", "split_cuts");
        assertThat(TableOffset.fromMap(map).identity().orElseThrow().range()).isEmpty();
    }

    @Test
    void aMalformedIndexIsRefusedNamingTheField() {
        Map<String, Object> beyond = rangeMap();
        beyond.put("split_index", 4L);
        Map<String, Object> negative = rangeMap();
        negative.put("split_index", -1L);
        Map<String, Object> text = rangeMap();
        text.put("split_index", "1");
        Map<String, Object> missing = rangeMap();
        missing.remove("split_index");

        for (Map<String, Object> bad : List.of(beyond, negative, text, missing)) {
            assertThatThrownBy(() -> TableOffset.fromMap(bad)).as("%s", bad.get("split_index"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"split_index\"");
        }
    }

    @Test
    void malformedCutsAreRefusedNamingTheField() {
        Map<String, Object> badEscape = rangeMap();
        badEscape.put("split_cuts", "100,2%7,300");
        Map<String, Object> notText = rangeMap();
        notText.put("split_cuts", 100L);

        for (Map<String, Object> bad : List.of(badEscape, notText)) {
            assertThatThrownBy(() -> TableOffset.fromMap(bad)).as("%s", bad.get("split_cuts"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"split_cuts\"");
        }
    }

    @Test
    void aMalformedLoadIsRefusedNamingTheField() {
        Map<String, Object> bad = rangeMap();
        bad.put("split_load", "yesterday");

        assertThatThrownBy(() -> TableOffset.fromMap(bad)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("\"split_load\"");
    }

    private static Map<String, Object> rangeMap() {
        Map<String, Object> map = new HashMap<>(new FullTableOffset(LOAD, Optional.empty(), true,
            Optional.of(TABLE.inRange(new SplitRange(LOAD, 1, CUTS)))).toMap());
        assertThat(TableOffset.fromMap(map)).isNotNull();
        return map;
    }
}
