/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The position of an INCREMENTAL or XMIN table (see docs/replication.md, "Late commits"): the snapshot of the last
 * completed pass (the <em>fence</em>: row versions visible in it have been emitted), the lowest replication key a
 * transaction still running at the fence can write ({@code low}), the history that bound is computed from, and the
 * state of a pass in progress. Every value is a string or a number, since Connect offsets hold only primitives.
 *
 * <p>Map form ({@code "v": 1}): {@code method}, {@code key_column} (INCREMENTAL), {@code fence} (a
 * {@code txid_snapshot} as text), {@code low} and {@code high} (key values as text: the re-read bound, the highest
 * key emitted), {@code history} ({@link KeyCodec} of microsecond times and keys, alternating), {@code pass_started}
 * (epoch ms), {@code fence_watermark} (see below), and while a pass is in progress {@code pass_snapshot},
 * {@code pass_time} (µs), {@code pass_low}, {@code last} (the position of the last row emitted, as {@link KeyCodec}),
 * {@code pass_watermark}, and {@code pass_order} ({@code primary_key} for a first pass read in primary-key order,
 * whose {@code last} is the primary key alone; absent: position order).
 *
 * <p>A snapshot's text lists the running top-level transactions only, not their subtransactions, whose ids (above
 * their parent's) it therefore reports as visible. So a pass emits only the row versions with an id below its
 * <em>watermark</em>: the id of the oldest transaction running at its snapshot that may have subtransactions (its
 * xmax if none), and a fence counts as seen only the versions below its watermark that it saw. Versions at or above
 * it wait for a later pass. Absent (older offsets), the fence's watermark is taken to be its xmin.
 *
 * <p>{@code fence_origin} and {@code pass_origin} ({@link SnapshotOrigin}) place the snapshots in the database's
 * history, and {@code relid} and {@code pk} ({@link TableIdentity}) say which table the position is of.
 *
 * @param method        {@code INCREMENTAL} or {@code XMIN}
 * @param keyColumn     the replication key column (INCREMENTAL)
 * @param fence         the snapshot of the last completed pass; absent before the first one
 * @param low           re-read from this key (inclusive); absent: from the lowest key
 * @param high          the highest key emitted by a completed pass
 * @param history       (server time, highest key emitted) at the end of recent passes, oldest first
 * @param passStartedMs when the current or last pass began, for the schedule
 * @param pass          the pass in progress, if any
 * @param fenceWatermark the fence's watermark: it saw only the versions with a lower id that it saw
 * @param fenceOrigin   where the fence belongs in the database's history
 * @param identity      the table the position is of
 */
