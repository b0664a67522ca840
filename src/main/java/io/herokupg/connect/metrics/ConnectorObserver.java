/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.apache.kafka.connect.connector.ConnectorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's own metrics (tag {@code connector} only): what it plans, which its tasks do not see whole. How
 * many of the tables fail or wait out an outage only the tasks know: their {@code tables-*} gauges, summed per
 * connector by the Prometheus rules' users (the dashboard does).
 */
public final class ConnectorObserver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorObserver.class);

    private final MetricsRegistry registry;

    ConnectorObserver(MetricsRegistry registry, IntSupplier tables, IntSupplier tasks) {
        this.registry = registry;
        Map<String, Supplier<Object>> gauges = new LinkedHashMap<>();
        gauges.put(MetricNames.TABLES, () -> (double) tables.getAsInt());
        gauges.put(MetricNames.TASKS, () -> (double) tasks.getAsInt());
        registry.register(new LinkedHashMap<>(), MetricNames.CONNECTOR, gauges);
    }

    /**
     * The connector's metrics in the worker's plugin metrics (KIP-877, Kafka 4.1+: the worker tags them with
     * {@code connector}) or, on a worker without them (or no worker), in an MBean of the same name.
     *
     * @param tables the tables the connector replicates now
     * @param tasks  the task configurations it made last
     */
    public static ConnectorObserver create(ConnectorContext context, String connector, IntSupplier tables,
                                           IntSupplier tasks) {
        MetricsRegistry registry = null;
        if (context != null) {
            try {
                registry = PluginMetricsRegistry.of(context);
            } catch (LinkageError | UnsupportedOperationException e) {
                LOG.info("The worker offers no plugin metrics ({}); registering the connector's metrics as an MBean",
                    e.getClass().getSimpleName());
            }
        }
        return new ConnectorObserver(registry != null ? registry : JmxRegistry.of(connector), tables, tasks);
    }

    @Override
    public void close() {
        registry.close();
    }
}
