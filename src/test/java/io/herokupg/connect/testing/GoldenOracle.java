/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.herokupg.connect.config.TypeHandling;

/**
 * What PostgreSQL itself says a value is, and what the connector must emit for it under the documented mapping.
 * Each oracle is a SQL expression of the value giving JSON (computed by the server, never by the connector's
 * decoders): a scalar's oracle is a text (e.g. {@code extract(epoch …)} for a timestamp, {@code encode(x,'hex')}
 * for bytea), an array's the JSON array of its elements' oracles (by {@code generate_subscripts}), a composite's
 * the JSON array of its fields' oracles, an hstore's its {@code each()} pairs as an object. The expected value is
 * then computed from that JSON by small test-side rules.
 */
public sealed interface GoldenOracle {

    /** The SQL expression (JSON) of the oracle of value expression {@code x}; {@code depth} keeps aliases apart. */
    String sql(String x, int depth);

    /** The value the connector must emit, from the oracle's JSON (null or JSON null for NULL). */
    Object expected(JsonNode oracle, TypeHandling handling);

    /** The schema the connector must use, as {@link #describe(org.apache.kafka.connect.data.Schema)} writes it. */
    String schema(TypeHandling handling);

    /** PostgreSQL text → expected Connect value, by mode. */
    @FunctionalInterface
    interface Expect {
        Object of(String text, TypeHandling handling);
    }

    /**
     * A single value whose oracle is the text of {@code sqlTemplate} ({@code %1$s} the value).
     */
    record Scalar(String sqlTemplate, Expect expect, Function<TypeHandling, String> schemaOf)
        implements GoldenOracle {
        @Override
        public String sql(String x, int depth) {
            return "to_json((" + String.format(sqlTemplate, x) + ")::text)";
        }

        @Override
        public Object expected(JsonNode oracle, TypeHandling handling) {
            return isNull(oracle) ? null : expect.of(oracle.textValue(), handling);
        }

        @Override
        public String schema(TypeHandling handling) {
            return schemaOf.apply(handling);
        }
    }

    /** A one-dimensional array: elements by subscript, whatever the lower bound. */
    record ArrayOf(GoldenOracle element) implements GoldenOracle {
        @Override
        public String sql(String x, int depth) {
            String o = "o" + depth;
            return "CASE WHEN " + x + " IS NULL THEN NULL ELSE coalesce((SELECT json_agg("
                + element.sql("(" + x + ")[" + o + "]", depth + 1) + " ORDER BY " + o + ") FROM generate_subscripts("
                + x + ", 1) AS " + o + "), '[]'::json) END";
        }

        @Override
        public Object expected(JsonNode oracle, TypeHandling handling) {
            if (isNull(oracle)) {
                return null;
            }
            List<Object> values = new ArrayList<>();
            oracle.forEach(e -> values.add(element.expected(e, handling)));
            return values;
        }

        @Override
        public String schema(TypeHandling handling) {
            return "ARRAY<" + element.schema(handling) + ">";
        }
    }

    /** A field of a composite type. */
    record Field(String name, GoldenOracle oracle) {
    }

    /** A composite value: a STRUCT of its fields; NULL when its text is (a row of NULLs is not NULL). */
    record Composite(String schemaName, List<Field> fields) implements GoldenOracle {
        @Override
        public String sql(String x, int depth) {
            return "CASE WHEN (" + x + ")::text IS NULL THEN NULL ELSE json_build_array(" + fields.stream()
                .map(f -> f.oracle().sql("(" + x + ").\"" + f.name() + "\"", depth + 1))
                .collect(Collectors.joining(", ")) + ") END";
        }

        @Override
        public Object expected(JsonNode oracle, TypeHandling handling) {
            if (isNull(oracle)) {
                return null;
            }
            Map<String, Object> struct = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                struct.put(fields.get(i).name(), fields.get(i).oracle().expected(oracle.get(i), handling));
            }
            return new StructValue(struct);
        }

        @Override
        public String schema(TypeHandling handling) {
            return "STRUCT " + schemaName;
        }
    }

    /** hstore: its pairs from hstore's own {@code each()}; a MAP, or the JSON object they make. */
    record Hstore(String extensionSchema) implements GoldenOracle {
        @Override
        public String sql(String x, int depth) {
            return "CASE WHEN " + x + " IS NULL THEN NULL ELSE coalesce((SELECT json_object_agg(k, v) FROM "
                + extensionSchema + ".each(" + x + ") AS p(k, v)), '{}'::json) END";
        }

        @Override
        public Object expected(JsonNode oracle, TypeHandling handling) {
            if (isNull(oracle)) {
                return null;
            }
            if (handling.hstore() == TypeHandling.HstoreMode.JSON) {
                return new JsonValue(oracle);
            }
            Map<String, String> pairs = new HashMap<>();
            oracle.fields().forEachRemaining(e -> pairs.put(e.getKey(), e.getValue().isNull() ? null
                : e.getValue().textValue()));
            return pairs;
        }

        @Override
        public String schema(TypeHandling handling) {
            return handling.hstore() == TypeHandling.HstoreMode.JSON ? "STRING io.debezium.data.Json"
                : "MAP<STRING,STRING>";
        }
    }

    /** The expected fields of a Connect Struct, by name. */
    record StructValue(Map<String, Object> fields) {
    }

    /** Expected JSON text, compared as parsed JSON (key order and escaping free). */
    record JsonValue(JsonNode json) {
    }

    private static boolean isNull(JsonNode node) {
        return node == null || node.isNull();
    }

    /** A schema as the oracles write it: type, name; element schema of arrays; MAP's key and value types. */
    static String describe(org.apache.kafka.connect.data.Schema schema) {
        return switch (schema.type()) {
            case ARRAY -> "ARRAY<" + describe(schema.valueSchema()) + ">";
            case MAP -> "MAP<" + schema.keySchema().type() + "," + schema.valueSchema().type() + ">";
            default -> schema.type() + (schema.name() == null ? "" : " " + schema.name());
        };
    }
}
