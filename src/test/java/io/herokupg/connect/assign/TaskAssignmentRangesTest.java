/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.assign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.catalog.TableId;

/** {@link TaskAssignment} with ranges of split loads: their encoding in the task config. */
class TaskAssignmentRangesTest {
    private static final List<TableId> AWKWARD = List.of(
        new TableId("public", "orders"),
        new TableId("a|b", "c||d"),
        new TableId("a/b", "1/2"),
        new TableId("s", "ends/"),
        new TableId("a,b", ",c,"),
        new TableId("my.schema", "a.b.c"),
        new TableId("100%", "%2F%7C"),
        new TableId("schéma", "表格 \uD83D\uDE00"),
        new TableId("", ""),
        new TableId("=&?#", "+ *"));

    @Test
    void rangesOfAwkwardNamesRoundTrip() {
        List<TaskAssignment.Range> ranges = new ArrayList<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            ranges.add(new TaskAssignment.Range(AWKWARD.get(i), i * 7));
        }
        TaskAssignment assignment = new TaskAssignment(2, AWKWARD, ranges);

        TaskAssignment decoded = TaskAssignment.decode(2, assignment.encode());

        assertThat(decoded).isEqualTo(assignment);
        assertThat(decoded.ranges()).containsExactlyElementsOf(ranges);
    }

    @Test
    void eachAwkwardNameRoundTripsAsARangeAlone() {
        for (TableId id : AWKWARD) {
            TaskAssignment single = new TaskAssignment(0, List.of(), List.of(new TaskAssignment.Range(id, 255)));

            String encoded = single.encode();

            assertThat(encoded).as("%s", id).startsWith("|").doesNotContain(",");
            assertThat(encoded.chars().filter(c -> c == '|').count()).as("%s", id).isEqualTo(1);
            assertThat(encoded.chars().filter(c -> c == '/').count()).as("%s", id).isEqualTo(1);
            assertThat(TaskAssignment.decode(0, encoded)).as("%s", id).isEqualTo(single);
        }
    }

    @Test
    void rangesOnlyAndTablesAndRangesRoundTrip() {
        TableId orders = new TableId("public", "orders");
        TaskAssignment rangesOnly = new TaskAssignment(1, List.of(), List.of(new TaskAssignment.Range(orders, 0),
            new TaskAssignment.Range(new TableId("public", "items"), 3)));
        TaskAssignment both = new TaskAssignment(1, List.of(new TableId("sales", "x")),
            List.of(new TaskAssignment.Range(orders, 1)));

        assertThat(rangesOnly.encode()).isEqualTo("|public.orders/0,public.items/3");
        assertThat(both.encode()).isEqualTo("sales.x|public.orders/1");
        assertThat(TaskAssignment.decode(1, rangesOnly.encode())).isEqualTo(rangesOnly);
        assertThat(TaskAssignment.decode(1, both.encode())).isEqualTo(both);
    }

    @Test
    void anAssignmentWithoutRangesIsEncodedAsBefore() {
        TaskAssignment tables = new TaskAssignment(0, List.of(new TableId("public", "orders")));

        assertThat(tables.encode()).isEqualTo("public.orders").doesNotContain("|");
        assertThat(TaskAssignment.decode(0, "public.orders").ranges()).isEmpty();
    }

    @Test
    void rangesAreCopied() {
        List<TaskAssignment.Range> ranges = new ArrayList<>(List.of(new TaskAssignment.Range(new TableId("s", "t"),
            0)));
        TaskAssignment assignment = new TaskAssignment(0, List.of(), ranges);

        ranges.add(new TaskAssignment.Range(new TableId("s", "t"), 1));

        assertThat(assignment.ranges()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"|", "|public.orders", "|public.orders/", "|public.orders/x", "|public.orders/-1",
        "|public.orders/12345", "|public.orders/1,", "|public/1", "|a.b.c/1",
        "|public.%zz/1"})
    void malformedRangesAreRejected(String encoded) {
        assertThatThrownBy(() -> TaskAssignment.decode(0, encoded)).isInstanceOf(IllegalArgumentException.class);
    }
}
