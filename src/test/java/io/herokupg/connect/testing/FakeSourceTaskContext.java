/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The task's view of the worker, for driving a task directly: offsets are kept in memory, as the worker would have
 * committed them after the records were acknowledged.
 */
public final class FakeSourceTaskContext implements SourceTaskContext {
    private final Map<String, String> config;
    private final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();

    public FakeSourceTaskContext(Map<String, String> config) {
        this.config = config;
    }

    /** Records the offsets of acknowledged records, as the worker's offset commit would. */
    @SuppressWarnings("unchecked")
    public void commit(Iterable<SourceRecord> records) {
        for (SourceRecord record : records) {
            committed.put((Map<String, Object>) record.sourcePartition(),
                (Map<String, Object>) record.sourceOffset());
        }
    }

    @Override
    public Map<String, String> configs() {
        return config;
    }

    /** No plugin metrics here (KIP-877); the connector must work without them, as on workers before 4.1. */
    @Override
    public PluginMetrics pluginMetrics() {
        throw new UnsupportedOperationException("no plugin metrics in this fake worker");
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return committed.get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                for (Map<String, T> partition : partitions) {
                    result.put(partition, committed.get(partition));
                }
                return result;
            }
        };
    }
}
