/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Keys of change capture (the CAPTURE method): where its log lives, who installs it, what a delete becomes. */
public final class CaptureFragment {
    public static final String GROUP = "Change capture";

    public static final String CAPTURE_SCHEMA = "capture.schema";
    public static final String CAPTURE_SETUP = "capture.setup";
    public static final String CAPTURE_DELETE_HANDLING = "capture.delete.handling";
    public static final String CAPTURE_LOG_WARN_AGE_MS = "capture.log.warn.age.ms";

    private CaptureFragment() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
            .define(CAPTURE_SCHEMA, Type.STRING, "herokupg_capture", new ConfigDef.NonEmptyStringWithoutControlChars(),
                Importance.MEDIUM,
                "The schema of the change-capture log of CAPTURE tables (created by the setup SQL). One per"
                    + " connector: the connector deletes the entries it has read from it.",
                GROUP, ++order, Width.MEDIUM, "Capture schema")
            .define(CAPTURE_SETUP, Type.STRING, "manual",
                Validators.oneOfIgnoringCase(names(CaptureSettings.Setup.class)), Importance.MEDIUM,
                "manual: the connector never changes the database; validation names each CAPTURE table without"
                    + " capture, with the SQL that installs it (run it as the tables' owner). auto: the connector"
                    + " installs capture on the CAPTURE tables when it starts, which needs the owner's credential.",
                GROUP, ++order, Width.SHORT, "Capture setup")
            .define(CAPTURE_DELETE_HANDLING, Type.STRING, "tombstone",
                Validators.oneOfIgnoringCase("tombstone", "marker+tombstone"), Importance.MEDIUM,
                "What a deleted row of a CAPTURE table becomes. tombstone: a record with the row's key and a null"
                    + " value, which a compacted topic uses to drop the key. marker+tombstone: first a delete"
                    + " marker, the key with a value whose fields are null but the key's (for consumers that skip"
                    + " null values; the table's other columns must then be nullable), then the tombstone.",
                GROUP, ++order, Width.SHORT, "Delete handling")
            .define(CAPTURE_LOG_WARN_AGE_MS, Type.LONG, 21_600_000L, ConfigDef.Range.atLeast(0L), Importance.LOW,
                "A WARN when the oldest entry of a CAPTURE table still in the capture log is older than this, in"
                    + " milliseconds: the log grows while a connector is stopped or failing. 0: never.",
                GROUP, ++order, Width.SHORT, "Capture log age warning (ms)");
    }

    static CaptureSettings settings(SourceConfig config) {
        String handling = config.getString(CAPTURE_DELETE_HANDLING).trim().toLowerCase(Locale.ROOT);
        return new CaptureSettings(config.getString(CAPTURE_SCHEMA).trim(),
            CaptureSettings.Setup.valueOf(config.getString(CAPTURE_SETUP).trim().toUpperCase(Locale.ROOT)),
            handling.startsWith("marker"), Duration.ofMillis(config.getLong(CAPTURE_LOG_WARN_AGE_MS)));
    }

    private static String[] names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
            .toArray(String[]::new);
    }
}
