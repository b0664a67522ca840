/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.herokupg.connect.testing.ConcurrentCaptureWriters.Row;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * What a consumer of a CAPTURE topic of {@link ConcurrentCaptureWriters}' table sees: the topic's compacted view
 * (the latest value of each key, a tombstone removing the key), the {@code op} and {@code txid} headers, and the
 * changes emitted twice.
 */
public final class TopicCaptureStream {
    private TopicCaptureStream() {
    }

    /** The topic's compacted view: each key's latest value; a key whose latest record is a tombstone is absent. */
    public static Map<Long, Row> compacted(List<Decoded> records) {
        Map<Long, Row> view = new TreeMap<>();
        for (Decoded record : records) {
            long id = record.keyStruct().getInt64("id");
            if (record.value().value() == null) {
                view.remove(id);
            } else {
                view.put(id, Row.of(record.valueStruct()));
            }
        }
        return view;
    }

    /** Asserts that the topic's compacted view equals the table, every column of every row. */
    public static void assertCompactedEquals(String context, Map<Long, Row> table, List<Decoded> records) {
        Map<Long, Row> view = compacted(records);
        Set<Long> keys = new TreeSet<>(table.keySet());
        keys.addAll(view.keySet());
        List<String> differences = keys.stream().filter(id -> !Objects.equals(table.get(id), view.get(id)))
            .map(id -> id + ": table " + table.get(id) + ", topic " + view.get(id)).toList();
        assertThat(differences).as("%s: keys whose compacted record differs from the row (%d rows, %d records)",
            context, table.size(), records.size()).isEmpty();
    }

    /**
     * Asserts the headers: every record has an {@code op} and a 64-bit {@code txid}; the first pass's {@code r}
     * records come before all others; {@code c} and {@code u} carry a row, {@code d} and {@code t} are tombstones,
     * each right after a delete marker of the same key and operation when {@code markers}; every operation occurs.
     */
    public static void assertOperations(String context, List<Decoded> records, boolean markers) {
        List<String> wrong = new ArrayList<>();
        boolean loaded = false;
        for (int i = 0; i < records.size(); i++) {
            Decoded record = records.get(i);
            String problem = problem(record, i > 0 ? records.get(i - 1) : null,
                i + 1 < records.size() ? records.get(i + 1) : null, markers);
            boolean load = "r".equals(record.header("op"));
            if (problem == null && load && loaded) {
                problem = "an r record after the first pass";
            }
            loaded |= !load;
            if (problem != null) {
                wrong.add("#" + i + " " + describe(record) + ": " + problem);
            }
        }
        assertThat(wrong).as("%s: records whose op or txid header is wrong", context).isEmpty();
        assertThat(records.stream().map(r -> r.header("op")).collect(Collectors.toSet())).as("%s: operations",
            context).contains("r", "c", "u", "d", "t");
    }

    private static String problem(Decoded record, Decoded previous, Decoded next, boolean markers) {
        String problem = headerProblem(record, next, markers);
        if (problem == null && markers && record.value().value() == null && !marked(previous, record)) {
            return "a tombstone without its delete marker before it";
        }
        return problem;
    }

    private static String headerProblem(Decoded record, Decoded next, boolean markers) {
        String op = record.header("op");
        if (op == null || !op.matches("[rcudt]")) {
            return "op " + op;
        }
        if (record.header("txid") == null || !record.header("txid").matches("[0-9]+")) {
            return "txid " + record.header("txid");
        }
        boolean removes = op.equals("d") || op.equals("t");
        Object value = record.value().value();
        if (value == null || !removes) {
            return removes == (value == null) ? null : "a value with op " + op + ", or none without";
        }
        return markers ? markerProblem(record, next) : "a value with op " + op;
    }

    /** A record of a removed key that has a value must be a delete marker, its tombstone next. */
    private static String markerProblem(Decoded record, Decoded next) {
        if (!Row.of(record.valueStruct()).empty()) {
            return "a value with op " + record.header("op");
        }
        boolean tombstoneNext = next != null && next.value().value() == null
            && next.keyStruct().equals(record.keyStruct()) && record.header("op").equals(next.header("op"));
        return tombstoneNext ? null : "a delete marker not followed by its tombstone";
    }

    /** Whether the record before a tombstone is its delete marker. */
    private static boolean marked(Decoded before, Decoded tombstone) {
        return before != null && before.value().value() != null && Row.of(before.valueStruct()).empty()
            && before.keyStruct().equals(tombstone.keyStruct()) && tombstone.header("op").equals(before.header("op"));
    }

    /** The keys of the tombstones with op {@code t}, asserting none has two. */
    public static Set<Long> truncated(String context, List<Decoded> records) {
        List<Long> keys = records.stream().filter(r -> r.value().value() == null && "t".equals(r.header("op")))
            .map(r -> r.keyStruct().getInt64("id")).toList();
        assertThat(keys).as("%s: keys with a TRUNCATE's tombstone", context).doesNotHaveDuplicates();
        return new HashSet<>(keys);
    }

    /**
     * The changes a consumer received twice: the same row version of a key (each write gives {@code v} a new value),
     * the same delete marker, or the same tombstone (same key and transaction). Left out, as docs/capture.md
     * explains: a row the first pass loaded whose log entry lies above that pass's watermark (written by a
     * transaction younger than one that was running with subtransactions) is read again by the next pass.
     */
    public static List<String> duplicates(List<Decoded> records) {
        Map<String, String> first = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (Decoded record : records) {
            long id = record.keyStruct().getInt64("id");
            Object value = record.value().value();
            String change = value == null || Row.of(record.valueStruct()).empty()
                ? id + (value == null ? " tombstone " : " marker ") + record.header("txid")
                : id + " " + Row.of(record.valueStruct()).v();
            String earlier = first.putIfAbsent(change, record.header("op"));
            if (earlier != null && !earlier.equals("r")) {
                duplicates.add(describe(record) + " (first as " + earlier + ")");
            }
        }
        return duplicates;
    }

    /** How many records there are of each operation (a delete marker counted with its tombstone's). */
    public static Map<String, Long> operations(List<Decoded> records) {
        return records.stream().filter(r -> r.value().value() == null || !Row.of(r.valueStruct()).empty())
            .collect(Collectors.groupingBy(r -> String.valueOf(r.header("op")), TreeMap::new, Collectors.counting()));
    }

    /** How many of the records have op {@code r} and were emitted again by the next pass. */
    public static long reloaded(List<Decoded> records) {
        Set<String> loaded = new HashSet<>();
        long again = 0;
        for (Decoded record : records) {
            if (record.value().value() == null) {
                continue;
            }
            String change = record.keyStruct().getInt64("id") + " " + Row.of(record.valueStruct()).v();
            if ("r".equals(record.header("op"))) {
                loaded.add(change);
            } else if (loaded.contains(change)) {
                again++;
            }
        }
        return again;
    }

    private static String describe(Decoded record) {
        Object value = record.value().value();
        return "key " + record.keyStruct().getInt64("id") + " op " + record.header("op") + " txid "
            + record.header("txid") + (value == null ? " tombstone" : " " + Row.of(record.valueStruct()));
    }
}
