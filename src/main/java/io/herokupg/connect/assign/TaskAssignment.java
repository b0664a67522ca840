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
public record TaskAssignment(int taskIndex, List<TableId> tables) {

    public TaskAssignment {
        tables = List.copyOf(tables);
    }

    public String encode() {
        List<String> parts = new ArrayList<>(tables.size());
        for (TableId id : tables) {
            parts.add(encodePart(id.schema()) + "." + encodePart(id.table()));
        }
        return String.join(",", parts);
    }

    /**
     * Decodes {@link #encode()}'s output.
     *
     * @throws IllegalArgumentException when the text was not made by {@link #encode()}
     */
    public static TaskAssignment decode(int taskIndex, String encoded) {
        List<TableId> tables = new ArrayList<>();
        if (!encoded.isEmpty()) {
            for (String part : encoded.split(",", -1)) {
                int dot = part.indexOf('.');
                if (dot < 0 || part.indexOf('.', dot + 1) >= 0) {
                    throw new IllegalArgumentException("malformed table in task assignment: '" + part + "'");
                }
                tables.add(new TableId(decodePart(part.substring(0, dot)), decodePart(part.substring(dot + 1))));
            }
        }
        return new TaskAssignment(taskIndex, tables);
    }

    private static String encodePart(String s) {
        // URLEncoder leaves '.', '*', '-' and '_' as they are; a dot must be escaped since it separates the parts.
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace(".", "%2E").replace("*", "%2A");
    }

    private static String decodePart(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
