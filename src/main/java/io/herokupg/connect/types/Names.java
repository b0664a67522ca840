/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.util.regex.Pattern;

import io.herokupg.connect.catalog.TableId;

/** Topic and schema names derived from table names, made valid for Kafka and for Avro/Protobuf converters. */
public final class Names {
    private static final Pattern NOT_TOPIC_CHAR = Pattern.compile("[^a-zA-Z0-9._-]");
    private static final Pattern NOT_AVRO_CHAR = Pattern.compile("[^A-Za-z0-9_]");

    private Names() {
    }

    /** {@code <prefix>.<schema>.<table>}, with characters Kafka does not allow in topic names turned into '_'. */
    public static String topic(String prefix, TableId table) {
        return prefix + "." + NOT_TOPIC_CHAR.matcher(table.schema()).replaceAll("_") + "."
            + NOT_TOPIC_CHAR.matcher(table.table()).replaceAll("_");
    }

    /** A dotted schema name each of whose parts is a valid Avro name: {@code [A-Za-z_][A-Za-z0-9_]*}. */
    static String schemaName(String prefix, TableId table, String suffix) {
        StringBuilder name = new StringBuilder();
        for (String part : prefix.split("\\.")) {
            name.append(avroPart(part)).append('.');
        }
        return name.append(avroPart(table.schema())).append('.').append(avroPart(table.table())).append('.')
            .append(suffix).toString();
    }

    /**
     * The name of the STRUCT schema of a composite type: {@code <prefix>.<schema>.<type>}, each part a valid Avro
     * name, so that every table using the type shares one schema name.
     */
    static String typeSchemaName(String prefix, String schema, String type) {
        StringBuilder name = new StringBuilder();
        for (String part : prefix.split("\\.")) {
            name.append(avroPart(part)).append('.');
        }
        return name.append(avroPart(schema)).append('.').append(avroPart(type)).toString();
    }

    private static String avroPart(String part) {
        String cleaned = NOT_AVRO_CHAR.matcher(part).replaceAll("_");
        return cleaned.isEmpty() || Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
    }
}
