/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.List;
import java.util.regex.Pattern;

/** The include and exclude rules for columns; a rule matches the whole {@code schema.table.column} name. */
public record ColumnSelection(List<Pattern> include, List<Pattern> exclude) {

    public ColumnSelection {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** True when the column is selected. */
    public boolean matches(String schema, String table, String column) {
        String name = schema + "." + table + "." + column;
        boolean included = include.isEmpty() || include.stream().anyMatch(p -> p.matcher(name).matches());
        return included && exclude.stream().noneMatch(p -> p.matcher(name).matches());
    }
}
