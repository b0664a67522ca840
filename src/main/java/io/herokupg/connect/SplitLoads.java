/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.source.SourceConnectorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.assign.SplitDecision;
import io.herokupg.connect.catalog.PgRowEstimate;
import io.herokupg.connect.catalog.PgSplitPoints;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.ConnectionSettings;
import io.herokupg.connect.config.ReplicationMethod;
import io.herokupg.connect.config.ReplicationSettings;
import io.herokupg.connect.config.SourceConfig;
import io.herokupg.connect.config.StartSettings;
import io.herokupg.connect.jdbc.ConnectionFactory;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.FullTableOffset;
import io.herokupg.connect.offset.OffsetLoader;
import io.herokupg.connect.offset.SplitLoad;
import io.herokupg.connect.offset.SplitOffsets;
import io.herokupg.connect.offset.SplitRange;
import io.herokupg.connect.offset.TableIdentity;
import io.herokupg.connect.offset.TableOffset;
import io.herokupg.connect.read.CaptureLogs;
import io.herokupg.connect.read.PassSnapshots;
import io.herokupg.connect.read.SplitExport;
import io.herokupg.connect.schedule.PassSchedule;

/**
 * The connector's part of split loads: which tables' full reads are split now, and the snapshot each load's ranges
 * import. A table is split when it has no position of its own (its first pass; FULL_TABLE's too) and the catalog
 * estimates at least split.min.rows rows: the connector begins a transaction on a connection of its own (the one
 * extra connection), exports its snapshot, cuts the table's primary-key space ({@link PgSplitPoints}) in that
 * snapshot, and hands the load to every task ({@link SplitLoad}); the assigner spreads its ranges. It holds the
 * transaction until every range has stored a complete position (checked every {@link #CHECK}), then closes it and asks
 * for new task configs, in which the table is an ordinary table again; its task takes up the load's position.
 *
 * <p>A load outlives the connector: a connector restarted (on another worker) rebuilds a load in progress from its
 * ranges' stored positions, without a snapshot to import (its exporting transaction ended with the old connector), so
 * its ranges go on in snapshots of their own.
 */
