/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Arrays;

/**
 * Kinds of relations that can be replicated. A partitioned table is a TABLE, read through its parent; its partitions
 * are never replicated on their own.
 */
public enum TableType {
    TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE;

    public static String[] names() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }
}
