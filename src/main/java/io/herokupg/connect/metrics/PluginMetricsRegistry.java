/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.source.SourceTaskContext;

/**
 * Gauges in the worker's metrics (KIP-877, Kafka 4.1+): the worker tags them with {@code connector} and
 * {@code task}, and reports them through its reporters (JMX: {@code kafka.connect:type=plugins,…}).
 */
final class PluginMetricsRegistry implements MetricsRegistry {
    private final PluginMetrics metrics;
    private final Map<LinkedHashMap<String, String>, List<MetricName>> registered = new HashMap<>();

    PluginMetricsRegistry(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * The task's plugin metrics. The only class that uses the KIP-877 API (Kafka 4.1+), so the only one that may
     * fail to link on an older worker: TaskObserver.create catches that (LinkageError) and falls back to MBeans.
     * OldestConnectApiTest compiles every other class against the oldest API the connector supports.
     */
    static PluginMetricsRegistry of(SourceTaskContext context) {
        return new PluginMetricsRegistry(context.pluginMetrics());
    }

    /** The connector's plugin metrics; ConnectorObserver.create falls back to an MBean as TaskObserver does. */
    static PluginMetricsRegistry of(ConnectorContext context) {
        return new PluginMetricsRegistry(context.pluginMetrics());
    }

    @Override
    public synchronized void register(LinkedHashMap<String, String> tags, Map<String, String> descriptions,
                                      Map<String, Supplier<Object>> gauges) {
        List<MetricName> names = registered.computeIfAbsent(tags, t -> new ArrayList<>());
        gauges.forEach((name, value) -> {
            MetricName metricName = metrics.metricName(name, descriptions.get(name), tags);
            metrics.addMetric(metricName, (Gauge<Object>) (config, now) -> value.get());
            names.add(metricName);
        });
    }

    @Override
    public synchronized void unregister(LinkedHashMap<String, String> tags) {
        List<MetricName> names = registered.remove(tags);
        if (names != null) {
            try {
                names.forEach(metrics::removeMetric);
            } catch (IllegalStateException e) {
                // The worker closed the task's plugin metrics already (after stop()), removing them all.
            }
        }
    }

    @Override
    public synchronized void close() {
        List.copyOf(registered.keySet()).forEach(this::unregister);
    }
}
