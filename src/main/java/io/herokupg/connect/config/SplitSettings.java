/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

/**
 * When a table's full read is split into primary-key ranges across tasks.
 *
 * @param minRows   the catalog's row estimate from which a table is split
 * @param maxRanges the most ranges (and never more than the tasks); 1: no split
 */
public record SplitSettings(long minRows, int maxRanges) {

    /** How many ranges a table of this estimate is read as, with this many tasks: 1 when it is not split. */
    public int ranges(long estimatedRows, int maxTasks) {
        int ranges = Math.min(maxRanges, maxTasks);
        return estimatedRows >= minRows && ranges >= 2 ? ranges : 1;
    }
}
