/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.common.utils.Sanitizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback on workers without plugin metrics (before Kafka 4.1): one read-only MBean per tag set in the
 * platform MBean server, named as the worker would name plugin metrics
 * ({@code kafka.connect:type=plugins,connector=…,task=…[,table=…]}), with the same attribute names, so that the
 * Prometheus rules and the dashboard work on either.
 */
final class JmxRegistry implements MetricsRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(JmxRegistry.class);

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    /** The tags of every MBean: the connector's, and the task's for a task. */
    private final LinkedHashMap<String, String> taskTags;
    private final Map<LinkedHashMap<String, String>, ObjectName> registered = new HashMap<>();

    JmxRegistry(String connector, int task) {
        this(connector);
        taskTags.put("task", Integer.toString(task));
    }

    private JmxRegistry(String connector) {
        taskTags = new LinkedHashMap<>();
        taskTags.put("connector", connector);
    }

    /** The connector's own MBean ({@code kafka.connect:type=plugins,connector=…}). */
    static JmxRegistry of(String connector) {
        return new JmxRegistry(connector);
    }

    /** The MBean name for these tags (after the task's own). */
    static ObjectName objectName(Map<String, String> tags) throws JMException {
        StringBuilder name = new StringBuilder(MetricNames.JMX_DOMAIN).append(":type=").append(MetricNames.GROUP);
        tags.forEach((k, v) -> name.append(',').append(k).append('=').append(Sanitizer.jmxSanitize(v)));
        return new ObjectName(name.toString());
    }

    @Override
    public synchronized void register(LinkedHashMap<String, String> tags, Map<String, String> descriptions,
                                      Map<String, Supplier<Object>> gauges) {
        LinkedHashMap<String, String> all = new LinkedHashMap<>(taskTags);
        all.putAll(tags);
        try {
            ObjectName name = objectName(all);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new GaugesMBean(descriptions, new LinkedHashMap<>(gauges)), name);
            registered.put(tags, name);
        } catch (JMException e) {
            LOG.warn("Registering the metrics MBean for {} failed: {}", all, e.getMessage());
        }
    }

    @Override
    public synchronized void unregister(LinkedHashMap<String, String> tags) {
        ObjectName name = registered.remove(tags);
        if (name != null) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOG.debug("Unregistering {} failed: {}", name, e.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() {
        List.copyOf(registered.keySet()).forEach(this::unregister);
    }

    /** Read-only attributes, one per gauge, read when asked. */
    private record GaugesMBean(Map<String, String> descriptions, Map<String, Supplier<Object>> gauges)
        implements DynamicMBean {

        @Override
        public Object getAttribute(String attribute) throws AttributeNotFoundException {
            Supplier<Object> gauge = gauges.get(attribute);
            if (gauge == null) {
                throw new AttributeNotFoundException(attribute);
            }
            return gauge.get();
        }

        @Override
        public void setAttribute(Attribute attribute) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public AttributeList getAttributes(String[] attributes) {
            AttributeList list = new AttributeList();
            for (String attribute : attributes) {
                Supplier<Object> gauge = gauges.get(attribute);
                if (gauge != null) {
                    list.add(new Attribute(attribute, gauge.get()));
                }
            }
            return list;
        }

        @Override
        public AttributeList setAttributes(AttributeList attributes) {
            return new AttributeList();
        }

        @Override
        public Object invoke(String actionName, Object[] params, String[] signature) {
            throw new UnsupportedOperationException("no operations");
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            MBeanAttributeInfo[] attributes = gauges.keySet().stream()
                .map(name -> new MBeanAttributeInfo(name, name.equals(MetricNames.LAST_ERROR)
                    || name.equals(MetricNames.STATE_NAME) ? String.class.getName() : Double.class.getName(),
                    descriptions.get(name), true, false, false))
                .toArray(MBeanAttributeInfo[]::new);
            return new MBeanInfo(JmxRegistry.class.getName(), "Heroku Postgres source connector metrics",
                attributes, null, null, null);
        }
    }
}
