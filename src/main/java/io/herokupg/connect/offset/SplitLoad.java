/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.herokupg.connect.catalog.TableId;

/**
 * A split load of one table: its ranges ({@link SplitRange}: the load's start and cuts), the snapshot its ranges
 * import while the connector holds it ({@code pg_export_snapshot()}'s identifier), and for a change method the pass
 * it is (the snapshot that becomes the table's fence). The connector hands it to every task in its config
 * ({@link #encode}).
 *
 * @param table    the table
 * @param load     the load's start (epoch ms) and cuts; its index is 0
 * @param exported the snapshot to import, while the connector holds it
 * @param pass     a change method's pass: the snapshot that becomes the fence
 */
public record SplitLoad(TableId table, SplitRange load, Optional<String> exported, Optional<Pass> pass) {

    /**
     * The pass of a change method's split load, as a pass that begins stores it ({@link ChangeOffset.Pass}).
     *
     * @param snapshot  {@code txid_current_snapshot()} of the pass, as text (on a follower, its primary's)
     * @param micros    the server's time just after it was taken
     * @param watermark the oldest transaction running then that may have subtransactions, if any
     * @param origin    where it belongs in the database's history
     */
    public record Pass(String snapshot, long micros, OptionalLong watermark, Optional<SnapshotOrigin> origin) {
        /** The pass in progress that each range resumes: in primary-key order, nothing emitted yet. */
        public ChangeOffset.Pass toPass() {
            return new ChangeOffset.Pass(snapshot, micros, Optional.empty(), Optional.empty(), watermark, true, origin);
        }
    }

    /** The same load without a snapshot to import (the connector no longer holds it). */
    public SplitLoad withoutExport() {
        return new SplitLoad(table, load, Optional.empty(), pass);
    }

    /** Range {@code index} of the load. */
    public SplitRange range(int index) {
        return load.other(index);
    }

    /** Loads in a task config: each as percent-encoded {@code key=value} pairs joined by {@code &}; loads by ','. */
    public static String encode(List<SplitLoad> loads) {
        List<String> encoded = new ArrayList<>();
        for (SplitLoad l : loads) {
            Map<String, String> fields = new HashMap<>();
            fields.put("schema", l.table.schema());
            fields.put("table", l.table.table());
            fields.put("load", Long.toString(l.load.load()));
            fields.put("cuts", KeyCodec.encode(l.load.cuts().isEmpty() ? List.of("") : l.load.cuts()));
            fields.put("ncuts", Integer.toString(l.load.cuts().size()));
            l.exported.ifPresent(e -> fields.put("exported", e));
            l.pass.ifPresent(p -> {
                fields.put("snapshot", p.snapshot());
                fields.put("micros", Long.toString(p.micros()));
                p.watermark().ifPresent(w -> fields.put("watermark", Long.toString(w)));
                p.origin().ifPresent(o -> fields.put("origin", o.encode()));
            });
            List<String> pairs = new ArrayList<>();
            fields.forEach((k, v) -> pairs.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
            encoded.add(URLEncoder.encode(String.join("&", pairs), StandardCharsets.UTF_8));
        }
        return String.join(",", encoded);
    }

    /**
     * Reads loads written by {@link #encode}.
     *
     * @throws IllegalArgumentException when the text is not such a list
     */
    public static List<SplitLoad> decode(String text) {
        List<SplitLoad> loads = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return loads;
        }
        for (String entry : text.split(",", -1)) {
            Map<String, String> fields = new HashMap<>();
            for (String pair : URLDecoder.decode(entry, StandardCharsets.UTF_8).split("&", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("a split load's field has no '=': " + pair);
                }
                fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            loads.add(of(fields));
        }
        return loads;
    }

    private static SplitLoad of(Map<String, String> fields) {
        List<String> cuts = Integer.parseInt(required(fields, "ncuts")) == 0 ? List.of()
            : KeyCodec.decode(required(fields, "cuts"));
        Optional<Pass> pass = Optional.ofNullable(fields.get("snapshot")).map(s -> new Pass(s,
            Long.parseLong(required(fields, "micros")),
            Optional.ofNullable(fields.get("watermark")).map(w -> OptionalLong.of(Long.parseLong(w)))
                .orElse(OptionalLong.empty()),
            Optional.ofNullable(fields.get("origin")).map(SnapshotOrigin::decode)));
        return new SplitLoad(new TableId(required(fields, "schema"), required(fields, "table")),
            new SplitRange(Long.parseLong(required(fields, "load")), 0, cuts),
            Optional.ofNullable(fields.get("exported")), pass);
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("a split load has no \"" + key + "\"");
        }
        return value;
    }
}