public record ChangeOffset(String method, Optional<String> keyColumn, Optional<String> fence, Optional<String> low,
                           Optional<String> high, List<Mark> history, long passStartedMs, Optional<Pass> pass,
                           OptionalLong fenceWatermark, Optional<SnapshotOrigin> fenceOrigin,
                           Optional<TableIdentity> identity)
    implements TableOffset {
    public static final String INCREMENTAL = "INCREMENTAL";
    public static final String XMIN = "XMIN";
    public static final String CAPTURE = "CAPTURE";
    static final int VERSION = 1;

    private static final String KEY_COLUMN = "key_column";
    private static final String FENCE = "fence";
    private static final String LOW = "low";
    private static final String HIGH = "high";
    private static final String HISTORY = "history";
    private static final String PASS_STARTED = "pass_started";
    private static final String PASS_SNAPSHOT = "pass_snapshot";
    private static final String PASS_TIME = "pass_time";
    private static final String PASS_LOW = "pass_low";
    private static final String LAST = "last";
    private static final String FENCE_WATERMARK = "fence_watermark";
    private static final String PASS_WATERMARK = "pass_watermark";
    private static final String PASS_ORDER = "pass_order";
    private static final String FENCE_ORIGIN = "fence_origin";
    private static final String PASS_ORIGIN = "pass_origin";
    /** {@code pass_order} of a pass in primary-key order. */
    private static final String PRIMARY_KEY_ORDER = "primary_key";

    /** At this server time (µs since the epoch), every row emitted so far had a key of at most {@code key}. */
    public record Mark(long micros, String key) {
    }

    /**
     * A pass in progress.
     *
     * @param snapshot the pass's snapshot ({@code txid_current_snapshot()} as text); it becomes the fence
     * @param micros   the server time just after the snapshot was taken
     * @param nextLow  the re-read bound that holds once this pass is the fence
     * @param last     the position ((key or transaction id), primary key…) of the last row emitted by the pass
     * @param watermark the pass emits only row versions with a lower id; empty: the snapshot's xmin
     * @param primaryKeyOrder whether the pass reads in primary-key order (a first pass, which emits every row of its
     *                 snapshot and resumes after the primary key in {@code last}) rather than in position order
     * @param origin   where the snapshot belongs in the database's history
     */
    public record Pass(String snapshot, long micros, Optional<String> nextLow, Optional<List<String>> last,
                       OptionalLong watermark, boolean primaryKeyOrder, Optional<SnapshotOrigin> origin) {
        public Pass {
            last = last.map(List::copyOf);
        }

        /** A pass whose snapshot's origin is not known. */
        public Pass(String snapshot, long micros, Optional<String> nextLow, Optional<List<String>> last,
                    OptionalLong watermark, boolean primaryKeyOrder) {
            this(snapshot, micros, nextLow, last, watermark, primaryKeyOrder, Optional.empty());
        }

        /** A pass in position order. */
        public Pass(String snapshot, long micros, Optional<String> nextLow, Optional<List<String>> last,
                    OptionalLong watermark) {
            this(snapshot, micros, nextLow, last, watermark, false);
        }

        /** A pass in position order whose watermark is its snapshot's xmin. */
        public Pass(String snapshot, long micros, Optional<String> nextLow, Optional<List<String>> last) {
            this(snapshot, micros, nextLow, last, OptionalLong.empty());
        }

        public Pass withLast(List<String> position) {
            return new Pass(snapshot, micros, nextLow, Optional.of(position), watermark, primaryKeyOrder, origin);
        }

        /** The same pass, completing with another re-read bound. */
        public Pass withNextLow(Optional<String> bound) {
            return new Pass(snapshot, micros, bound, last, watermark, primaryKeyOrder, origin);
        }

        /** The same pass, its rows to be read again from the first (in the same snapshot). */
        public Pass restarted() {
            return new Pass(snapshot, micros, nextLow, Optional.empty(), watermark, primaryKeyOrder, origin);
        }

        /** The same pass, in another order (its position restarted): a table's primary key changed. */
        public Pass inOrder(boolean byPrimaryKey) {
            return new Pass(snapshot, micros, nextLow, Optional.empty(), watermark, byPrimaryKey, origin);
        }

        /** The watermark: given, else the snapshot's xmin. */
        public long effectiveWatermark() {
            return watermark.orElseGet(() -> Snapshots.parse(snapshot).xmin());
        }
    }

    public ChangeOffset {
        if (!List.of(INCREMENTAL, XMIN, CAPTURE).contains(method)) {
            throw new IllegalArgumentException("method must be " + INCREMENTAL + ", " + XMIN + " or " + CAPTURE);
        }
        history = List.copyOf(history);
    }

    /** A position whose fence's watermark is its xmin. */
    public ChangeOffset(String method, Optional<String> keyColumn, Optional<String> fence, Optional<String> low,
                        Optional<String> high, List<Mark> history, long passStartedMs, Optional<Pass> pass) {
        this(method, keyColumn, fence, low, high, history, passStartedMs, pass, OptionalLong.empty());
    }

    /** A position of unknown origin and table identity. */
    public ChangeOffset(String method, Optional<String> keyColumn, Optional<String> fence, Optional<String> low,
                        Optional<String> high, List<Mark> history, long passStartedMs, Optional<Pass> pass,
                        OptionalLong fenceWatermark) {
        this(method, keyColumn, fence, low, high, history, passStartedMs, pass, fenceWatermark, Optional.empty(),
            Optional.empty());
    }

    /** The same position, of the table with this identity. */
    public ChangeOffset withIdentity(TableIdentity table) {
        return new ChangeOffset(method, keyColumn, fence, low, high, history, passStartedMs, pass, fenceWatermark,
            fenceOrigin, Optional.of(table));
    }

    /** The same position without its fence (untrusted) nor pass in progress; bound and history (keys) stay. */
    public ChangeOffset withoutFence() {
        return new ChangeOffset(method, keyColumn, Optional.empty(), low, high, history, passStartedMs,
            Optional.empty(), OptionalLong.empty(), Optional.empty(), identity);
    }

    /** The same position without its pass in progress, which starts again from a new snapshot. */
    public ChangeOffset withoutPass() {
        return new ChangeOffset(method, keyColumn, fence, low, high, history, passStartedMs, Optional.empty(),
            fenceWatermark, fenceOrigin, identity);
    }

    /** The position before the first pass. */
    public static ChangeOffset initial(String method, Optional<String> keyColumn) {
        return new ChangeOffset(method, keyColumn, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), 0,
            Optional.empty());
    }

    /** The same position with one more mark at the end of the history. */
    public ChangeOffset withMark(Mark mark) {
        List<Mark> marks = new ArrayList<>(history);
        marks.add(mark);
        return new ChangeOffset(method, keyColumn, fence, low, high, marks, passStartedMs, pass, fenceWatermark,
            fenceOrigin, identity);
    }

    public ChangeOffset withPass(long startedMs, Pass newPass) {
        return new ChangeOffset(method, keyColumn, fence, low, high, history, startedMs, Optional.of(newPass),
            fenceWatermark, fenceOrigin, identity);
    }

    public ChangeOffset withLast(List<String> position) {
        return new ChangeOffset(method, keyColumn, fence, low, high, history, passStartedMs,
            pass.map(p -> p.withLast(position)), fenceWatermark, fenceOrigin, identity);
    }

    /**
     * The position once the pass in progress has emitted its last row: its snapshot becomes the fence, its
     * {@code nextLow} the re-read bound, and (for a key) the highest key emitted is recorded at the pass's time.
     *
     * @param keyed       whether the first value of a position is a replication key (INCREMENTAL)
     * @param maxHistory  the most marks kept; the oldest is kept, those after it are thinned
     */
    public ChangeOffset completed(boolean keyed, int maxHistory) {
        Pass done = pass.orElseThrow(() -> new IllegalStateException("no pass in progress"));
        return completed(keyed ? done.last().map(l -> l.get(0)) : Optional.empty(), keyed, maxHistory);
    }

    /**
     * {@link #completed(boolean, int)} of a pass whose highest key emitted is given (a pass in primary-key order
     * does not end on it).
     */
    public ChangeOffset completed(Optional<String> highestKey, boolean keyed, int maxHistory) {
        Pass done = pass.orElseThrow(() -> new IllegalStateException("no pass in progress"));
        Optional<String> newHigh = keyed ? highestKey.or(() -> high) : Optional.empty();
        List<Mark> marks = new ArrayList<>(history);
        newHigh.ifPresent(h -> marks.add(new Mark(done.micros(), h)));
        while (marks.size() > maxHistory) {
            marks.remove(1);
        }
        return new ChangeOffset(method, keyColumn, Optional.of(done.snapshot()), done.nextLow(), newHigh, marks,
            passStartedMs, Optional.empty(), done.watermark(), done.origin(), identity);
    }

    /**
     * The re-read bound for a pass whose running transactions all started at or after {@code horizonMicros}: the
     * highest key emitted by the last pass that ended at or before that time (rows emitted by then were written
     * before it, and the keys still to come are assigned after it), else the current bound. Marks older than the
     * one used are dropped.
     */
    public ChangeOffset withHorizon(long horizonMicros) {
        int chosen = -1;
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).micros() <= horizonMicros) {
                chosen = i;
            }
        }
        if (chosen < 0) {
            return this;
        }
        return new ChangeOffset(method, keyColumn, fence, low, high, history.subList(chosen, history.size()),
            passStartedMs, pass, fenceWatermark, fenceOrigin, identity);
    }

    /** The re-read bound the horizon gives (see {@link #withHorizon}), without changing the position. */
    public Optional<String> lowFor(long horizonMicros) {
        Optional<String> bound = low;
        for (Mark mark : history) {
            if (mark.micros() <= horizonMicros) {
                bound = Optional.of(mark.key());
            }
        }
        return bound;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>(16);
        map.put(METHOD_KEY, method);
        map.put(VERSION_KEY, VERSION);
        keyColumn.ifPresent(k -> map.put(KEY_COLUMN, k));
        fence.ifPresent(f -> map.put(FENCE, f));
        low.ifPresent(l -> map.put(LOW, l));
        high.ifPresent(h -> map.put(HIGH, h));
        if (!history.isEmpty()) {
            List<String> values = new ArrayList<>(history.size() * 2);
            history.forEach(m -> {
                values.add(Long.toString(m.micros()));
                values.add(m.key());
            });
            map.put(HISTORY, KeyCodec.encode(values));
        }
        map.put(PASS_STARTED, passStartedMs);
        fenceWatermark.ifPresent(w -> map.put(FENCE_WATERMARK, w));
        fenceOrigin.ifPresent(o -> map.put(FENCE_ORIGIN, o.encode()));
        identity.ifPresent(i -> i.putInto(map));
        pass.ifPresent(p -> {
            map.put(PASS_SNAPSHOT, p.snapshot());
            map.put(PASS_TIME, p.micros());
            p.nextLow().ifPresent(l -> map.put(PASS_LOW, l));
            p.last().ifPresent(l -> map.put(LAST, KeyCodec.encode(l)));
            p.watermark().ifPresent(w -> map.put(PASS_WATERMARK, w));
            if (p.primaryKeyOrder()) {
                map.put(PASS_ORDER, PRIMARY_KEY_ORDER);
            }
            p.origin().ifPresent(o -> map.put(PASS_ORIGIN, o.encode()));
        });
        return map;
    }

    /**
     * The maps of this position with each row's last position in turn, as {@code withLast(last).toMap()} gives them,
     * the rest of the position (fence, history…) encoded once rather than per row.
     */
    public Function<List<String>, Map<String, Object>> mapsWithLast() {
        if (pass.isEmpty()) {
            throw new IllegalStateException("no pass in progress");
        }
        Map<String, Object> rest = toMap();
        rest.remove(LAST);
        Map<String, Object> pass = Map.copyOf(rest);
        return last -> new RowOffsetMap(pass, LAST, last);
    }

    static ChangeOffset fromMap(String method, Map<String, ?> map) {
        Optional<String> snapshot = OffsetMaps.optionalString(map, PASS_SNAPSHOT).map(s -> snapshot(PASS_SNAPSHOT, s));
        Optional<Pass> pass = Optional.empty();
        if (snapshot.isPresent()) {
            pass = Optional.of(new Pass(snapshot.get(), OffsetMaps.requireLong(map, PASS_TIME),
                OffsetMaps.optionalString(map, PASS_LOW), OffsetMaps.optionalString(map, LAST).map(
                    l -> KeyCodec.decode(LAST, l)), watermark(map, PASS_WATERMARK), primaryKeyOrder(map),
                origin(map, PASS_ORIGIN)));
        }
        Optional<String> fence = OffsetMaps.optionalString(map, FENCE).map(f -> snapshot(FENCE, f));
        Optional<String> keyColumn = OffsetMaps.optionalString(map, KEY_COLUMN);
        if (INCREMENTAL.equals(method) && keyColumn.isEmpty()) {
            throw new IllegalArgumentException("an " + INCREMENTAL + " offset names its \"" + KEY_COLUMN + "\"");
        }
        return new ChangeOffset(method, keyColumn, fence, OffsetMaps.optionalString(map, LOW),
            OffsetMaps.optionalString(map, HIGH), history(map), OffsetMaps.requireLong(map, PASS_STARTED), pass,
            watermark(map, FENCE_WATERMARK), origin(map, FENCE_ORIGIN), TableIdentity.fromMap(map));
    }

    private static Optional<SnapshotOrigin> origin(Map<String, ?> map, String field) {
        return OffsetMaps.optionalString(map, field).map(text -> {
            try {
                return SnapshotOrigin.decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + field + "\" is malformed: " + e.getMessage(), e);
            }
        });
    }

    private static List<Mark> history(Map<String, ?> map) {
        Optional<String> encoded = OffsetMaps.optionalString(map, HISTORY);
        if (encoded.isEmpty()) {
            return List.of();
        }
        List<String> values = KeyCodec.decode(HISTORY, encoded.get());
        if (values.size() % 2 != 0) {
            throw new IllegalArgumentException("\"" + HISTORY + "\" must alternate times and keys");
        }
        List<Mark> marks = new ArrayList<>(values.size() / 2);
        for (int i = 0; i < values.size(); i += 2) {
            try {
                marks.add(new Mark(Long.parseLong(values.get(i)), values.get(i + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + HISTORY + "\" has a time that is not an integer: "
                    + values.get(i), e);
            }
        }
        return marks;
    }

    private static boolean primaryKeyOrder(Map<String, ?> map) {
        Optional<String> order = OffsetMaps.optionalString(map, PASS_ORDER);
        if (order.isPresent() && !order.get().equals(PRIMARY_KEY_ORDER)) {
            throw new IllegalArgumentException("\"" + PASS_ORDER + "\" must be \"" + PRIMARY_KEY_ORDER
                + "\" or absent");
        }
        return order.isPresent();
    }

    private static OptionalLong watermark(Map<String, ?> map, String field) {
        return map.get(field) == null ? OptionalLong.empty() : OptionalLong.of(OffsetMaps.requireLong(map, field));
    }

    /** The fence's watermark: given, else its xmin; empty without a fence. */
    public OptionalLong effectiveFenceWatermark() {
        if (fence.isEmpty()) {
            return OptionalLong.empty();
        }
        return fenceWatermark.isPresent() ? fenceWatermark : OptionalLong.of(Snapshots.parse(fence.get()).xmin());
    }

    private static String snapshot(String field, String text) {
        try {
            Snapshots.parse(text);
            return text;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + field + "\" is malformed: " + e.getMessage(), e);
        }
    }
}
