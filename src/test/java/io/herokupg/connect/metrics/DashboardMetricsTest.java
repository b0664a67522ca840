/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;

import org.junit.jupiter.api.Test;

/** The Prometheus rules and the Grafana dashboard in config/ use only metrics the connector registers. */
class DashboardMetricsTest {
    private static final Path RULES = Path.of("config/heroku-postgres-source-jmx-exporter.yml");
    private static final Path DASHBOARD = Path.of("config/heroku-postgres-source-grafana.json");

    /** The attribute names of the connector's fallback MBean, registered by a real connector observer. */
    private static Set<String> registeredByConnector() throws Exception {
        try (ConnectorObserver observer = new ConnectorObserver(JmxRegistry.of("names-test"), () -> 1, () -> 1)) {
            LinkedHashMap<String, String> tags = new LinkedHashMap<>();
            tags.put("connector", "names-test");
            MBeanAttributeInfo[] attributes = ManagementFactory.getPlatformMBeanServer()
                .getMBeanInfo(JmxRegistry.objectName(tags)).getAttributes();
            return Arrays.stream(attributes).map(MBeanAttributeInfo::getName).collect(Collectors.toSet());
        }
    }

    /** The attribute names the fallback MBeans really have, registered by a real observer. */
    private static Set<String> registered(boolean table) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        JmxRegistry registry = new JmxRegistry("names-test", 7);
        try (TaskObserver observer = new TaskObserver("names-test", 7, Optional.empty(), Clock.systemUTC(),
            registry)) {
            LinkedHashMap<String, String> tags = new LinkedHashMap<>();
            tags.put("connector", "names-test");
            tags.put("task", "7");
            if (table) {
                tags.put(MetricNames.TABLE_TAG, "public.t");
                registry.register(new LinkedHashMap<>(java.util.Map.of(MetricNames.TABLE_TAG, "public.t")),
                    MetricNames.TABLE, new TableStats(Clock.systemUTC()).gauges());
            }
            MBeanAttributeInfo[] attributes = server.getMBeanInfo(JmxRegistry.objectName(tags)).getAttributes();
            return Arrays.stream(attributes).map(MBeanAttributeInfo::getName).collect(Collectors.toSet());
        }
    }

    @Test
    void rulesNameOnlyRegisteredMetrics() throws Exception {
        String rules = Files.readString(RULES);
        Set<String> tableNames = new TreeSet<>();
        Set<String> taskNames = new TreeSet<>();
        Matcher m = Pattern.compile("pattern: '[^']*task=\\((.*?)\\)(, table=\\(\\.\\+\\))?><>\\(([^)]*)\\)'")
            .matcher(rules);
        while (m.find()) {
            (m.group(2) != null ? tableNames : taskNames).addAll(Arrays.asList(m.group(3).split("\\|")));
        }
        Matcher c = Pattern.compile("pattern: '[^']*connector=\\(\\.\\+\\)><>\\(([^)]*)\\)'").matcher(rules);
        assertThat(c.find()).as("a rule for the connector's own metrics").isTrue();
        Set<String> connectorNames = new TreeSet<>(Arrays.asList(c.group(1).split("\\|")));
        assertThat(tableNames).isNotEmpty();
        assertThat(taskNames).isNotEmpty();
        assertThat(registered(true)).containsAll(tableNames);
        assertThat(registered(false)).containsAll(taskNames);
        assertThat(registeredByConnector()).containsAll(connectorNames);
        assertThat(MetricNames.TABLE.keySet()).containsAll(tableNames);
        assertThat(MetricNames.TASK.keySet()).containsAll(taskNames);
        assertThat(MetricNames.CONNECTOR.keySet()).containsAll(connectorNames);
        assertThat(tableNames).contains(MetricNames.LAST_PASS_AGE, MetricNames.NEXT_PASS_DUE, MetricNames.LAG,
            MetricNames.NEWEST_KEY_AGE, MetricNames.STATE);
        assertThat(taskNames).contains(MetricNames.TABLES, MetricNames.TABLES_FAILED, MetricNames.TABLES_OUTAGE,
            MetricNames.TABLES_MISSING);
        assertThat(connectorNames).containsExactlyInAnyOrderElementsOf(MetricNames.CONNECTOR.keySet());
        assertThat(rules.indexOf("herokupg_connector_")).as("the connector's rule after the tasks' and tables'")
            .isGreaterThan(rules.lastIndexOf("herokupg_task_"));
    }

    /** The dashboard's state panel and the state's description name every state by its number. */
    @Test
    void everyStateIsNamedByItsNumber() throws Exception {
        String dashboard = Files.readString(DASHBOARD);
        for (TableState state : TableState.values()) {
            assertThat(dashboard).contains("\"" + state.ordinal() + "\": {\n");
            assertThat(dashboard).contains(state.ordinal() + " " + state.name());
            assertThat(MetricNames.TABLE.get(MetricNames.STATE)).contains(state.ordinal() + " " + state.name());
        }
    }

    @Test
    void dashboardQueriesOnlyMetricsTheRulesExport() throws Exception {
        Set<String> exported = new TreeSet<>();
        MetricNames.TABLE.keySet().forEach(n -> exported.add("herokupg_table_" + n.replace('-', '_')));
        MetricNames.TASK.keySet().forEach(n -> exported.add("herokupg_task_" + n.replace('-', '_')));
        MetricNames.CONNECTOR.keySet().forEach(n -> exported.add("herokupg_connector_" + n.replace('-', '_')));
        String rules = Files.readString(RULES);
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("herokupg_(table|task|connector)_[a-z_]+").matcher(Files.readString(DASHBOARD));
        while (m.find()) {
            used.add(m.group());
        }
        assertThat(used).hasSizeGreaterThan(8);
        assertThat(exported).containsAll(used);
        for (String name : used) {
            String attribute = name.replaceFirst("herokupg_(table|task|connector)_", "").replace('_', '-');
            assertThat(rules).as("the rules export %s", name).contains(attribute);
        }
        assertThat(used).contains("herokupg_table_load_progress_percent", "herokupg_table_rows_rate",
            "herokupg_table_replication_lag_ms", "herokupg_table_errors_total",
            "herokupg_table_last_pass_completed_age_ms", "herokupg_table_next_pass_due_ms",
            "herokupg_table_newest_key_age_ms", "herokupg_task_tables", "herokupg_task_tables_failed",
            "herokupg_task_tables_outage", "herokupg_task_tables_missing", "herokupg_connector_tables");
        assertThat(Files.readString(DASHBOARD)).as("tables summed per connector")
            .contains("sum by (connector) (herokupg_task_tables_failed")
            .contains("sum by (connector) (herokupg_task_tables_outage");
    }
}
