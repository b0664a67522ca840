/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The worker's ceiling in the {@code scale-out} scenario: a source connector that reads no database. Its tasks emit
 * {@code synthetic.rows} records with the key and value schemas of the connector's own records for the benchmark
 * table, and values copied from a sample of them (the {@code synthetic.sample} file of JsonConverter lines, see
 * {@link SyntheticSourceTask}), ids 1 to {@code synthetic.rows} split into contiguous ranges, one per task. Test
 * scope: the benchmark's worker loads it from the classpath.
 */
public final class SyntheticSourceConnector extends SourceConnector {
    static final String ROWS = "synthetic.rows";
    static final String SAMPLE = "synthetic.sample";
    static final String TOPIC = "synthetic.topic";
    static final String BATCH = "synthetic.batch";
    static final String FIRST_ID = "synthetic.first.id";
    static final String LAST_ID = "synthetic.last.id";

    private Map<String, String> config;

    @Override
    public void start(Map<String, String> props) {
        config = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SyntheticSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        long rows = Long.parseLong(config.get(ROWS));
        List<Map<String, String>> tasks = new ArrayList<>();
        for (long[] range : ranges(rows, maxTasks)) {
            Map<String, String> task = new HashMap<>(config);
            task.put(FIRST_ID, Long.toString(range[0]));
            task.put(LAST_ID, Long.toString(range[1]));
            tasks.add(task);
        }
        return tasks;
    }

    /** Ids 1 to {@code rows} in {@code parts} contiguous ranges {first, last} whose sizes differ by at most one. */
    static List<long[]> ranges(long rows, int parts) {
        List<long[]> ranges = new ArrayList<>();
        long first = 1;
        for (int i = 0; i < parts; i++) {
            long size = rows / parts + (i < rows % parts ? 1 : 0);
            ranges.add(new long[] {first, first + size - 1});
            first += size;
        }
        return ranges;
    }

    @Override
    public void stop() {
        // Nothing to release.
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(ROWS, ConfigDef.Type.LONG, ConfigDef.Importance.HIGH, "records to emit over all tasks")
            .define(SAMPLE, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "file of sample key/value JSON lines")
            .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "the topic to write to")
            .define(BATCH, ConfigDef.Type.INT, 2000, ConfigDef.Importance.LOW, "records per poll()");
    }

    @Override
    public String version() {
        return "bench";
    }
}
