/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.kafka.connect.data.Schema;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.PgType;
import io.herokupg.connect.config.TypeHandling;

/**
 * The README's type table, generated from the registry: for each PostgreSQL type, the schema {@link TypeMapper}
 * gives a column of it with the default modes, and the schemas other modes give.
 */
public final class TypeDocs {
    private static final String CONNECT_DATA = "org.apache.kafka.connect.data.";

    /** A row of the table: the types it covers (each documented type rendered identically) and a note. */
    record Row(String label, List<PgType> types, String note) {
    }

    private TypeDocs() {
    }

    /** The mode values other than the defaults, each as a key=value label and the modes it makes. */
    static Map<String, TypeHandling> otherModes() {
        TypeHandling d = TypeHandling.DEFAULT;
        Map<String, TypeHandling> modes = new LinkedHashMap<>();
        for (TypeHandling.DecimalMode m : new TypeHandling.DecimalMode[] {TypeHandling.DecimalMode.DOUBLE,
            TypeHandling.DecimalMode.STRING}) {
            modes.put("decimal.handling.mode=" + lower(m), new TypeHandling(m, d.time(), d.interval(), d.binary(),
                d.hstore(), d.unsupported(), d.headers()));
        }
        modes.put("time.precision.mode=connect", new TypeHandling(d.decimal(), TypeHandling.TimeMode.CONNECT,
            d.interval(), d.binary(), d.hstore(), d.unsupported(), d.headers()));
        modes.put("interval.handling.mode=numeric", new TypeHandling(d.decimal(), d.time(),
            TypeHandling.IntervalMode.NUMERIC, d.binary(), d.hstore(), d.unsupported(), d.headers()));
        for (TypeHandling.BinaryMode m : new TypeHandling.BinaryMode[] {TypeHandling.BinaryMode.BASE64,
            TypeHandling.BinaryMode.HEX}) {
            modes.put("binary.handling.mode=" + lower(m), new TypeHandling(d.decimal(), d.time(), d.interval(), m,
                d.hstore(), d.unsupported(), d.headers()));
        }
        modes.put("hstore.handling.mode=json", new TypeHandling(d.decimal(), d.time(), d.interval(), d.binary(),
            TypeHandling.HstoreMode.JSON, d.unsupported(), d.headers()));
        for (TypeHandling.UnsupportedMode m : new TypeHandling.UnsupportedMode[] {TypeHandling.UnsupportedMode.SKIP,
            TypeHandling.UnsupportedMode.STRING}) {
            modes.put("unsupported.type.handling=" + lower(m), new TypeHandling(d.decimal(), d.time(), d.interval(),
                d.binary(), d.hstore(), m, d.headers()));
        }
        return modes;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The table, in Markdown. */
    public static String markdown() {
        StringBuilder md = new StringBuilder("| PostgreSQL | Connect schema (defaults) | Other modes | Notes |\n"
            + "|---|---|---|---|\n");
        for (Row row : TypeDocRows.rows()) {
            PgType type = row.types().get(0);
            String standard = render(type, TypeHandling.DEFAULT);
            List<String> others = new ArrayList<>();
            otherModes().forEach((mode, handling) -> {
                String schema = render(type, handling);
                if (!schema.equals(standard)) {
                    others.add("`" + mode + "`: " + schema);
                }
            });
            md.append("| ").append(row.label()).append(" | ").append(standard).append(" | ")
                .append(String.join("; ", others)).append(" | ").append(row.note()).append(" |\n");
        }
        return md.toString();
    }

    /** How a nullable column of the type is represented under the modes. */
    static String render(PgType type, TypeHandling handling) {
        ColumnInfo column = new ColumnInfo("c", 1, type.oid(), type.name(), type.schema(), type.name(),
            type.typmod(), false, type);
        Optional<ColumnMapping> mapping;
        try {
            mapping = TypeMapper.mappingFor("s.t", column, handling, "prefix");
        } catch (UnsupportedTypeException e) {
            return "fails validation, naming the column";
        }
        return mapping.map(m -> describe(m.schema())).orElse("column left out (logged)");
    }

    /** A schema in words: type, semantic name, parameters; arrays, maps and structs with their parts. */
    static String describe(Schema schema) {
        return switch (schema.type()) {
            case ARRAY -> "ARRAY of " + optional(schema.valueSchema()) + describe(schema.valueSchema());
            case MAP -> "MAP of " + describe(schema.keySchema()) + " to " + optional(schema.valueSchema())
                + describe(schema.valueSchema());
            case STRUCT -> "STRUCT `" + schema.name() + "` of its fields (optional)";
            default -> named(schema);
        };
    }

    private static String optional(Schema schema) {
        return schema.isOptional() ? "optional " : "";
    }

    private static String named(Schema schema) {
        String text = schema.type().name();
        if (schema.name() != null) {
            String name = schema.name().startsWith(CONNECT_DATA) ? schema.name().substring(CONNECT_DATA.length())
                : schema.name();
            text += " `" + name + "`";
        }
        if (schema.parameters() != null && !schema.parameters().isEmpty()) {
            text += " (" + schema.parameters().keySet().stream().map(k -> "`" + k + "`")
                .collect(Collectors.joining(", ")) + ")";
        }
        return text;
    }
}
