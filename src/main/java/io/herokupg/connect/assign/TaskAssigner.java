/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.assign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;

/**
 * Splits tables across tasks: a pure function of its input, so that every worker computes the same plan.
 *
 * <p>Largest table first, each onto the task with the fewest bytes so far (ties: the lowest index). For tables of
 * 50, 40, 30, 20 and 10 MB over two tasks: 50→t0, 40→t1, 30→t1 (40 &lt; 50), 20→t0 (50 &lt; 70), 10→t0 (70 = 70,
 * lowest index); t0 = {50, 20, 10}, t1 = {40, 30}. Tables of equal size are taken in name order.
 */
public final class TaskAssigner {
    private TaskAssigner() {
    }

    private static List<Unit> units(List<TableInfo> tables, Map<TableId, Integer> splits, int maxTasks) {
        List<Unit> units = new ArrayList<>();
        for (TableInfo table : tables) {
            int ranges = splits.getOrDefault(table.id(), 0);
            if (ranges < 1) {
                units.add(new Unit(table.id(), -1, table.estimatedBytes()));
            }
            for (int r = 0; r < ranges; r++) {
                units.add(new Unit(table.id(), r, Math.max(0, table.estimatedBytes()) / ranges));
            }
        }
        return units;
    }

    /**
     * Among the tasks holding the fewest ranges of the unit's table (none, while a task holds none), the one with the
     * fewest bytes so far (ties: the lowest index).
     */
    private static int target(Unit unit, List<List<Unit>> buckets, long[] load) {
        int target = 0;
        long[] same = new long[load.length];
        for (int i = 0; i < load.length; i++) {
            same[i] = buckets.get(i).stream().filter(u -> u.range() >= 0 && u.table().equals(unit.table())).count();
            if (same[i] < same[target] || same[i] == same[target] && load[i] < load[target]) {
                target = i;
            }
        }
        return target;
    }

    /** A table, or one range of it ({@code range} ≥ 0), with its share of the table's size. */
    private record Unit(TableId table, int range, long bytes) {
    }

    /**
     * Returns {@code min(maxTasks, tables.size())} assignments, each with at least one table; every table is in
     * exactly one. Within an assignment, tables are in name order.
     */
    public static List<TaskAssignment> assign(List<TableInfo> tables, int maxTasks) {
        return assign(tables, Map.of(), maxTasks);
    }

    /**
     * {@link #assign(List, int)}, a table with a split load in progress being that many ranges instead (each an
     * equal share of its size), never two of one table on the same task while a task holds none of it (a load begun
     * with more tasks than there are now, {@code tasks.max} lowered meanwhile, still has every range read).
     */
    public static List<TaskAssignment> assign(List<TableInfo> tables, Map<TableId, Integer> splits, int maxTasks) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be at least 1, was " + maxTasks);
        }
        List<Unit> units = units(tables, splits, maxTasks);
        int taskCount = Math.min(maxTasks, units.size());
        List<List<Unit>> buckets = new ArrayList<>();
        long[] load = new long[taskCount];
        for (int i = 0; i < taskCount; i++) {
            buckets.add(new ArrayList<>());
        }
        units.sort(Comparator.comparingLong((Unit u) -> Math.max(0, u.bytes())).reversed()
            .thenComparing(Unit::table).thenComparingInt(Unit::range));
        for (Unit unit : units) {
            int target = target(unit, buckets, load);
            buckets.get(target).add(unit);
            // Count every table as at least one page so that empty tables still spread across tasks.
            load[target] += Math.max(8192, unit.bytes());
        }
        List<TaskAssignment> result = new ArrayList<>(taskCount);
        for (int i = 0; i < taskCount; i++) {
            List<Unit> bucket = buckets.get(i);
            result.add(new TaskAssignment(i, bucket.stream().filter(u -> u.range() < 0).map(Unit::table).sorted()
                .toList(), bucket.stream().filter(u -> u.range() >= 0).map(u -> new TaskAssignment.Range(u.table(),
                u.range())).sorted(Comparator.comparing(TaskAssignment.Range::table)
                .thenComparingInt(TaskAssignment.Range::index)).toList()));
        }
        return result;
    }
}
