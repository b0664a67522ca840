/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Set equality and exactly once over the ids a split load emitted. */
final class SplitAssertions {
    private SplitAssertions() {
    }

    /** How many records each id has. */
    static Map<Long, Long> counts(List<Long> ids) {
        return ids.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    /**
     * Asserts that ids 1..rows each have exactly one record, and any other id (inserted during the load) at most one;
     * the messages name the first ids at fault.
     */
    static void assertEachOnce(String context, Map<Long, Long> counts, long rows) {
        List<Long> missing = new java.util.ArrayList<>();
        for (long id = 1; id <= rows && missing.size() < 20; id++) {
            if (!counts.containsKey(id)) {
                missing.add(id);
            }
        }
        long missingCount = 0;
        for (long id = 1; id <= rows; id++) {
            missingCount += counts.containsKey(id) ? 0 : 1;
        }
        assertThat(missing).as("%s: ids of 1..%d with no record (%d in all; the first ones listed)", context, rows,
            missingCount).isEmpty();
        List<String> repeated = counts.entrySet().stream().filter(e -> e.getValue() > 1).limit(20)
            .map(e -> e.getKey() + " x" + e.getValue()).toList();
        long repeatedCount = counts.values().stream().filter(c -> c > 1).count();
        assertThat(repeated).as("%s: ids with more than one record in the load (%d in all; the first ones listed)",
            context, repeatedCount).isEmpty();
    }
}
