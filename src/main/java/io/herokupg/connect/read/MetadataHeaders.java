/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

import io.herokupg.connect.catalog.TableId;

/**
 * The optional {@code _heroku} record headers ({@code metadata.headers.enable}): where and how a record was read,
 * kept out of the value so that its schema stays the table's.
 */
final class MetadataHeaders {
    static final String EXTRACTED_AT = "_heroku.extracted_at";
    static final String METHOD = "_heroku.method";
    static final String TABLE = "_heroku.table";
    static final String KEY = "_heroku.key";

    private final boolean enabled;
    private final String method;
    private final String table;

    MetadataHeaders(boolean enabled, String method, TableId table) {
        this.enabled = enabled;
        this.method = method;
        this.table = table.toString();
    }

    boolean enabled() {
        return enabled;
    }

    /** Adds the headers to a record read at {@code extractedAtMs}; {@code key} is the replication key as text. */
    SourceRecord add(SourceRecord record, long extractedAtMs, String key) {
        if (enabled) {
            Headers headers = record.headers();
            headers.addLong(EXTRACTED_AT, extractedAtMs);
            headers.addString(METHOD, method);
            headers.addString(TABLE, table);
            if (key != null) {
                headers.addString(KEY, key);
            }
        }
        return record;
    }
}
