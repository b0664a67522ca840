/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What table discovery selects: the relations of these kinds whose {@code schema.table} the table rules select,
 * with the columns the column rules select.
 *
 * @param types   {@code table.types}
 * @param tables  {@code table.include.list} and {@code table.exclude.list}
 * @param columns {@code column.include.list} and {@code column.exclude.list}
 */
public record DiscoverySettings(Set<TableType> types, TableSelection tables, ColumnSelection columns) {

    public DiscoverySettings {
        Set<TableType> kinds = EnumSet.noneOf(TableType.class);
        kinds.addAll(types);
        types = Collections.unmodifiableSet(kinds);
    }
}
