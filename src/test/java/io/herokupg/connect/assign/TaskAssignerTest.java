/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.assign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.TableType;

class TaskAssignerTest {
    private static final long MB = 1024L * 1024L;

    private static TableInfo table(String schema, String name, long bytes) {
        return new TableInfo(new TableId(schema, name), List.of(), List.of(), bytes, TableType.TABLE);
    }

    private static TableId id(String schema, String name) {
        return new TableId(schema, name);
    }

    @Test
    void javadocExampleFiftyFortyThirtyTwentyTen() {
        // Names in the opposite order of sizes, so that name order within a task is visible.
        List<TableInfo> tables = List.of(
            table("public", "e50", 50 * MB),
            table("public", "d40", 40 * MB),
            table("public", "c30", 30 * MB),
            table("public", "b20", 20 * MB),
            table("public", "a10", 10 * MB));

        List<TaskAssignment> result = TaskAssigner.assign(tables, 2);

        assertThat(result).containsExactly(
            new TaskAssignment(0, List.of(id("public", "a10"), id("public", "b20"), id("public", "e50"))),
            new TaskAssignment(1, List.of(id("public", "c30"), id("public", "d40"))));
    }

    @Test
    void equalSizesAreTakenInNameOrder() {
        List<TableInfo> tables = List.of(
            table("public", "d", 100),
            table("public", "b", 100),
            table("public", "a", 100),
            table("public", "c", 100));

        // a→t0, b→t1, c→t0 (tie: lowest index), d→t1
        assertThat(TaskAssigner.assign(tables, 2)).containsExactly(
            new TaskAssignment(0, List.of(id("public", "a"), id("public", "c"))),
            new TaskAssignment(1, List.of(id("public", "b"), id("public", "d"))));
    }

    @Test
    void emptyTablesStillSpreadAcrossTasks() {
        List<TableInfo> tables = List.of(table("s", "a", 0), table("s", "b", 0), table("s", "c", -1),
            table("s", "d", 0));

        List<TaskAssignment> result = TaskAssigner.assign(tables, 4);

        assertThat(result).hasSize(4).allSatisfy(a -> assertThat(a.tables()).hasSize(1));
    }

    @Test
    void oneTaskTakesEverythingInNameOrder() {
        List<TableInfo> tables = List.of(table("b", "x", 5), table("a", "z", 50), table("a", "y", 7));

        assertThat(TaskAssigner.assign(tables, 1)).containsExactly(
            new TaskAssignment(0, List.of(id("a", "y"), id("a", "z"), id("b", "x"))));
    }

    @Test
    void fewerTablesThanTasksGivesOneTaskPerTable() {
        List<TableInfo> tables = List.of(table("s", "a", 10 * MB), table("s", "b", MB), table("s", "c", 0));

        List<TaskAssignment> result = TaskAssigner.assign(tables, 8);

        assertThat(result).hasSize(3);
        assertThat(result).extracting(TaskAssignment::taskIndex).containsExactly(0, 1, 2);
        assertThat(result).allSatisfy(a -> assertThat(a.tables()).hasSize(1));
    }

    @Test
    void noTablesGivesNoAssignments() {
        assertThat(TaskAssigner.assign(List.of(), 5)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void maxTasksBelowOneIsRejected(int maxTasks) {
        assertThatThrownBy(() -> TaskAssigner.assign(List.of(table("s", "a", 1)), maxTasks))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(Integer.toString(maxTasks));
    }

    @Test
    void randomInputsSatisfyTheContract() {
        Random random = new Random(20_260_101L);
        for (int round = 0; round < 500; round++) {
            List<TableInfo> tables = randomTables(random, random.nextInt(41));
            int maxTasks = 1 + random.nextInt(12);

            List<TaskAssignment> result = TaskAssigner.assign(tables, maxTasks);

            String context = "round " + round + ": " + tables.size() + " tables over " + maxTasks + " tasks";
            checkContract(context, tables, maxTasks, result);
        }
    }

    @Test
    void sameInputInAnyOrderGivesTheSameOutput() {
        Random random = new Random(7L);
        for (int round = 0; round < 200; round++) {
            List<TableInfo> tables = randomTables(random, 1 + random.nextInt(30));
            int maxTasks = 1 + random.nextInt(8);
            List<TaskAssignment> expected = TaskAssigner.assign(tables, maxTasks);

            for (int shuffle = 0; shuffle < 5; shuffle++) {
                List<TableInfo> shuffled = new ArrayList<>(tables);
                Collections.shuffle(shuffled, random);
                assertThat(TaskAssigner.assign(shuffled, maxTasks)).as("round %d", round).isEqualTo(expected);
            }
        }
    }

    @Test
    void inputListIsNotModified() {
        List<TableInfo> tables = new ArrayList<>(List.of(table("s", "b", 1), table("s", "a", 100)));
        List<TableInfo> copy = List.copyOf(tables);

        TaskAssigner.assign(tables, 2);

        assertThat(tables).isEqualTo(copy);
    }

    private static void checkContract(String context, List<TableInfo> tables, int maxTasks,
                                      List<TaskAssignment> result) {
        assertThat(result).as(context).hasSize(Math.min(maxTasks, tables.size()));
        Map<TableId, Long> sizes = new HashMap<>();
        tables.forEach(t -> sizes.put(t.id(), t.estimatedBytes()));
        Set<TableId> seen = new HashSet<>();
        long maxLoad = Long.MIN_VALUE;
        long minLoad = Long.MAX_VALUE;
        long largest = 0;
        for (int i = 0; i < result.size(); i++) {
            TaskAssignment assignment = result.get(i);
            assertThat(assignment.taskIndex()).as(context).isEqualTo(i);
            assertThat(assignment.tables()).as(context).isNotEmpty().isSorted();
            long load = 0;
            for (TableId id : assignment.tables()) {
                assertThat(seen.add(id)).as(context + ": %s assigned twice", id).isTrue();
                assertThat(sizes).as(context).containsKey(id);
                long effective = Math.max(8192, sizes.get(id));
                load += effective;
                largest = Math.max(largest, effective);
            }
            maxLoad = Math.max(maxLoad, load);
            minLoad = Math.min(minLoad, load);
        }
        assertThat(seen).as(context).isEqualTo(sizes.keySet());
        if (!result.isEmpty()) {
            // Greedy onto the least-loaded task: the most loaded task was the least loaded when it got its last
            // table, so the spread never exceeds the largest table.
            assertThat(maxLoad - minLoad).as(context + ": load spread").isLessThanOrEqualTo(largest);
        }
    }

    private static List<TableInfo> randomTables(Random random, int count) {
        List<TableInfo> tables = new ArrayList<>();
        Set<TableId> ids = new HashSet<>();
        String[] schemas = {"public", "sales", "Audit Log", "x.y"};
        while (tables.size() < count) {
            String schema = schemas[random.nextInt(schemas.length)];
            String name = "t" + random.nextInt(1000);
            if (!ids.add(new TableId(schema, name))) {
                continue;
            }
            long bytes = switch (random.nextInt(5)) {
                case 0 -> 0L;
                case 1 -> 8192L;
                case 2 -> random.nextInt(4) * 1000L * MB;
                case 3 -> -1L;
                default -> (long) random.nextInt(100) * MB;
            };
            tables.add(table(schema, name, bytes));
        }
        return tables;
    }
}
