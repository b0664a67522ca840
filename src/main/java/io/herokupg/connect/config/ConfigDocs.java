/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/** Renders a {@link ConfigDef} as the Markdown reference in the README, grouped and ordered as defined. */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    public static String markdown(ConfigDef def) {
        StringBuilder out = new StringBuilder();
        for (String group : def.groups()) {
            List<ConfigKey> keys = def.configKeys().values().stream()
                .filter(k -> group.equals(k.group))
                .sorted((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup))
                .toList();
            out.append("#### ").append(group).append("\n\n")
                .append("| Key | Type | Default | Valid values | Meaning |\n")
                .append("|---|---|---|---|---|\n");
            for (ConfigKey key : keys) {
                out.append("| `").append(key.name).append("` | ")
                    .append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(defaultOf(key)).append(" | ")
                    .append(key.validator == null ? "" : escape(key.validator.toString())).append(" | ")
                    .append(escape(key.documentation)).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String defaultOf(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        Object value = key.defaultValue;
        if (value == null) {
            return "";
        }
        String text = value instanceof List<?> list ? String.join(",", list.stream().map(Object::toString).toList())
            : value.toString();
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
