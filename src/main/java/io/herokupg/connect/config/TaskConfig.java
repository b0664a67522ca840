/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** A task's configuration: the connector's, plus the work the connector assigned to this task. */
public final class TaskConfig extends SourceConfig {
    /** Internal: the tables of this task, as encoded by the connector's assigner. */
    public static final String TASK_ASSIGNMENT = "task.assignment";
    /** Internal: the index of this task among the connector's tasks. */
    public static final String TASK_INDEX = "task.index";
    /** Internal: the split loads in progress (their ranges, the snapshot to import), as the connector encoded them. */
    public static final String TASK_SPLITS = "task.splits";

    private static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
        .define(TASK_ASSIGNMENT, Type.STRING, Importance.HIGH, "Internal: the tables assigned to this task.")
        .define(TASK_INDEX, Type.INT, Importance.LOW, "Internal: the index of this task.")
        .define(TASK_SPLITS, Type.STRING, "", Importance.LOW, "Internal: the split loads in progress.");

    public TaskConfig(Map<String, String> props) {
        super(TASK_CONFIG_DEF, props);
    }

    /**
     * A task's config, its connection settings resolved once to check them.
     *
     * @throws ConnectException with the problem's message (which never shows a secret) if the config is invalid
     */
    public static TaskConfig of(Map<String, String> props) {
        try {
            TaskConfig config = new TaskConfig(props);
            config.connection();
            return config;
        } catch (ConfigException e) {
            throw new ConnectException(e.getMessage(), null);
        }
    }

    /** The task config the connector hands out: the connector's own keys, unchanged, plus the assignment. */
    public static Map<String, String> forTask(Map<String, String> connectorProps, int index, String assignment) {
        return forTask(connectorProps, index, assignment, "");
    }

    /** {@link #forTask(Map, int, String)}, with the split loads in progress. */
    public static Map<String, String> forTask(Map<String, String> connectorProps, int index, String assignment,
                                              String splits) {
        Map<String, String> props = new HashMap<>(connectorProps);
        props.put(TASK_ASSIGNMENT, assignment);
        props.put(TASK_INDEX, Integer.toString(index));
        if (!splits.isEmpty()) {
            props.put(TASK_SPLITS, splits);
        }
        return props;
    }

    /**
     * This config with the database given by a (fresh) database URL in place of the configured connection keys: the
     * credentials fetched after a rotation.
     *
     * @throws KeyedConfigException if the URL is not a usable database URL; the message never shows it
     */
    public TaskConfig withDatabaseUrl(String url) {
        Map<String, String> props = new HashMap<>(originalsStrings());
        for (String key : new String[] {ConnectionFragment.HOSTNAME, ConnectionFragment.PORT, ConnectionFragment.USER,
            ConnectionFragment.PASSWORD, ConnectionFragment.DBNAME}) {
            props.remove(key);
        }
        props.put(ConnectionFragment.URL, url);
        return new TaskConfig(props);
    }

    public String assignment() {
        return getString(TASK_ASSIGNMENT);
    }

    /** The split loads in progress, as encoded ({@code SplitLoad.encode}). */
    public String splits() {
        return getString(TASK_SPLITS);
    }

    public int taskIndex() {
        return getInt(TASK_INDEX);
    }
}
