/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The capture scenario's arithmetic, without a database (the scenario itself runs only with {@code -Pbench}). */
class CaptureReportTest {
    private static final CaptureScenario.Settings SETTINGS = new CaptureScenario.Settings(List.of("write", "read"),
        1000, 1000, 100, 4, 10, 3);

    private static Map<String, String> writeRound() {
        Map<String, String> r = new HashMap<>();
        r.put("round", "1");
        r.put("server", "fsync=off");
        r.put("withTps", "100.0,300.0,200.0");
        r.put("withoutTps", "400.0,500.0,1000.0");
        r.put("withTransactions", "1000.0,3000.0,2000.0");
        r.put("withServerCpuPerTx", "200000.0,220000.0,210000.0");
        r.put("withoutServerCpuPerTx", "60000.0,50000.0,70000.0");
        r.put("withClientCpuPerTx", "30000.0,30000.0,30000.0");
        r.put("withoutClientCpuPerTx", "20000.0,20000.0,20000.0");
        r.put("withWalPerTx", "500.0,500.0,500.0");
        r.put("withoutWalPerTx", "300.0,300.0,300.0");
        r.put("logEntries", "1000.0,3000.0,2000.0");
        r.put("logBytes", "130000.0,390000.0,260000.0");
        r.put("logHeapBytes", "70000.0,210000.0,140000.0");
        r.put("updates", "3000");
        r.put("inserts", "1500");
        r.put("deletes", "1500");
        return r;
    }

    @Test
    void theWriteRatioIsOfTheMediansAndEachAdjacentPairHasItsOwn() {
        Map<String, String> r = writeRound();

        assertThat(CaptureReport.writeRatio(r)).isEqualTo(200.0 / 500.0);
        assertThat(CaptureReport.pairRatios(r)).containsExactly(0.25, 0.6, 0.2);
        assertThat(new CaptureReport(SETTINGS, List.of(r)).writes(new BenchTable.Stats(100, 1 << 20, 2 << 20,
            "17.5")))
            .contains("| 1 | 200 (100 – 300) | 500 (400 – 1,000) | 0.400 | [0.250, 0.600, 0.200] | 210.0 / 60.0 |")
            .contains("With triggers ÷ without: **0.400**")
            .contains("1.000 entries per transaction, 130 bytes per entry with its index (70 in its heap)")
            .contains("the triggers add 150.0 µs");
    }

    @Test
    void theReadRatioIsCaptureOverXminOverTheSameRows() {
        Map<String, String> r = new HashMap<>(Map.of("capturePassRecords", "1000", "capturePassNanos",
            "2000000000", "xminPassRecords", "1000", "xminPassNanos", "1000000000"));

        assertThat(CaptureReport.rate(r, "capturePass")).isEqualTo(500.0);
        assertThat(CaptureReport.readRatio(r)).isEqualTo(0.5);
    }
}