final class SplitLoads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SplitLoads.class);
    /** How often the ranges' stored positions and the exporting connection are checked. */
    static final Duration CHECK = Duration.ofSeconds(2);
    /** The {@code application_name} of the connection holding a load's snapshot, before the connector's name. */
    static final String EXPORTER_NAME = "kafka-connect-heroku-postgres snapshot exporter";

    private final SourceConfig config;
    private final SourceConnectorContext context;
    private final ConnectionSettings settings;
    private final PassSnapshots snapshots;
    private final ScheduledExecutorService monitor;
    /** The loads begun by this connector, whose snapshot it holds on the connection. */
    private final Map<TableId, Held> held = new HashMap<>();
    /** The loads in progress, as last handed to the tasks. */
    private Map<TableId, SplitLoad> loading = Map.of();
    /** When the next FULL_TABLE load is due, if a table waits for one. */
    private Optional<Instant> wakeAt = Optional.empty();
    /** FULL_TABLE tables whose single-task pass in progress ends before they are split. */
    private List<TableId> passing = List.of();

    private record Held(Connection connection, SplitLoad load) {
    }

    /**
     * The connector's plan of split loads.
     *
     * @param loads the loads in progress, whose ranges the tasks read
     * @param idle  the tables no task holds now (FULL_TABLE between two loads)
     */
    record Plan(Map<TableId, SplitLoad> loads, Set<TableId> idle) {
    }

    SplitLoads(SourceConfig config, SourceConnectorContext context) {
        this.config = config;
        this.context = context;
        this.settings = config.connection();
        this.snapshots = new PassSnapshots(config.primaryConnection().map(p -> () -> ConnectionFactory.open(p)));
        this.monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "herokupg-split-loads");
            thread.setDaemon(true);
            return thread;
        });
        monitor.scheduleWithFixedDelay(this::check, CHECK.toMillis(), CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The loads in progress for these tables and tasks (those going on, those that begin now), and idle tables. */
    synchronized Plan plan(List<TableInfo> tables, int maxTasks) {
        Planning planning = new Planning();
        List<TableInfo> eligible = tables.stream().filter(this::eligible).toList();
        if (!eligible.isEmpty() && config.split().maxRanges() >= 2 && maxTasks >= 2) {
            // Only tables big enough now: a table that shrank below split.min.rows during its load is read whole.
            Map<Long, Long> estimates = estimates(eligible);
            List<TableInfo> big = eligible.stream().filter(t -> config.split().ranges(estimates.getOrDefault(
                t.relid(), 0L), maxTasks) > 1).toList();
            List<TableId> ids = big.stream().map(TableInfo::id).toList();
            Map<TableId, TableOffset> own = OffsetLoader.load(context.offsetStorageReader(), settings.database(), ids);
            Map<TableId, SplitOffsets.State> loads = SplitOffsets.newest(context.offsetStorageReader(),
                settings.database(), ids);
            for (TableInfo table : big) {
                Optional<TableOffset> mine = Optional.ofNullable(own.get(table.id())).filter(o -> usable(o, table));
                Optional<SplitOffsets.State> newest = Optional.ofNullable(loads.get(table.id()))
                    .filter(s -> usable(s.ranges().values().iterator().next(), table));
                planning.add(table, mine, SplitDecision.decide(fullTable(table), mine, newest, PassSchedule.of(
                    config.schedule(table.id().schema(), table.id().table())), Instant.now()),
                    estimates.get(table.relid()), maxTasks);
            }
        }
        held.keySet().removeIf(id -> {
            boolean done = !planning.loads.containsKey(id);
            if (done) {
                close(held.get(id).connection());
            }
            return done;
        });
        loading = Map.copyOf(planning.loads);
        wakeAt = Optional.ofNullable(planning.wake);
        passing = List.copyOf(planning.singlePasses);
        return new Plan(loading, Set.copyOf(planning.idle));
    }

    /** A plan being made. */
    private final class Planning {
        private final Map<TableId, SplitLoad> loads = new HashMap<>();
        private final Set<TableId> idle = new HashSet<>();
        private final List<TableId> singlePasses = new ArrayList<>();
        private Instant wake;

        void add(TableInfo table, Optional<TableOffset> own, SplitDecision.Decision decision, long estimate,
                 int maxTasks) {
            switch (decision.kind()) {
                case CONTINUE -> loads.put(table.id(), continued(decision.load().orElseThrow().load()));
                case BEGIN -> loadOf(table, estimate, maxTasks).ifPresent(l -> loads.put(table.id(), l));
                case IDLE -> idle.add(table.id());
                default -> own.filter(o -> fullTable(table)).ifPresent(o -> singlePasses.add(table.id()));
            }
            Instant until = decision.until().orElse(null);
            wake = until != null && (wake == null || until.isBefore(wake)) ? until : wake;
        }
    }

    /** A stored load going on: with the snapshot this connector holds for it, if it does. */
    private SplitLoad continued(SplitLoad stored) {
        Held mine = held.get(stored.table());
        return mine != null && mine.load().load().equals(stored.load()) ? mine.load() : stored.withoutExport();
    }

    /** A load that begins: the one this connector began and whose ranges stored nothing yet, or a new one. */
    private Optional<SplitLoad> loadOf(TableInfo table, long estimate, int maxTasks) {
        Held mine = held.get(table.id());
        if (mine != null) {
            return Optional.of(mine.load());
        }
        try {
            return begin(table, estimate, maxTasks);
        } catch (SQLException e) {
            LOG.warn("Table {}: its split load could not begin ({}); one task reads it", table.id(),
                e.getMessage());
            return Optional.empty();
        }
    }

    /** The catalog's row estimates of the tables, by OID; none when the database cannot be reached now. */
    private Map<Long, Long> estimates(List<TableInfo> tables) {
        try (Connection conn = ConnectionFactory.open(settings)) {
            return PgRowEstimate.of(conn, tables.stream().map(TableInfo::relid).toList());
        } catch (SQLException e) {
            LOG.warn("The tables' row estimates could not be read ({}); no split load begins now", e.getMessage());
            return Map.of();
        }
    }

    /** Begins a load: the exported snapshot, the cuts in it. */
    private Optional<SplitLoad> begin(TableInfo table, long estimate, int maxTasks) throws SQLException {
        int ranges = config.split().ranges(estimate, maxTasks);
        long startedMs = System.currentTimeMillis();
        // Named first (application_name keeps 63 bytes), so that an operator tells it from the tasks' connections.
        Connection exporter = ConnectionFactory.open(settings.withApplicationName(EXPORTER_NAME
            + config.connectorName().map(n -> " (" + n + ")").orElse("")));
        try {
            Optional<SplitExport.Exported> exported = SplitExport.begin(exporter, snapshots, table, !fullTable(table),
                Optional.of(new CaptureLogs(config.capture())).filter(c -> replication(table).method()
                    == ReplicationMethod.CAPTURE));
            if (exported.isEmpty()) {
                LOG.info("Table {}: the follower has not replayed up to its primary's snapshot; its split load begins"
                    + " at a later reconfiguration, and one task reads it meanwhile", table.id());
                close(exporter);
                return Optional.empty();
            }
            PgSplitPoints.Cuts cuts = PgSplitPoints.of(exporter, table, ranges, estimate);
            if (cuts.values().isEmpty()) {
                close(exporter);
                return Optional.empty();
            }
            SplitLoad load = new SplitLoad(table.id(), new SplitRange(startedMs, 0, cuts.values()),
                exported.get().exported(), exported.get().pass());
            LOG.info("Table {} (about {} rows): split load into {} ranges of its primary key (cuts from the {}), from"
                + " one snapshot{}", table.id(), estimate, cuts.values().size() + 1, cuts.source(),
                load.exported().isPresent() ? " the connector holds while the ranges run" : "");
            if (load.exported().isPresent()) {
                held.put(table.id(), new Held(exporter, load));
            } else {
                close(exporter);
            }
            return Optional.of(load);
        } catch (SQLException | RuntimeException e) {
            close(exporter);
            throw e;
        }
    }

    /** Every {@link #CHECK}: loads complete (new task configs), exporting connections lost (logged, dropped). */
    private synchronized void check() {
        try {
            Map<TableId, SplitOffsets.State> stored = SplitOffsets.newest(context.offsetStorageReader(),
                settings.database(), loading.keySet());
            boolean complete = loading.values().stream().anyMatch(load -> Optional.ofNullable(stored.get(load.table()))
                .filter(s -> s.load().load().equals(load.load()) && s.complete()).isPresent());
            held.values().removeIf(h -> !alive(h));
            boolean due = wakeAt.filter(w -> !w.isAfter(Instant.now())).isPresent();
            boolean passed = !passing.isEmpty() && OffsetLoader.load(context.offsetStorageReader(),
                settings.database(), passing).values().stream().anyMatch(SplitLoads::complete);
            if (complete || due || passed) {
                LOG.info("{}: the connector asks for new task configs", complete ? "A split load is complete"
                    : due ? "A split table's next pass is due" : "A split table's single-task pass is complete");
                wakeAt = Optional.empty();
                passing = List.of();
                context.requestTaskReconfiguration();
            }
        } catch (RuntimeException e) {
            LOG.warn("Checking the split loads failed: {}", e.getMessage());
        }
    }

    private static boolean alive(Held held) {
        try (Statement st = held.connection().createStatement()) {
            st.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            LOG.warn("Table {}: the connection holding the snapshot of its split load (started at {}) was lost ({});"
                + " the ranges that open a transaction from now on read in snapshots of their own", held.load()
                .table(), Instant.ofEpochMilli(held.load().load().load()), e.getMessage());
            close(held.connection());
            return false;
        }
    }

    /** A table with a primary key and row versions, whose full read is a load (not one that starts now). */
    private boolean eligible(TableInfo table) {
        StartSettings start = config.start(table.id().schema(), table.id().table());
        return !table.primaryKey().isEmpty() && table.hasRowVersions()
            && (fullTable(table) || start.mode() == StartSettings.Mode.FULL);
    }

    private boolean fullTable(TableInfo table) {
        return replication(table).method() == ReplicationMethod.FULL_TABLE;
    }

    private static boolean complete(TableOffset offset) {
        return offset instanceof FullTableOffset full && full.complete();
    }

    /** Whether a stored position is the table's now: same method (and key), table and re-sync token. */
    private boolean usable(TableOffset offset, TableInfo table) {
        ReplicationSettings replication = replication(table);
        String token = config.start(table.id().schema(), table.id().table()).resyncToken();
        boolean sameKey = !(offset instanceof ChangeOffset change) || change.keyColumn().equals(replication.key()
            .filter(k -> replication.method() == ReplicationMethod.INCREMENTAL));
        boolean sameTable = offset.identity().map(TableIdentity::relid).filter(r -> table.relid() != 0
            && r != table.relid()).isEmpty();
        return offset.method().equals(replication.method().name()) && sameKey && sameTable
            && TableIdentity.resyncOf(offset).equals(token);
    }

    private ReplicationSettings replication(TableInfo table) {
        return config.replication(table.id().schema(), table.id().table());
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a split load's connection: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        monitor.shutdownNow();
        held.values().forEach(h -> close(h.connection()));
        held.clear();
    }
}
