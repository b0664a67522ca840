/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads PostgreSQL's text form of a {@code txid_snapshot}: {@code xmin:xmax:xip1,xip2,…}, with 64-bit
 * (epoch-extended) transaction ids.
 */
public final class Snapshots {
    private Snapshots() {
    }

    /**
     * The transaction-id bounds of a snapshot: ids below {@code xmin} are all finished, ids from {@code xmax} on had
     * not started.
     */
    public record Bounds(long xmin, long xmax) {
    }

    /** The ids of the transactions running in a snapshot (its xip list). */
    public static List<Long> running(String text) {
        parse(text);
        String list = text.split(":", -1)[2];
        List<Long> ids = new ArrayList<>();
        if (!list.isEmpty()) {
            for (String xip : list.split(",", -1)) {
                ids.add(Long.parseLong(xip));
            }
        }
        return ids;
    }

    /**
     * Parses a snapshot's text.
     *
     * @throws IllegalArgumentException when it is not {@code xmin:xmax:[xip,…]} with 0 &lt; xmin &lt;= xmax
     */
    public static Bounds parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a snapshot is written xmin:xmax:xip,…; it is \"" + text + "\"");
        }
        try {
            long xmin = Long.parseLong(parts[0]);
            long xmax = Long.parseLong(parts[1]);
            if (xmin <= 0 || xmax < xmin) {
                throw new IllegalArgumentException("a snapshot has 0 < xmin <= xmax; it is \"" + text + "\"");
            }
            if (!parts[2].isEmpty()) {
                for (String xip : parts[2].split(",", -1)) {
                    long id = Long.parseLong(xip);
                    if (id < xmin || id >= xmax) {
                        throw new IllegalArgumentException("a snapshot's running ids lie in [xmin, xmax); it is \""
                            + text + "\"");
                    }
                }
            }
            return new Bounds(xmin, xmax);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a snapshot is written xmin:xmax:xip,… with integers; it is \"" + text
                + "\"", e);
        }
    }
}
