/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.offset.FullTableOffset;
import io.herokupg.connect.offset.TableIdentity;
import io.herokupg.connect.read.plan.PassQuery;
import io.herokupg.connect.schedule.PassSchedule;

/**
 * FULL_TABLE: each pass emits every row of the table, read from one snapshot (a {@code REPEATABLE READ READ ONLY}
 * transaction), in primary-key order. Every record's offset names the pass and the key of that row, and the last
 * record of a pass says the pass is complete, so a restarted task resumes after the last key Connect committed (from
 * a new snapshot) or waits for the next pass.
 *
 * <p>A table without a primary key has no stable order to resume from: an interrupted pass starts over (its rows up
 * to the interruption are emitted twice). The next pass begins when the table's {@link PassSchedule} says, counted
 * from the start of the previous one.
 */
final class FullTableMethod implements PassMethod {
    private static final Logger LOG = LoggerFactory.getLogger(FullTableMethod.class);

    private final TableShape shape;
    private final Clock clock;
    private final Optional<FullTableOffset> stored;
    private final Optional<RangeRead> range;
    private TableInfo table;

    // Position: equal to the offset of the last record returned.
    private boolean inPass;
    private long passStartedMs;
    private Optional<List<String>> lastKey = Optional.empty();

    FullTableMethod(TableShape shape, Clock clock, Optional<FullTableOffset> stored) {
        this(shape, clock, stored, Optional.empty());
    }

    /**
     * The method of a table, or of one range of a split load: the range's rows only, in transactions that import the
     * load's snapshot while they can ({@link RangeRead}); its pass starts with the load.
     */
    FullTableMethod(TableShape shape, Clock clock, Optional<FullTableOffset> stored, Optional<RangeRead> range) {
        this.range = range;
        this.shape = shape;
        this.table = shape.table();
        this.clock = clock;
        this.stored = stored;
    }

    @Override
    public String name() {
        return FullTableOffset.METHOD;
    }

    @Override
    public Instant restore(PassSchedule schedule, Instant now) {
        if (stored.isEmpty()) {
            return schedule.first(now);
        }
        FullTableOffset offset = stored.get();
        passStartedMs = offset.passStartedMs();
        if (offset.complete()) {
            Instant due = schedule.next(Instant.ofEpochMilli(passStartedMs));
            LOG.info("Table {}: last pass started at {} is complete; next pass due at {}", table.id(),
                Instant.ofEpochMilli(passStartedMs), due);
            return due;
        }
        int keyWidth = table.primaryKey().size();
        if (keyWidth > 0 && offset.lastKey().filter(k -> k.size() == keyWidth).isPresent()) {
            inPass = true;
            lastKey = offset.lastKey();
            LOG.info("Table {}: resuming the pass started at {} after the last emitted key", table.id(),
                Instant.ofEpochMilli(passStartedMs));
            return schedule.first(now);
        }
        // Make up for the interrupted pass now, rather than at the schedule's next time.
        LOG.info("Table {}: the interrupted pass cannot resume (no primary key, or another one); starting a new"
            + " pass", table.id());
        return now;
    }

    @Override
    public boolean inPass() {
        return inPass;
    }

    @Override
    public OptionalLong completedPassStartedMs() {
        return !inPass && stored.filter(FullTableOffset::complete).isPresent() ? OptionalLong.of(passStartedMs)
            : OptionalLong.empty();
    }

    @Override
    public boolean fullRead() {
        return true;
    }

    @Override
    public String summary() {
        return inPass ? "pass_started=" + passStartedMs + (lastKey.isPresent() ? ",resumable" : "")
            : "complete,pass_started=" + passStartedMs;
    }

    @Override
    public Optional<Plan> open(Connection connection) throws SQLException {
        begin();
        shape.check(connection).ifPresent(this::reshaped);
        table = shape.table();
        begin();
        RangeRead.begin(range, connection);
        PassTransactions.begin(connection);
        Positions positions = Positions.of(shape.builder(), Optional.empty(), false, false);
        List<String> conditions = range.map(r -> r.and(table, List.of())).orElse(List.of());
        String sql = new PassQuery(table, shape.builder().selectList(), positions.selected(), Optional.empty(), true,
            conditions, lastKey).sql();
        return Optional.of(new Plan(sql, positions, false));
    }

    private void begin() {
        if (!inPass) {
            inPass = true;
            passStartedMs = range.map(r -> r.range().load()).orElseGet(clock::millis);
            lastKey = Optional.empty();
            LOG.debug("Table {}: starting a full-table pass", table.id());
        }
    }

    /**
     * The table changed shape: a new primary key cannot continue the old order, nor can a table dropped and created
     * again under the same name (another OID).
     */
    private void reshaped(TableShape.Change change) {
        TableInfo before = change.before().table();
        TableInfo after = change.after().table();
        if (before.relid() != 0 && after.relid() != before.relid()) {
            LOG.warn("Table {} was dropped and created again (OID {}, now {}); a pass starts afresh", before.id(),
                before.relid(), after.relid());
            inPass = false;
            lastKey = Optional.empty();
        } else if (lastKey.isPresent() && !after.primaryKey().equals(before.primaryKey())) {
            LOG.warn("Table {}: its primary key changed during a pass; the pass starts over", before.id());
            inPass = false;
            lastKey = Optional.empty();
        }
    }

    @Override
    public Function<List<String>, Map<String, Object>> offsets() {
        Function<List<String>, Map<String, Object>> maps = FullTableOffset.inPassMaps(passStartedMs, identity());
        return keyed() ? maps : position -> maps.apply(null);
    }

    @Override
    public Map<String, Object> lastOffset(Connection connection, List<String> position) {
        return new FullTableOffset(passStartedMs, keyOf(position), true, identity()).toMap();
    }

    @Override
    public void advance(List<String> position) {
        lastKey = keyOf(position);
    }

    private Optional<List<String>> keyOf(List<String> position) {
        return keyed() ? Optional.of(position) : Optional.empty();
    }

    private boolean keyed() {
        return !table.primaryKey().isEmpty();
    }

    private Optional<TableIdentity> identity() {
        return Optional.of(shape.identityOf(table));
    }

    @Override
    public long complete(Connection connection) {
        inPass = false;
        lastKey = Optional.empty();
        return passStartedMs;
    }

    @Override
    public void abort() {
    }
}
