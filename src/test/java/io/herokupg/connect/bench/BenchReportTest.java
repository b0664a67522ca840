/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic, without a database: it runs with the unit tests, the benchmark itself does not. */
class BenchReportTest {
    private static BenchReport.Round round(String kind, int round, long rows, long millis) {
        return new BenchReport.Round(kind, round, rows, millis * 1_000_000, 5_000_000, 100 << 20, 15 << 20, 13 << 20,
            256 << 20, 10, 50, 0);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        List<BenchReport.Round> three = List.of(round("X", 1, 100, 1000), round("X", 2, 300, 1000),
            round("X", 3, 200, 1000));
        assertThat(BenchReport.median(three, BenchReport.Round::rate)).isEqualTo(200.0);
        assertThat(BenchReport.median(three.subList(0, 2), BenchReport.Round::rate)).isEqualTo(200.0);
    }

    @Test
    void reportsRatesAndTheRatioToCopy() {
        BenchOptions options = new BenchOptions(List.of("throughput"), 1000, 1, 2000, List.of("FULL_TABLE"),
            Optional.of("256m"), false, "bench_rows", Optional.empty(), Path.of("target/bench"));
        String report = BenchReport.render(options, new BenchTable.Stats(1000, 1 << 20, 2 << 20, "17.5"),
            List.of(round("COPY", 1, 1000, 1000), round("FULL_TABLE", 1, 1000, 4000)));

        assertThat(report)
            .contains("| COPY (FORMAT binary), PgJDBC | 1,000 | 1,000 – 1,000 | 1.00 |")
            .contains("| FULL_TABLE | 250 | 250 – 250 | 0.25 | 5 ms | 100 MB | 15.0 MB |")
            .contains("task heap: -Xmx256m")
            .doesNotContain("WARNING");
    }
}
