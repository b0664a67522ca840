/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.Config;

import io.herokupg.connect.HerokuPostgresSourceConnector;
import io.herokupg.connect.assign.TaskAssignment;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.config.TaskConfig;

/**
 * One round of the discovery scenario, in a JVM of its own: a real connector's {@code validate()},
 * {@code start()} and {@code taskConfigs()} on the config that selects the scenario's schema, each timed, and the
 * tables the task configs assign counted. Arguments: connection properties file, result file.
 */
public final class DiscoveryRound {
    private DiscoveryRound() {
    }

    public static void main(String[] args) throws Exception {
        DiscoveryScenario.Settings settings = DiscoveryScenario.Settings.fromSystemProperties();
        Map<String, String> config = new HashMap<>(BenchRound.readProperties(Path.of(args[0])));
        config.put("connector.class", HerokuPostgresSourceConnector.class.getName());
        config.put("name", "bench-discovery");
        config.put("topic.prefix", "bench");
        config.put("tasks.max", Integer.toString(settings.tasks()));
        config.put("table.include.list", DiscoveryScenario.SCHEMA + "\\..*");
        config.put("replication.method", settings.method());
        if ("INCREMENTAL".equals(settings.method())) {
            config.put("replication.key", "updated_at");
        }
        HerokuPostgresSourceConnector connector = new HerokuPostgresSourceConnector();
        long started = System.nanoTime();
        Config validated = connector.validate(config);
        long validatedAt = System.nanoTime();
        List<String> errors = validated.configValues().stream()
            .flatMap(v -> v.errorMessages().stream().map(m -> v.name() + ": " + m)).toList();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("validate() found problems: " + errors);
        }
        connector.start(config);
        long startedAt = System.nanoTime();
        List<Map<String, String>> tasks = connector.taskConfigs(settings.tasks());
        long assignedAt = System.nanoTime();
        connector.stop();
        long assigned = 0;
        Set<TableId> distinct = new HashSet<>();
        for (Map<String, String> task : tasks) {
            List<TableId> tables = TaskAssignment.decode(0, task.get(TaskConfig.TASK_ASSIGNMENT)).tables();
            assigned += tables.size();
            distinct.addAll(tables);
        }
        new Figures().put("round", args.length > 2 ? args[2] : "1")
            .put("validateNanos", validatedAt - started)
            .put("startNanos", startedAt - validatedAt)
            .put("taskConfigsNanos", assignedAt - startedAt)
            .put("tasks", tasks.size())
            .put("assigned", assigned)
            .put("distinct", distinct.size())
            .write(Path.of(args[1]));
        System.exit(0);
    }
}
