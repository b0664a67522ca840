/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.assign.TaskAssigner;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.check.Preflight;
import io.herokupg.connect.config.ForeignSettings;
import io.herokupg.connect.config.KeyedConfigException;
import io.herokupg.connect.config.SourceConfig;
import io.herokupg.connect.config.TaskConfig;
import io.herokupg.connect.metrics.ConnectorObserver;
import io.herokupg.connect.offset.SourcePartitionKey;
import io.herokupg.connect.offset.SplitLoad;
import io.herokupg.connect.offset.SplitPartitionKey;
import io.herokupg.connect.offset.TableOffset;

/**
 * The planner: checks the configuration, discovers the selected tables and splits them across tasks. It reads no
 * rows; {@link HerokuPostgresSourceTask} does.
 */
public class HerokuPostgresSourceConnector extends SourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(HerokuPostgresSourceConnector.class);

    private Map<String, String> props;
    /** The current plan, kept up to date by the scheduled discovery. */
    private volatile TableDiscoveryJob discovery;
    /** The task configurations made last. */
    private volatile int tasks;
    /** The connector's metrics. */
    private ConnectorObserver observer;
    /** The split loads: which big tables' full reads are spread across tasks, and their snapshots. */
    private volatile SplitLoads splits;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public ConfigDef config() {
        return SourceConfig.CONFIG_DEF;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return HerokuPostgresSourceTask.class;
    }

    @Override
    public void start(Map<String, String> props) {
        SourceConfig config;
        try {
            config = new SourceConfig(props);
            config.topicPrefix();
        } catch (ConfigException e) {
            throw new ConnectException(e.getMessage(), null);
        }
        this.props = Map.copyOf(props);
        Preflight.Result checked = Preflight.run(config);
        if (!checked.ok()) {
            throw new ConnectException(checked.message());
        }
        List<TableInfo> tables = checked.tables();
        LOG.info("Replicating {} table(s): {}", tables.size(), tables.stream().map(t -> t.id().toString()).toList());
        TableDiscoveryJob job = new TableDiscoveryJob(config.connectorName().orElse(""),
            config.tableDiscoveryInterval(), tables, () -> Preflight.run(config, false), context);
        job.start();
        discovery = job;
        splits = new SplitLoads(config, context());
        observer = ConnectorObserver.create(context, config.connectorName().orElse(""), () -> {
            TableDiscoveryJob plan = discovery;
            return plan == null ? 0 : plan.tables().size();
        }, () -> this.tasks);
    }

    /**
     * Validates in three layers, each message attached to the key to fix: (1) each key on its own (ConfigDef
     * validators, and the settings of the connectors people migrate from, each with a "did you mean"); (2) rules
     * across keys, only if (1) passed; (3) live checks against the database under a timeout, only if (2) passed:
     * reachability, TLS, credentials, selection, privileges, column types.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new HashMap<>();
        result.configValues().forEach(v -> values.put(v.name(), v));
        // Settings of Confluent's JDBC source or Debezium, which would be ignored: each named, with ours.
        ForeignSettings.find(connectorConfigs).forEach(e -> addError(result, values, e.key(), e.problem()));
        if (values.values().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return result;
        }
        SourceConfig config;
        try {
            config = new SourceConfig(connectorConfigs);
            config.topicPrefix();
        } catch (KeyedConfigException e) {
            addError(result, values, e.key(), e.problem());
            return result;
        }
        Preflight.run(config).problems().forEach(p -> addError(result, values, p.key(), p.message()));
        return result;
    }

    private static void addError(Config result, Map<String, ConfigValue> values, String key, String message) {
        ConfigValue value = values.get(key);
        if (value == null) {
            // A key the ConfigDef does not define, such as a per-table setting: report it under its own name.
            value = new ConfigValue(key);
            values.put(key, value);
            result.configValues().add(value);
        }
        value.addErrorMessage(message);
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        TableDiscoveryJob plan = discovery;
        List<TableInfo> tables = plan == null ? List.of() : plan.tables();
        SplitLoads loads = splits;
        SplitLoads.Plan split = loads == null ? new SplitLoads.Plan(Map.of(), Set.of()) : loads.plan(tables, maxTasks);
        Map<TableId, Integer> ranges = new HashMap<>();
        split.loads().forEach((table, load) -> ranges.put(table, load.load().ranges()));
        String encoded = SplitLoad.encode(List.copyOf(split.loads().values()));
        List<TableInfo> held = tables.stream().filter(t -> !split.idle().contains(t.id())).toList();
        List<Map<String, String>> configs = TaskAssigner.assign(held, ranges, maxTasks).stream()
            .map(a -> TaskConfig.forTask(props, a.taskIndex(), a.encode(), a.ranges().isEmpty() ? "" : encoded))
            .toList();
        tasks = configs.size();
        return configs;
    }

    @Override
    public void stop() {
        TableDiscoveryJob plan = discovery;
        if (plan != null) {
            plan.stop();
            discovery = null;
        }
        SplitLoads loads = splits;
        if (loads != null) {
            loads.close();
            splits = null;
        }
        if (observer != null) {
            observer.close();
            observer = null;
        }
    }

    /**
     * KIP-618: replay from a committed offset is exact for every method on tables with a primary key (a pass resumes
     * after the committed position, in its snapshot; a CAPTURE delete marker carries the offset before its row); a
     * table without one (or a view) restarts its interrupted pass, which repeats rows. So
     * SUPPORTED only when every selected table has a primary key; UNSUPPORTED otherwise; null (unknown) when the
     * database cannot be checked.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        try {
            Preflight.Result checked = Preflight.run(new SourceConfig(connectorConfig), false);
            if (!checked.ok()) {
                return null;
            }
            boolean allKeyed = checked.tables().stream().noneMatch(t -> t.primaryKey().isEmpty());
            return allKeyed ? ExactlyOnceSupport.SUPPORTED : ExactlyOnceSupport.UNSUPPORTED;
        } catch (ConfigException e) {
            return null;
        }
    }

    /**
     * KIP-875: checks offsets a user writes through the REST API ({@code PATCH /connectors/{name}/offsets}) so
     * that a malformed one is refused with a reason instead of failing a task later. A null offset (a reset) is
     * always accepted. It overrides SourceConnector.alterOffsets, which Kafka 3.6 added; it has no {@code @Override}
     * so that the connector also compiles against the oldest API it supports (3.3: OldestConnectApiTest), whose
     * workers never call it.
     */
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach((partition, offset) -> {
            try {
                if (SplitPartitionKey.isSplit(partition)) {
                    SplitPartitionKey.fromMap(partition);
                } else {
                    SourcePartitionKey.fromMap(partition);
                }
                if (offset != null) {
                    TableOffset.fromMap(offset);
                }
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Invalid offset for source partition " + partition + ": "
                    + e.getMessage(), null);
            }
        });
        return true;
    }
}
