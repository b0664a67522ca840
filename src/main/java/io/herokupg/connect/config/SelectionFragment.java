/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Keys that choose which tables are replicated. */
public final class SelectionFragment {
    public static final String GROUP = "Selection";

    public static final String TABLE_INCLUDE_LIST = "table.include.list";
    public static final String TABLE_EXCLUDE_LIST = "table.exclude.list";
    public static final String COLUMN_INCLUDE_LIST = "column.include.list";
    public static final String COLUMN_EXCLUDE_LIST = "column.exclude.list";
    public static final String TABLE_TYPES = "table.types";

    private SelectionFragment() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
            .define(TABLE_INCLUDE_LIST, Type.LIST, "", Validators.regexList(), Importance.HIGH,
                "Comma-separated Java regular expressions; a table is replicated when one of them matches its"
                    + " whole schema.table name. Empty: every table the user can read, outside the system schemas.",
                GROUP, ++order, Width.LONG, "Tables to include")
            .define(TABLE_EXCLUDE_LIST, Type.LIST, "", Validators.regexList(), Importance.MEDIUM,
                "Comma-separated Java regular expressions; a table whose whole schema.table name one of them"
                    + " matches is not replicated, even if included.",
                GROUP, ++order, Width.LONG, "Tables to exclude")
            .define(TABLE_TYPES, Type.LIST, TableType.TABLE.name(), Validators.listOf(TableType.names()),
                Importance.MEDIUM, "Kinds of relations to replicate. A partitioned table is one TABLE, read"
                    + " through its parent; its partitions are not replicated separately. Views and relations"
                    + " without a primary key get a null record key, and an interrupted pass over them starts over.",
                GROUP, ++order, Width.MEDIUM, "Table types")
            .define(COLUMN_INCLUDE_LIST, Type.LIST, "", Validators.regexList(), Importance.MEDIUM,
                "Comma-separated Java regular expressions; a column is replicated when one of them matches its"
                    + " whole schema.table.column name. Empty: every column. Primary-key columns cannot be left out.",
                GROUP, ++order, Width.LONG, "Columns to include")
            .define(COLUMN_EXCLUDE_LIST, Type.LIST, "", Validators.regexList(), Importance.MEDIUM,
                "Comma-separated Java regular expressions; a column whose whole schema.table.column name one of"
                    + " them matches is not replicated. Primary-key columns cannot be excluded.",
                GROUP, ++order, Width.LONG, "Columns to exclude");
    }

    static List<Pattern> compile(List<String> regexes) {
        return regexes.stream().map(String::trim).filter(s -> !s.isEmpty()).map(Pattern::compile).toList();
    }
}
