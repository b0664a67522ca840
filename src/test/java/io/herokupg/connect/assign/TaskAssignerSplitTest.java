/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.assign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.TableType;

/** {@link TaskAssigner#assign(List, Map, int)}: the ranges of split loads spread across tasks with the tables. */
class TaskAssignerSplitTest {
    private static final long MB = 1024L * 1024L;
    private static final TableId BIG = new TableId("public", "big");

    private static TableInfo table(String name, long bytes) {
        return new TableInfo(new TableId("public", name), List.of(), List.of(), bytes, TableType.TABLE);
    }

    private static TableInfo big(long bytes) {
        return new TableInfo(BIG, List.of(), List.of(), bytes, TableType.TABLE);
    }

    @Test
    void aSplitTableIsAsManyRangesOnAsManyTasks() {
        List<TaskAssignment> result = TaskAssigner.assign(List.of(big(400 * MB)), Map.of(BIG, 4), 4);

        assertThat(result).hasSize(4);
        assertThat(result).allSatisfy(a -> assertThat(a.tables()).isEmpty());
        assertThat(result).flatExtracting(TaskAssignment::ranges).extracting(TaskAssignment.Range::index)
            .containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(result).allSatisfy(a -> assertThat(a.ranges()).hasSize(1));
    }

    @Test
    void rangesOfOneTableNeverShareATaskEvenWhenOtherTasksAreFuller() {
        // t0 takes the 300 MB table; without the rule, every range (50 MB each) would go to the emptier tasks.
        List<TableInfo> tables = List.of(table("huge", 300 * MB), big(150 * MB));

        List<TaskAssignment> result = TaskAssigner.assign(tables, Map.of(BIG, 3), 3);

        assertThat(result).hasSize(3);
        assertThat(result).allSatisfy(a -> assertThat(a.ranges()).hasSize(1));
        assertThat(result.get(0).tables()).containsExactly(new TableId("public", "huge"));
    }

    @Test
    void aLoadWithMoreRangesThanTasksHasEveryRangeRead() {
        // A load begun with 8 tasks, tasks.max lowered to 3 since: each range still has a task, spread evenly.
        List<TaskAssignment> result = TaskAssigner.assign(List.of(big(800 * MB), table("small", MB)),
            Map.of(BIG, 8), 3);

        assertThat(result).hasSize(3);
        assertThat(result).flatExtracting(TaskAssignment::ranges).extracting(TaskAssignment.Range::index)
            .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(result).allSatisfy(a -> assertThat(a.ranges()).hasSizeBetween(2, 3));
        assertThat(result).flatExtracting(TaskAssignment::tables).containsExactly(new TableId("public", "small"));
    }

    @Test
    void theTaskCountIsTheUnitsWhenThereAreFewerThanTasks() {
        assertThat(TaskAssigner.assign(List.of(big(MB)), Map.of(BIG, 3), 8)).hasSize(3);
        assertThat(TaskAssigner.assign(List.of(big(MB), table("a", 0)), Map.of(BIG, 3), 8)).hasSize(4);
        assertThat(TaskAssigner.assign(List.of(big(MB), table("a", 0)), Map.of(), 8)).hasSize(2);
        assertThat(TaskAssigner.assign(List.of(big(MB), table("a", 0)), Map.of(BIG, 0), 8)).hasSize(2);
    }

    @Test
    void aTableNotInTheSplitsIsWhole() {
        List<TaskAssignment> result = TaskAssigner.assign(List.of(big(MB)), Map.of(new TableId("public", "gone"), 4),
            4);

        assertThat(result).singleElement().satisfies(a -> {
            assertThat(a.tables()).containsExactly(BIG);
            assertThat(a.ranges()).isEmpty();
        });
    }

    @Test
    void wholeTablesStillBalanceAroundTheRanges() {
        // 4 ranges of 100 MB and whole tables of 90, 60, 40, 10 MB over 4 tasks: each task gets one range, then
        // the tables go largest first onto the lightest task: 90→t0, 60→t1, 40→t2, 10→t3.
        List<TableInfo> tables = List.of(big(400 * MB), table("t90", 90 * MB), table("t60", 60 * MB),
            table("t40", 40 * MB), table("t10", 10 * MB));

        List<TaskAssignment> result = TaskAssigner.assign(tables, Map.of(BIG, 4), 4);

        assertThat(result).extracting(a -> a.tables().get(0).table()).containsExactly("t90", "t60", "t40", "t10");
        assertThat(result).allSatisfy(a -> assertThat(a.ranges()).hasSize(1));
    }

