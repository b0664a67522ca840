/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariDataSource;

import io.herokupg.connect.assign.TaskAssigner;
import io.herokupg.connect.catalog.PgCatalog;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.ConnectionSettings;
import io.herokupg.connect.config.SourceConfig;
import io.herokupg.connect.config.TableSelection;
import io.herokupg.connect.config.TaskConfig;
import io.herokupg.connect.jdbc.ConnectionFactory;
import io.herokupg.connect.jdbc.SqlErrors;
import io.herokupg.connect.offset.SourcePartitionKey;
import io.herokupg.connect.offset.TableOffset;
import io.herokupg.connect.types.RecordBuilder;

/**
 * The planner: checks the configuration, discovers the selected tables and splits them across tasks. It reads no
 * rows; {@link HerokuPostgresSourceTask} does.
 */
public class HerokuPostgresSourceConnector extends SourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(HerokuPostgresSourceConnector.class);

    private Map<String, String> props;
    private List<TableInfo> tables = List.of();

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
        this.tables = discover(config.connection(), config.tableSelection());
        tables.forEach(RecordBuilder::checkSupported);
        if (tables.isEmpty()) {
            LOG.warn("No table matches the selection (table.include.list / table.exclude.list) among the tables"
                + " the user can read; the connector runs no task");
        } else {
            LOG.info("Replicating {} table(s): {}", tables.size(), tables.stream().map(t -> t.id().toString())
                .toList());
        }
    }

    private static List<TableInfo> discover(ConnectionSettings settings, TableSelection selection) {
        try (HikariDataSource pool = ConnectionFactory.pool(settings, "herokupg-connector", true);
             Connection conn = pool.getConnection()) {
            try {
                return PgCatalog.discover(conn, id -> selection.matches(id.schema(), id.table()));
            } finally {
                conn.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            if (e instanceof ConnectException ce) {
                throw ce;
            }
            throw new ConnectException(SqlErrors.describeConnectFailure(e, settings), e);
        }
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (tables.isEmpty()) {
            return List.of();
        }
        return TaskAssigner.assign(tables, maxTasks).stream()
            .map(a -> TaskConfig.forTask(props, a.taskIndex(), a.encode()))
            .toList();
    }

    @Override
    public void stop() {
        tables = List.of();
    }

    /**
     * KIP-875: checks offsets a user writes through the REST API ({@code PATCH /connectors/{name}/offsets}) so
     * that a malformed one is refused with a reason instead of failing a task later. A null offset (a reset) is
     * always accepted.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach((partition, offset) -> {
            try {
                SourcePartitionKey.fromMap(partition);
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
