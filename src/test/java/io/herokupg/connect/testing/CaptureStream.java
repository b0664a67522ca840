/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

import io.herokupg.connect.testing.CaptureWriters.Row;

/**
 * The stream a consumer of a CAPTURE topic keeps, checked against the table {@link CaptureWriters} wrote: its
 * compacted view (the latest value of each key, a tombstone removing the key) equals the table, every column; each
 * key's versions rise in the order of its records; and no row version (nor tombstone of one deletion) comes twice,
 * but for what the design explains: a row the first pass loaded, written by a transaction at or above that pass's
 * watermark (one running with subtransactions at its snapshot), is read again by the second pass, since the fence
 * counts as seen only what lies below its watermark.
 */
public final class CaptureStream {
    private static final int KEYS_SHOWN = 12;

    /** One record as the consumer sees it. */
    private record Change(long id, String op, long txid, Integer version, String v, boolean tombstone,
                          boolean marker, Long watermark) {
        static Change of(SourceRecord record) {
            long id = ((Struct) record.key()).getInt64("id");
            String op = header(record, "op").toString();
            long txid = (Long) header(record, "txid");
            Map<String, ?> offset = record.sourceOffset();
            Object watermark = offset.containsKey("pass_watermark") ? offset.get("pass_watermark")
                : offset.get("fence_watermark");
            Long mark = watermark == null ? null : ((Number) watermark).longValue();
            if (record.value() == null) {
                return new Change(id, op, txid, null, null, true, false, mark);
            }
            Struct value = (Struct) record.value();
            boolean marker = value.get("version") == null && value.get("v") == null;
            return new Change(id, op, txid, value.getInt32("version"), value.getString("v"), false, marker, mark);
        }

        private static Object header(SourceRecord record, String name) {
            Header header = record.headers().lastWithName(name);
            return Objects.requireNonNull(header, "header " + name).value();
        }

        Row row() {
            return new Row(id, version, v);
        }

        @Override
        public String toString() {
            String what = tombstone ? "tombstone" : marker ? "delete marker" : "version " + version + " " + v;
            return op + " txid " + txid + ": " + what;
        }
    }

    /** What the stream held that the design explains, and its size. */
    public record Findings(int records, int tombstones, int reloaded, Map<String, Long> ops) {
    }

    private CaptureStream() {
    }

    /**
     * Checks the committed stream against the table; a failure names each key that fails, with its committed records
     * and all its records polled.
     *
     * @param context   what failure messages start with (the seed, how to replay it)
     * @param table     the table's rows now
     * @param committed the committed stream, in order
     * @param emitted   every record polled, committed or not, in order
     */
    public static Findings check(String context, Map<Long, Row> table, List<SourceRecord> committed,
                                 List<SourceRecord> emitted) {
        List<Change> stream = committed.stream().map(Change::of).toList();
        Map<Long, List<Change>> byKey = new TreeMap<>();
        stream.forEach(c -> byKey.computeIfAbsent(c.id(), id -> new ArrayList<>()).add(c));
        Map<Long, String> failures = new TreeMap<>();
        compacted(stream, table, failures);
        int reloaded = 0;
        for (Map.Entry<Long, List<Change>> key : byKey.entrySet()) {
            reloaded += inOrderOnce(key.getKey(), key.getValue(), failures);
        }
        String shown = failures.entrySet().stream().limit(KEYS_SHOWN)
            .map(f -> describe(f.getKey(), f.getValue(), byKey.get(f.getKey()), emitted))
            .collect(Collectors.joining("\n"));
        assertThat(failures.size()).as(context + ": keys whose records fail the check (first " + KEYS_SHOWN + "):\n"
            + shown).isZero();
        Map<String, Long> ops = stream.stream().collect(Collectors.groupingBy(Change::op, TreeMap::new,
            Collectors.counting()));
        return new Findings(stream.size(), (int) stream.stream().filter(Change::tombstone).count(), reloaded, ops);
    }

    /** The compacted view equals the table: no key missing, none left over, every column equal. */
    private static void compacted(List<Change> stream, Map<Long, Row> table, Map<Long, String> failures) {
        Map<Long, Row> view = new LinkedHashMap<>();
        for (Change change : stream) {
            if (change.tombstone()) {
                view.remove(change.id());
            } else {
                view.put(change.id(), change.row());
            }
        }
        Set<Long> keys = new TreeSet<>(table.keySet());
        keys.addAll(view.keySet());
        for (long id : keys) {
            Row expected = table.get(id);
            Row seen = view.get(id);
            if (!Objects.equals(expected, seen)) {
                failures.merge(id, "the table holds " + (expected == null ? "no row" : expected) + ", the compacted"
                    + " topic " + (seen == null ? "no value" : seen), (a, b) -> a + "; " + b);
            }
        }
    }

    /**
     * A key's versions rise record by record; no tombstone twice (one deletion: one transaction id); a delete marker
     * is not a key's last record (its tombstone follows, or, after a restart, the marker again or the key's newer
     * state). Returns how many records repeat the first pass's version, as explained above.
     */
    private static int inOrderOnce(long id, List<Change> changes, Map<Long, String> failures) {
        KeyWalk walk = new KeyWalk();
        for (int i = 0; i < changes.size(); i++) {
            walk.next(changes.get(i), i + 1 == changes.size());
        }
        if (!walk.problems.isEmpty()) {
            failures.merge(id, String.join("; ", walk.problems), (a, b) -> a + "; " + b);
        }
        return walk.reloaded;
    }

    /** One key's records, in order: the highest version so far, the tombstones' transactions, what is wrong. */
    private static final class KeyWalk {
        private final Set<Long> tombstones = new HashSet<>();
        private final List<String> problems = new ArrayList<>();
        private Change highest;
        private int reloaded;

        void next(Change change, boolean last) {
            if (change.marker() && last) {
                problems.add("a delete marker is the key's last record (" + change + ")");
            } else if (change.tombstone() && !tombstones.add(change.txid())) {
                problems.add("a tombstone emitted twice (" + change + ")");
            } else if (change.version() != null) {
                version(change);
            }
        }

        private void version(Change change) {
            if (highest == null || change.version() > highest.version()) {
                highest = change;
            } else if (reloadedByTheSecondPass(highest, change)) {
                reloaded++;
            } else {
                problems.add((change.version().equals(highest.version()) ? "version emitted twice"
                    : "version went backwards") + " (" + highest + ", then " + change + ")");
            }
        }
    }

    /**
     * The first pass loaded the row ({@code r}), written by a transaction at or above its watermark, which its fence
     * does not count as seen: the second pass emits the same version again, from the same transaction's log entry.
     */
    private static boolean reloadedByTheSecondPass(Change loaded, Change again) {
        return loaded.op().equals("r") && !again.op().equals("r") && again.version().equals(loaded.version())
            && again.txid() == loaded.txid() && loaded.watermark() != null && again.txid() >= loaded.watermark();
    }

    private static String describe(long id, String failure, List<Change> committed, List<SourceRecord> emitted) {
        List<Change> polled = emitted.stream().filter(r -> ((Struct) r.key()).getInt64("id") == id)
            .map(Change::of).toList();
        return "key " + id + ": " + failure + "\n    committed: " + (committed == null ? "none" : committed)
            + "\n    polled: " + polled;
    }
}