    @Test
    void wholeTablesFillTheTasksLeftLightByTheRanges() {
        // 2 ranges of 50 MB over 3 tasks: the 80 MB table goes alone to the third, the 30 MB tables beside ranges.
        List<TableInfo> tables = List.of(big(100 * MB), table("a80", 80 * MB), table("b30", 30 * MB),
            table("c30", 30 * MB));

        List<TaskAssignment> result = TaskAssigner.assign(tables, Map.of(BIG, 2), 3);

        TaskAssignment alone = result.stream().filter(a -> a.tables().contains(new TableId("public", "a80")))
            .findFirst().orElseThrow();
        assertThat(alone.ranges()).isEmpty();
        assertThat(alone.tables()).hasSize(1);
        assertThat(result).filteredOn(a -> !a.ranges().isEmpty()).allSatisfy(a -> assertThat(a.tables()).hasSize(1));
    }

    @Test
    void randomInputsSatisfyTheContractAndAnyOrderGivesTheSameOutput() {
        Random random = new Random(16L);
        for (int round = 0; round < 300; round++) {
            List<TableInfo> tables = new ArrayList<>();
            Map<TableId, Integer> splits = new HashMap<>();
            int count = 1 + random.nextInt(12);
            for (int i = 0; i < count; i++) {
                TableInfo t = table("t" + i, random.nextInt(5) == 0 ? 0 : random.nextLong(1, 1000 * MB));
                tables.add(t);
                if (random.nextInt(3) == 0) {
                    splits.put(t.id(), 2 + random.nextInt(10));
                }
            }
            int maxTasks = 1 + random.nextInt(10);
            List<TaskAssignment> result = TaskAssigner.assign(tables, splits, maxTasks);
            String context = "round " + round + ": " + splits + " over " + maxTasks + " tasks";
            checkContract(context, tables, splits, maxTasks, result);
            for (int shuffle = 0; shuffle < 3; shuffle++) {
                List<TableInfo> shuffled = new ArrayList<>(tables);
                Collections.shuffle(shuffled, random);
                assertThat(TaskAssigner.assign(shuffled, new HashMap<>(splits), maxTasks)).as(context)
                    .isEqualTo(result);
            }
        }
    }

    private static void checkContract(String context, List<TableInfo> tables, Map<TableId, Integer> splits,
                                      int maxTasks, List<TaskAssignment> result) {
        int units = 0;
        for (TableInfo t : tables) {
            units += splits.getOrDefault(t.id(), 0) > 0 ? splits.get(t.id()) : 1;
        }
        int taskCount = Math.min(maxTasks, units);
        assertThat(result).as(context).hasSize(taskCount);
        Set<TableId> whole = new HashSet<>();
        Map<TableId, Set<Integer>> ranges = new HashMap<>();
        for (TaskAssignment a : result) {
            assertThat(a.tables().size() + a.ranges().size()).as(context).isPositive();
            Map<TableId, Integer> rangesHere = new HashMap<>();
            for (TaskAssignment.Range r : a.ranges()) {
                // Two ranges of a table share a task only when the load has more ranges than there are tasks.
                int most = (splits.get(r.table()) + taskCount - 1) / taskCount;
                assertThat(rangesHere.merge(r.table(), 1, Integer::sum)).as("%s: ranges of %s on task %d", context,
                    r.table(), a.taskIndex()).isLessThanOrEqualTo(most);
                assertThat(ranges.computeIfAbsent(r.table(), k -> new HashSet<>()).add(r.index())).as(context)
                    .isTrue();
            }
            a.tables().forEach(t -> assertThat(whole.add(t)).as(context).isTrue());
        }
        for (TableInfo t : tables) {
            if (splits.getOrDefault(t.id(), 0) > 0) {
                int expected = splits.get(t.id());
                assertThat(ranges.get(t.id())).as(context).hasSize(expected).allMatch(i -> i >= 0 && i < expected);
                assertThat(whole).as(context).doesNotContain(t.id());
            } else {
                assertThat(whole).as(context).contains(t.id());
            }
        }
    }
}
