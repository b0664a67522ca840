/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.util.regex.Pattern;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.config.TypeHandling;

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

    /**
     * The field name of a column (or of a composite type's attribute) under {@code field.name.adjustment.mode}: the
     * name itself (none), or a valid Avro name, {@code [A-Za-z_][A-Za-z0-9_]*}, with each other character turned
     * into '_' (avro) or into {@code _uXXXX}, its UTF-16 code in hex (avro_unicode). A name starting with a digit
     * gets a leading '_' (avro) or its digit as {@code _uXXXX} (avro_unicode).
     */
    public static String field(String name, TypeHandling.FieldNameMode mode) {
        return switch (mode) {
            case NONE -> name;
            case AVRO -> avroPart(name);
            case AVRO_UNICODE -> avroUnicode(name);
        };
    }

    private static String avroUnicode(String name) {
        StringBuilder adjusted = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean valid = c < 128 && (Character.isLetter(c) || c == '_' || (i > 0 && Character.isDigit(c)));
            if (valid) {
                adjusted.append(c);
            } else {
                adjusted.append(String.format("_u%04x", (int) c));
            }
        }
        return adjusted.isEmpty() ? "_" : adjusted.toString();
    }

    private static String avroPart(String part) {
        String cleaned = NOT_AVRO_CHAR.matcher(part).replaceAll("_");
        return cleaned.isEmpty() || Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
    }
}
