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

class TaskAssignmentTest {

    private static final List<TableId> AWKWARD = List.of(
        new TableId("public", "orders"),
        new TableId("my.schema", "a.b.c"),
        new TableId("a,b", "c,d"),
        new TableId("with space", "Order Items"),
        new TableId("100%", "%2E%2C"),
        new TableId("\"quoted\"", "it's"),
        new TableId("schéma", "表格"),
        new TableId("emoji", "\uD83D\uDE00 rows"),
        new TableId("plus+sign", "a+b"),
        new TableId("*", "-_~!"),
        new TableId("", ""),
        new TableId(" ", "  "),
        new TableId(".", ".."),
        new TableId(",", ",,"),
        new TableId("%", "%%"),
        new TableId("back\\slash", "tab\tnew\nline"),
        new TableId("=&?#/", ":;@"));

    @Test
    void roundTripsAwkwardNames() {
        TaskAssignment assignment = new TaskAssignment(3, AWKWARD);

        TaskAssignment decoded = TaskAssignment.decode(3, assignment.encode());

        assertThat(decoded).isEqualTo(assignment);
        assertThat(decoded.tables()).containsExactlyElementsOf(AWKWARD);
    }

    @Test
    void roundTripsEachAwkwardNameAlone() {
        for (TableId id : AWKWARD) {
            TaskAssignment single = new TaskAssignment(0, List.of(id));

            String encoded = single.encode();

            assertThat(encoded).as("%s", id).doesNotContain(",");
            assertThat(encoded.chars().filter(c -> c == '.').count()).as("%s", id).isEqualTo(1);
            assertThat(TaskAssignment.decode(0, encoded).tables()).as("%s", id).containsExactly(id);
        }
    }

    @Test
    void encodingOfOrdinaryNamesIsReadable() {
        TaskAssignment assignment = new TaskAssignment(0, List.of(new TableId("public", "orders"),
            new TableId("sales", "items_2024")));

        assertThat(assignment.encode()).isEqualTo("public.orders,sales.items_2024");
    }

    @Test
    void decodesTheJavadocExample() {
        assertThat(TaskAssignment.decode(1, "public.orders,sales.Order%20Items")).isEqualTo(
            new TaskAssignment(1, List.of(new TableId("public", "orders"), new TableId("sales", "Order Items"))));
    }

    @Test
    void emptyAssignmentRoundTrips() {
        TaskAssignment empty = new TaskAssignment(2, List.of());

        assertThat(empty.encode()).isEmpty();
        assertThat(TaskAssignment.decode(2, "")).isEqualTo(empty);
    }

    @Test
    void keepsTheTaskIndexAndTheOrder() {
        List<TableId> tables = List.of(new TableId("z", "z"), new TableId("a", "a"), new TableId("m", "m"));

        TaskAssignment decoded = TaskAssignment.decode(7, new TaskAssignment(7, tables).encode());

        assertThat(decoded.taskIndex()).isEqualTo(7);
        assertThat(decoded.tables()).containsExactlyElementsOf(tables);
    }

    @Test
    void tablesAreCopied() {
        List<TableId> tables = new ArrayList<>(List.of(new TableId("s", "t")));
        TaskAssignment assignment = new TaskAssignment(0, tables);

        tables.add(new TableId("s", "u"));

        assertThat(assignment.tables()).containsExactly(new TableId("s", "t"));
        assertThatThrownBy(() -> assignment.tables().add(new TableId("x", "y")))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nodot", "a.b.c", "public.orders,", ",public.orders", ",", "public.orders,,sales.x",
        "public.orders,sales", "a.%zz", "a.%", "%G0.b", "public.orders;sales.items"})
    void malformedTextIsRejected(String encoded) {
        assertThatThrownBy(() -> TaskAssignment.decode(0, encoded)).isInstanceOf(IllegalArgumentException.class);
    }
}
