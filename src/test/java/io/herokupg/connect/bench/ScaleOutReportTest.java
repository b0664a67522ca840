/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

/** The scale-out scenario's arithmetic and the synthetic connector's split, without a worker or a database. */
class ScaleOutReportTest {
    private static Map<String, String> result(String kind, int tasks, int round, long rows, long millis) {
        return Map.of("kind", kind, "tasksMax", "" + tasks, "tasksRunning", "1", "round", "" + round,
            "rows", "" + rows, "elapsedNanos", "" + millis * 1_000_000, "firstNanos", "1000000",
            "records", "" + rows, "distinct", "" + rows);
    }

    @Test
    void mediansPerKindAndTaskCountAndTheirRatios() {
        List<Map<String, String>> results = List.of(result("ours", 1, 1, 1000, 1000), result("ours", 1, 2, 1000, 500),
            result("ours", 1, 3, 1000, 250), result("synthetic", 1, 1, 1000, 100), result("ours", 2, 1, 1000, 2000));

        assertThat(ScaleOutReport.median(results, "ours", 1)).hasValue(2000.0);
        assertThat(ScaleOutReport.median(results, "ours", 2)).hasValue(500.0);
        assertThat(ScaleOutReport.median(results, "ours", 4)).isEmpty();
        assertThat(ScaleOutReport.ratio(ScaleOutReport.median(results, "ours", 1),
            ScaleOutReport.median(results, "synthetic", 1))).isEqualTo("0.20");
        assertThat(ScaleOutReport.ratio(OptionalDouble.of(1), OptionalDouble.empty())).isEqualTo("–");
    }

    @Test
    void rendersTheTableWithTheDebeziumRowAndItsFailure() {
        ScaleOutScenario.Settings settings = new ScaleOutScenario.Settings(1000, List.of(1, 2),
            List.of("ours", "synthetic", "debezium"), 1, Path.of("target/debezium-plugin"));
        String report = new ScaleOutReport(settings, new BenchTable.Stats(1000, 1 << 20, 2 << 20, "17.5"), 2000,
            List.of(result("ours", 1, 1, 1000, 500), result("synthetic", 1, 1, 1000, 250),
                result("ours", 2, 1, 1000, 500), result("synthetic", 2, 1, 1000, 125),
                result("debezium", 1, 1, 1000, 1000)), List.of("boom")).render();

        assertThat(report)
            .contains("| 1 | 2,000 | 4,000 | 0.50 | 1 |")
            .contains("| 2 | 2,000 | 8,000 | 0.25 | 1 |")
            .contains("| Debezium snapshot, 1 task | 1,000 | | ours (1 task) ÷ Debezium: 2.00 | |")
            .contains("Debezium failed:\n\n```\nboom")
            .doesNotContain("WARNING");
    }

    @Test
    void theSyntheticConnectorSplitsEveryIdOnceIntoContiguousRanges() {
        List<long[]> ranges = SyntheticSourceConnector.ranges(10, 4);

        assertThat(ranges).extracting(r -> r[0] + "-" + r[1]).containsExactly("1-3", "4-6", "7-8", "9-10");
        assertThat(SyntheticSourceConnector.ranges(2_000_000, 1)).extracting(r -> r[1]).containsExactly(2_000_000L);
    }
}
