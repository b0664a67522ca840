/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a scenario ran on: other work on it skews the figures, so every section says how busy it was. */
final class Machine {
    private Machine() {
    }

    /** The system's load average (1, 5, 15 min), where Linux tells it. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The closing line of a section: CPUs and the load average before and after the measurement. */
    static String line(String loadBefore, String loadAfter) {
        return String.format("%nMachine: %d CPU(s) seen by the JVM; load average (1, 5, 15 min) before the rounds:"
            + " %s, after: %s.%n", Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
    }
}
