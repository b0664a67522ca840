/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.assign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

    /**
     * Returns {@code min(maxTasks, tables.size())} assignments, each with at least one table; every table is in
     * exactly one. Within an assignment, tables are in name order.
     */
    public static List<TaskAssignment> assign(List<TableInfo> tables, int maxTasks) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be at least 1, was " + maxTasks);
        }
        int taskCount = Math.min(maxTasks, tables.size());
        List<List<TableInfo>> buckets = new ArrayList<>();
        long[] load = new long[taskCount];
        for (int i = 0; i < taskCount; i++) {
            buckets.add(new ArrayList<>());
        }
        List<TableInfo> bySize = new ArrayList<>(tables);
        bySize.sort(Comparator.comparingLong((TableInfo t) -> Math.max(0, t.estimatedBytes())).reversed()
            .thenComparing(TableInfo::id));
        for (TableInfo table : bySize) {
            int target = 0;
            for (int i = 1; i < taskCount; i++) {
                if (load[i] < load[target]) {
                    target = i;
                }
            }
            buckets.get(target).add(table);
            // Count every table as at least one page so that empty tables still spread across tasks.
            load[target] += Math.max(8192, table.estimatedBytes());
        }
        List<TaskAssignment> result = new ArrayList<>(taskCount);
        for (int i = 0; i < taskCount; i++) {
            result.add(new TaskAssignment(i, buckets.get(i).stream().map(TableInfo::id).sorted().toList()));
        }
        return result;
    }
}
