/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Keys of the split load: when a large table's full read is split into primary-key ranges across tasks. */
public final class SplitFragment {
    public static final String GROUP = "Split load";

    public static final String SPLIT_MIN_ROWS = "split.min.rows";
    public static final String SPLIT_MAX_RANGES = "split.max.ranges";

    private SplitFragment() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
            .define(SPLIT_MIN_ROWS, Type.LONG, 1_000_000L, ConfigDef.Range.atLeast(1L), Importance.MEDIUM,
                "A table whose full read (a FULL_TABLE pass, the first pass of INCREMENTAL and XMIN) covers at"
                    + " least this many rows, by the catalog's estimate (pg_class.reltuples), is read as"
                    + " primary-key ranges spread across the connector's tasks, all from one snapshot the"
                    + " connector exports and holds while they run (one extra connection). Only tables with a"
                    + " primary key and start.position=full are split.",
                GROUP, ++order, Width.SHORT, "Split from rows")
            .define(SPLIT_MAX_RANGES, Type.INT, 16, ConfigDef.Range.between(1, 256), Importance.MEDIUM,
                "The most ranges a split table's full read is cut into; it also takes at most tasks.max. 1: no"
                    + " table is split. Each range holds one of its task's connections while it is read.",
                GROUP, ++order, Width.SHORT, "Split ranges at most");
    }

    static SplitSettings settings(SourceConfig config) {
        return new SplitSettings(config.getLong(SPLIT_MIN_ROWS), config.getInt(SPLIT_MAX_RANGES));
    }
}
