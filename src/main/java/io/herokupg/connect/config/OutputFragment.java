/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Keys that shape the records and topics the connector writes. */
public final class OutputFragment {
    public static final String GROUP = "Output";

    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String REPORTS_TOPIC = "reports.topic";

    private static final Pattern NOT_LOWER_ALNUM = Pattern.compile("[^a-z0-9]+");

    private OutputFragment() {
    }

    static ConfigDef define(ConfigDef def) {
        return def.define(TOPIC_PREFIX, Type.STRING, "", Validators.topicNamePart(), Importance.HIGH,
            "Start of every topic name: rows of table schema.table go to <topic.prefix>.<schema>.<table>."
                + " Empty: the connector's name, lower-cased, with every run of characters other than a-z and"
                + " 0-9 turned into '_' and leading or trailing '_' removed ('Stitch Heroku' gives stitch_heroku).",
            GROUP, 1, Width.MEDIUM, "Topic prefix")
            .define(REPORTS_TOPIC, Type.STRING, "", Validators.topicNamePart(), Importance.LOW,
                "Topic that receives a loading report for every completed pass that emitted rows (table, method,"
                    + " rows, bytes, start and end times, position; JSON-serialisable, keyed by table), to alert on"
                    + " what was loaded. Empty: no reports.",
                GROUP, 2, Width.MEDIUM, "Loading reports topic");
    }

    /** The default topic prefix for a connector name, as Stitch derives it: "Stitch Heroku" gives stitch_heroku. */
    public static String defaultPrefix(String connectorName) {
        String lower = connectorName == null ? "" : connectorName.toLowerCase(Locale.ROOT);
        String underscored = NOT_LOWER_ALNUM.matcher(lower).replaceAll("_");
        int start = 0;
        int end = underscored.length();
        while (start < end && underscored.charAt(start) == '_') {
            start++;
        }
        while (end > start && underscored.charAt(end - 1) == '_') {
            end--;
        }
        return underscored.substring(start, end);
    }
}
