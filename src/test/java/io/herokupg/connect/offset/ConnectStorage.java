/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.offset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;

/** What Connect's offset storage does to the maps a connector hands it, for round-trip tests. */
final class ConnectStorage {
    private static final String NAMESPACE = "connector";

    private ConnectStorage() {
    }

    /** Every integral number turned into a Long, recursively, as Connect's schemaless JSON storage does. */
    static Map<String, Object> numbersAsLong(Map<String, ?> map) {
        Map<String, Object> result = new HashMap<>();
        map.forEach((key, value) -> result.put(key, convert(value)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object convert(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Map<?, ?> map) {
            return numbersAsLong((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(item -> result.add(convert(item)));
            return result;
        }
        return value;
    }

    /** The bytes the worker's offset store keys a partition by (JSON, schemas off). */
    static byte[] serialized(Map<String, ?> map) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false"), false);
            return converter.fromConnectData(NAMESPACE, null, map);
        }
    }

    /** The map written and read back through the JSON converter the worker uses for offsets. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> throughJson(Map<String, ?> map) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false"), false);
            byte[] bytes = converter.fromConnectData(NAMESPACE, null, map);
            SchemaAndValue read = converter.toConnectData(NAMESPACE, bytes);
            return (Map<String, Object>) read.value();
        }
    }
}
