/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.common.utils.Sanitizer;

import io.herokupg.connect.metrics.MetricNames;

/**
 * A driven task's metrics, read as a monitoring tool would read them: the MBeans a task registers when the worker
 * offers no plugin metrics ({@code kafka.connect:type=plugins,connector=…,task=…[,table=…]}), as under
 * {@code FakeSourceTaskContext}.
 */
final class TaskMetrics {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String prefix;

    TaskMetrics(String connector, int task) {
        prefix = MetricNames.JMX_DOMAIN + ":type=" + MetricNames.GROUP + ",connector="
            + Sanitizer.jmxSanitize(connector) + ",task=" + task;
    }

    /** Passes the task completed, over all its tables (0 before its tables are known). */
    long passes() {
        return read(prefix, MetricNames.PASSES_TOTAL);
    }

    /** Passes completed of one table ({@code schema.table}); 0 before its reader exists. */
    long passes(String table) {
        return read(prefix + "," + MetricNames.TABLE_TAG + "=" + Sanitizer.jmxSanitize(table),
            MetricNames.PASSES_TOTAL);
    }

    /** What the table's reader is doing ({@code state-name}: PENDING, INITIAL_LOAD, INCREMENTAL, IDLE, FAILED). */
    String state(String table) {
        Object state = attribute(prefix + "," + MetricNames.TABLE_TAG + "=" + Sanitizer.jmxSanitize(table),
            MetricNames.STATE_NAME);
        return state == null ? "PENDING" : state.toString();
    }

    private long read(String name, String attribute) {
        Object value = attribute(name, attribute);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private Object attribute(String name, String attribute) {
        try {
            ObjectName object = new ObjectName(name);
            return server.isRegistered(object) ? server.getAttribute(object, attribute) : null;
        } catch (JMException e) {
            throw new IllegalStateException("reading " + attribute + " of " + name + " failed", e);
        }
    }
}
