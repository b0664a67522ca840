/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.assign;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.herokupg.connect.catalog.TableId;

/**
 * The tables one task replicates, and its encoding in the task config. Each table is written as
 * {@code schema.table} with both parts percent-encoded (so names holding dots or commas survive), joined by commas:
 * {@code public.orders,sales.Order%20Items}.
 */
public record TaskAssignment(int taskIndex, List<TableId> tables, List<Range> ranges) {

    /** One range of a table's split load: its index among the load's ranges. */
    public record Range(TableId table, int index) {
    }

    public TaskAssignment {
        tables = List.copyOf(tables);
        ranges = List.copyOf(ranges);
    }

    /** Whole tables only. */
    public TaskAssignment(int taskIndex, List<TableId> tables) {
        this(taskIndex, tables, List.of());
    }

    /** The tables, then, after a '|' when there are any, the ranges as {@code schema.table/index}. */
    public String encode() {
        List<String> parts = new ArrayList<>(tables.size());
        for (TableId id : tables) {
            parts.add(encodePart(id.schema()) + "." + encodePart(id.table()));
        }
        List<String> rangeParts = new ArrayList<>(ranges.size());
        for (Range range : ranges) {
            rangeParts.add(encodePart(range.table().schema()) + "." + encodePart(range.table().table()) + "/"
                + range.index());
        }
        return String.join(",", parts) + (ranges.isEmpty() ? "" : "|" + String.join(",", rangeParts));
    }

    /**
     * Decodes {@link #encode()}'s output.
     *
     * @throws IllegalArgumentException when the text was not made by {@link #encode()}
     */
    public static TaskAssignment decode(int taskIndex, String encoded) {
        int bar = encoded.indexOf('|');
        List<TableId> tables = new ArrayList<>();
        String tablePart = bar < 0 ? encoded : encoded.substring(0, bar);
        if (!tablePart.isEmpty()) {
            for (String part : tablePart.split(",", -1)) {
                tables.add(table(part));
            }
        }
        List<Range> ranges = new ArrayList<>();
        if (bar >= 0) {
            for (String part : encoded.substring(bar + 1).split(",", -1)) {
                int slash = part.lastIndexOf('/');
                if (slash < 0 || !part.substring(slash + 1).matches("[0-9]{1,4}")) {
                    throw new IllegalArgumentException("malformed range in task assignment: '" + part + "'");
                }
                ranges.add(new Range(table(part.substring(0, slash)), Integer.parseInt(part.substring(slash + 1))));
            }
        }
        return new TaskAssignment(taskIndex, tables, ranges);
    }

    private static TableId table(String part) {
        int dot = part.indexOf('.');
        if (dot < 0 || part.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("malformed table in task assignment: '" + part + "'");
        }
        return new TableId(decodePart(part.substring(0, dot)), decodePart(part.substring(dot + 1)));
    }

    private static String encodePart(String s) {
        // URLEncoder leaves '.', '*', '-' and '_' as they are; a dot must be escaped since it separates the parts.
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace(".", "%2E").replace("*", "%2A");
    }

    private static String decodePart(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
