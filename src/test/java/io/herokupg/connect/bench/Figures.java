/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The figures a forked round hands back to its scenario: a properties file, written when the round is done. */
final class Figures {
    private final Properties props = new Properties();

    Figures put(String key, Object value) {
        props.setProperty(key, String.valueOf(value));
        return this;
    }

    void write(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, "benchmark round");
        }
    }

    /** A whole number a round wrote. */
    static long number(Map<String, String> figures, String key) {
        String value = figures.get(key);
        if (value == null) {
            throw new IllegalStateException("the round wrote no " + key + ": " + figures.keySet());
        }
        return Long.parseLong(value);
    }

    /** A comma-separated list of numbers a round wrote (empty when it wrote none). */
    static List<Double> numbers(Map<String, String> figures, String key) {
        String value = figures.getOrDefault(key, "");
        return value.isBlank() ? List.of()
            : java.util.Arrays.stream(value.split(",")).map(Double::parseDouble).toList();
    }

    /** Milliseconds from a round's nanoseconds. */
    static double millis(Map<String, String> figures, String key) {
        return number(figures, key) / 1e6;
    }
}
