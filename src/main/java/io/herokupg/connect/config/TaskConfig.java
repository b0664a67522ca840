/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** A task's configuration: the connector's, plus the work the connector assigned to this task. */
public final class TaskConfig extends SourceConfig {
    /** Internal: the tables of this task, as encoded by the connector's assigner. */
    public static final String TASK_ASSIGNMENT = "task.assignment";
    /** Internal: the index of this task among the connector's tasks. */
    public static final String TASK_INDEX = "task.index";

    private static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
        .define(TASK_ASSIGNMENT, Type.STRING, Importance.HIGH, "Internal: the tables assigned to this task.")
        .define(TASK_INDEX, Type.INT, Importance.LOW, "Internal: the index of this task.");

    public TaskConfig(Map<String, String> props) {
        super(TASK_CONFIG_DEF, props);
    }

    /** The task config the connector hands out: the connector's own keys, unchanged, plus the assignment. */
    public static Map<String, String> forTask(Map<String, String> connectorProps, int index, String assignment) {
        Map<String, String> props = new HashMap<>(connectorProps);
        props.put(TASK_ASSIGNMENT, assignment);
        props.put(TASK_INDEX, Integer.toString(index));
        return props;
    }

    public String assignment() {
        return getString(TASK_ASSIGNMENT);
    }

    public int taskIndex() {
        return getInt(TASK_INDEX);
    }
}
