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

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.Snapshots;
import io.herokupg.connect.read.plan.FenceConditions;
import io.herokupg.connect.read.plan.Lead;
import io.herokupg.connect.read.plan.PassQuery;
import io.herokupg.connect.read.plan.Sql;
import io.herokupg.connect.schedule.PassSchedule;

/**
 * What INCREMENTAL and XMIN share: passes that emit the row versions not visible in the previous pass's snapshot
 * (the fence), in the order of a position ((key or transaction id), primary key…), resumable after any row; what
 * differs is the method's ({@link IncrementalMethod}, {@link XminMethod}).
 *
 * <p>A pass takes a snapshot ({@link PassSnapshots}: its own {@code REPEATABLE READ READ ONLY} transaction on a
 * primary; on a follower, its primary's) and reads the rows of its range the fence did not see
 * ({@link FenceConditions}). A first pass (no fence yet) of a table with a primary key reads in primary-key order,
 * which needs no sort of the whole table; its offsets say so. When the rows are read in a later snapshot than the
 * pass's (a pass resumed in a new transaction, or any pass on a follower), the pass emits the row versions its own
 * snapshot saw, and those the next pass would not read ({@link #beyondNextPass}), as the range of a split load does
 * ({@link RangeRead}). A pass's snapshot becomes the fence; one the database's history no longer holds is dropped.
 */
abstract class FencedMethod implements PassMethod {
    private static final Logger LOG = LoggerFactory.getLogger(FencedMethod.class);
    /** Marks of the history kept in the offset. */
    static final int MAX_HISTORY = 16;

    final TableShape shape;
    private final Clock clock;
    private final boolean headers;
    private final PassSnapshots snapshots;
    private final Optional<RangeRead> range; // a split load's range: its conditions, the load's snapshot

    // Position: equal to the offset of the last record returned (or a later one reached without a row to return).
    private ChangeOffset position;

    // The transaction the pass's rows are read in.
    private long xmax; // its snapshot's, which places the rows' 32-bit xmin
    private boolean readOpen; // else one is opened to resume the pass
    private boolean readsPassSnapshot; // else a later one: a resumed pass, a follower
    /** The completed position, once the pass's last row was read. */
    private ChangeOffset completed;
    private boolean endedWholeTable;
    private OptionalLong replayLagMs = OptionalLong.empty();
    private boolean waitingForFollower;
    private boolean startingNow; // start.position=now, until the first pass ends

    FencedMethod(TableShape shape, ReaderContext context, ChangeOffset start) {
        this.shape = shape;
        this.clock = context.clock();
        this.headers = context.headers();
        this.snapshots = context.snapshots();
        this.range = context.range();
        this.position = start.withIdentity(shape.identity());
    }

    // What the method does its own way.

    /** Whether the position's first value is a replication key (else a transaction id). */
    abstract boolean keyed();

    /** The position's first value: the replication key, or the 64-bit transaction id placed by {@code xmax}. */
    abstract Lead lead(long readXmax);

    /** Conditions that bound the pass's range, values written as literals. */
    abstract List<String> rangeConditions();

    /** The re-read bound once the pass that begins is the fence, from what ran just before its snapshot. */
    abstract Optional<String> nextLow(Optional<TransactionHorizon.Look> look);

    /** Whether a pass that begins looks at what runs in the database (INCREMENTAL on a table with row versions). */
    boolean looksAtActivity() {
        return false;
    }

    /** Before a first pass, in autocommit, what the method marks (INCREMENTAL: a sequence key's highest, the clock). */
    Optional<ChangeOffset.Mark> beforeFirstPass(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /** When a pass reads a later snapshot, an unseen row version it emits all the same: the next pass won't read it. */
    Optional<String> beyondNextPass(ChangeOffset.Pass pass) {
        return Optional.empty();
    }

    /** Called once a pass has emitted its last row, after its transaction ended: whether it read the whole table. */
    void passEnded(Connection connection, boolean wholeTable, long rows) { }

    /** The table changed shape; a method may refuse the new one (INCREMENTAL: its key column is gone). */
    void reshaped(TableShape.Change change) { }

    /** The xmax of the transaction the pass's rows are read in, which places their 32-bit xmin. */
    long readXmax() {
        return xmax;
    }

    ChangeOffset position() {
        return position;
    }

    void position(ChangeOffset newPosition) {
        position = newPosition;
    }

    TableId table() {
        return shape.table().id();
    }

    /** Whether rows carry {@code xmin} (a view's do not, so it can have no fence). */
    boolean versioned() {
        return shape.table().hasRowVersions();
    }

    @Override
    public String name() {
        return position.method();
    }

    @Override
    public Instant restore(PassSchedule schedule, Instant now) {
        if (position.pass().isPresent()) {
            LOG.info("Table {}: resuming the {} pass started at {}", table(), position.method(),
                Instant.ofEpochMilli(position.passStartedMs()));
        } else if (position.fence().isPresent()) {
            Instant due = schedule.next(Instant.ofEpochMilli(position.passStartedMs()));
            LOG.info("Table {}: last {} pass started at {}; next pass due at {}", table(), position.method(),
                Instant.ofEpochMilli(position.passStartedMs()), due);
            return due;
        }
        return schedule.first(now);
    }

    @Override
    public boolean inPass() {
        return position.pass().isPresent();
    }

    @Override
    public boolean fullRead() {
        return position.fence().isEmpty() && position.high().isEmpty();
    }

    /** Bounds (replication keys, not row values) and the fence's xmax. */
    @Override
    public String summary() {
        String bounds = "low=" + position.low().orElse("-") + ",high=" + position.high().orElse("-");
        return position.fence().map(f -> bounds + ",fence_xmax=" + Snapshots.parse(f).xmax()).orElse(bounds)
            + (inPass() ? ",in_pass" : "");
    }

    @Override
    public OptionalLong replayLagMs() {
        return replayLagMs;
    }

    @Override
    public Optional<Plan> open(Connection connection) throws SQLException {
        if (!inPass() && !beginPass(connection)) {
            return Optional.empty();
        }
        return readOpen || resume(connection) ? Optional.of(plan(connection)) : Optional.empty();
    }

    private boolean beginPass(Connection connection) throws SQLException {
        Optional<PassSnapshots.Begun> taken = snapshot(connection);
        if (taken.isEmpty()) {
            if (!waitingForFollower) {
                LOG.info("Table {}: the follower has not yet replayed up to its primary's snapshot; the pass begins"
                    + " once it has", table());
            }
            waitingForFollower = true;
            return false;
        }
        PassSnapshots.Begun begun = taken.get();
        position = PassSnapshots.trusted(position, begun.source(), table());
        waitingForFollower = false;
        Optional<String> nextLow = nextLow(begun.look());
        OptionalLong watermark = versioned() ? begun.watermark(position.effectiveFenceWatermark())
            : OptionalLong.empty();
        // A first pass emits every row its snapshot sees: primary-key order needs no sort of the whole table.
        boolean primaryKeyOrder = versioned() && position.fence().isEmpty() && !shape.table().primaryKey().isEmpty();
        position = position.withPass(clock.millis(), new ChangeOffset.Pass(begun.snapshot(), begun.micros(), nextLow,
            Optional.empty(), watermark, primaryKeyOrder, Optional.ofNullable(begun.origin())));
        readOpen = true;
        readsPassSnapshot = begun.inPassTransaction();
        xmax = begun.readXmax();
        replayLagMs = begun.replayLagMs();
        LOG.debug("Table {}: starting a {} pass (snapshot {}, re-read from {}, next re-read from {})", table(),
            position.method(), begun.snapshot(), position.low().orElse("the start"), nextLow.orElse("the start"));
        return true;
    }

    /** The pass's snapshot after the table's shape check (and a first pass's mark); empty: a follower is behind. */
    private Optional<PassSnapshots.Begun> snapshot(Connection connection) throws SQLException {
        boolean first = position.fence().isEmpty() && position.history().isEmpty();
        boolean shapeWithLook = !first && versioned() && looksAtActivity() && snapshots.looksLocally();
        if (!shapeWithLook) {
            shape.check(connection).ifPresent(this::rebuild);
        }
        Optional<ChangeOffset.Mark> mark = first && versioned() ? beforeFirstPass(connection) : Optional.empty();
        Optional<PassSnapshots.Begun> taken = snapshots.begin(connection, versioned(), looksAtActivity(),
            shapeWithLook ? Optional.of(Map.entry(table(), found -> shape.check(connection, found)
                .ifPresent(this::rebuild))) : Optional.empty(), lockedFirst());
        taken.ifPresent(begun -> mark.map(begun::onSourceClock).ifPresent(m -> position = position.withMark(m)));
        return taken;
    }

    /** Opens a transaction to go on with the pass in progress; false when a follower is not there yet. */
    private boolean resume(Connection connection) throws SQLException {
        shape.check(connection).ifPresent(this::rebuild);
        if (!inPass()) {
            // The table was created anew: a new pass.
            return beginPass(connection);
        }
        ChangeOffset.Pass pass = position.pass().orElseThrow();
        RangeRead.begin(range, connection);
        Optional<PassSnapshots.Resumed> resumed = snapshots.resume(connection, versioned(), pass.origin(),
            lockedFirst());
        if (resumed.isEmpty()) {
            return false;
        }
        position = PassSnapshots.resumable(position, resumed.get().source(), table());
        if (!inPass()) {
            connection.rollback();
            return beginPass(connection);
        }
        xmax = resumed.get().readXmax();
        readOpen = true;
        readsPassSnapshot = false;
        LOG.info("Table {}: continuing the {} pass started at {} in a new transaction", table(), position.method(),
            Instant.ofEpochMilli(position.passStartedMs()));
        return true;
    }

    /** The plan of the pass's rows, in the transaction open for them. */
    private Plan plan(Connection connection) throws SQLException {
        ChangeOffset.Pass pass = beforePlan(connection, position.pass().orElseThrow());
        Positions positions = positionsOf(pass);
        if (pass.last().filter(l -> l.size() != positions.width()).isPresent()) {
            LOG.warn("Table {}: the stored position of the pass in progress does not fit the table's primary key; the"
                + " pass's rows are read again", table());
            pass = pass.restarted();
            position = position.withPass(position.passStartedMs(), pass);
        }
        return planOf(pass, positions);
    }

    /** The plan of the pass's rows, whose positions are given (CAPTURE reads its log after the first pass). */
    Plan planOf(ChangeOffset.Pass pass, Positions positions) {
        return new Plan(sql(xmax, pass), positions, keyed() && headers);
    }

    /** Where a pass finds its rows' positions (and, for headers, their replication key). */
    Positions positionsOf(ChangeOffset.Pass pass) {
        return Positions.of(shape.builder(), Optional.of(lead(xmax).expression()), !pass.primaryKeyOrder(),
            keyed() && headers);
    }

    /** The pass's SQL, its rows read in a transaction of this xmax; visible to tests, which check its plan. */
    String sql(long readXmax, ChangeOffset.Pass pass) {
        xmax = readXmax;
        return new PassQuery(shape.table(), shape.builder().selectList(), positionsOf(pass).selected(),
            Optional.of(lead(xmax)), pass.primaryKeyOrder(), conditions(pass).pass(), pass.last()).sql();
    }

    /** The pass's conditions, from its position and the transaction its rows are read in (false if starting now). */
    FenceConditions conditions(ChangeOffset.Pass pass) {
        boolean later = !readsPassSnapshot;
        Optional<String> own = later && versioned() ? Optional.of(pass.snapshot()) : Optional.empty();
        List<String> method = startingNow ? List.of("false") : rangeConditions();
        return new FenceConditions(range.map(r -> r.and(shape.table(), method)).orElse(method), versioned(),
            Sql.xid64(xmax),
            OldSnapshots.usable(table(), xmax, position.fence(), "the last pass's snapshot"),
            position.effectiveFenceWatermark(), pass.effectiveWatermark(), Snapshots.parse(pass.snapshot()).xmax(),
            OldSnapshots.usable(table(), xmax, own, "the pass's snapshot"),
            later ? beyondNextPass(pass) : Optional.empty());
    }

    /** The pass before its plan, in its transaction (INCREMENTAL holds its range back from delayed row versions). */
    ChangeOffset.Pass beforePlan(Connection connection, ChangeOffset.Pass pass) throws SQLException {
        return position.pass().orElseThrow();
    }

    /** The table changed shape: a new primary key restarts the pass (same snapshot), a new OID starts afresh. */
    private void rebuild(TableShape.Change change) {
        reshaped(change);
        long before = change.before().table().relid();
        long after = change.after().table().relid();
        if (before != 0 && after != before) {
            LOG.warn("Table {} was dropped and created again (OID {}, now {}): the stored position was the old"
                + " table's; it starts afresh with a full pass", table(), before, after);
            readOpen = false;
            position = ChangeOffset.initial(position.method(), position.keyColumn())
                .withIdentity(shape.identityOf(change.after().table()));
            return;
        }
        List<String> primaryKey = change.after().table().primaryKey();
        if (!primaryKey.equals(change.before().table().primaryKey()) && position.pass().isPresent()) {
            ChangeOffset.Pass pass = position.pass().orElseThrow();
            if (pass.last().isPresent()) {
                LOG.warn("Table {}: its primary key changed during a pass; the pass's rows are read again", table());
            }
            // Without a primary key, the pass reads in position order.
            position = position.withPass(position.passStartedMs(),
                pass.inOrder(pass.primaryKeyOrder() && !primaryKey.isEmpty()));
        }
        position = position.withIdentity(shape.identityOf(change.after().table()));
    }

    @Override
    public Function<List<String>, Map<String, Object>> offsets() {
        // The pass's state is the same for every row of the batch: encoded once, each row adding its position.
        return position.mapsWithLast();
    }

    @Override
    public Map<String, Object> lastOffset(Connection connection, List<String> last) throws SQLException {
        completed = completed(connection, position.withLast(last));
        return completed.toMap();
    }

    @Override
    public void advance(List<String> last) {
        position = position.withLast(last);
    }

    /** The position once the pass's last row (the last of {@code done}) is emitted. */
    private ChangeOffset completed(Connection connection, ChangeOffset done) throws SQLException {
        ChangeOffset.Pass pass = done.pass().orElseThrow();
        if (keyed() && pass.primaryKeyOrder()) {
            // A pass in primary-key order does not end on its highest key: asked, among the rows it emitted.
            String sql = new PassQuery(shape.table(), List.of(), List.of(), Optional.of(lead(xmax)), true,
                conditions(pass).pass(), Optional.empty()).highestLeadSql();
            return done.completed(PassTransactions.text(connection, sql), true, MAX_HISTORY);
        }
        return done.completed(keyed(), MAX_HISTORY);
    }

    /** The table starts now: its first pass emits no row, and its snapshot becomes the fence. */
    void startNow() {
        startingNow = true;
    }

    @Override
    public boolean startingNow() {
        return startingNow;
    }

    @Override
    public Map<String, Object> offset() {
        return position.toMap();
    }

    @Override
    public long complete(Connection connection) throws SQLException {
        startingNow = false;
        ChangeOffset done = completed != null ? completed : completed(connection, position);
        endedWholeTable = position.pass().map(ChangeOffset.Pass::primaryKeyOrder).orElse(false)
            || position.fence().isEmpty();
        position = done;
        completed = null;
        readOpen = false;
        return position.passStartedMs();
    }

    @Override
    public void ended(Connection connection, long rows) {
        passEnded(connection, endedWholeTable, rows);
    }

    @Override
    public void abort() {
        readOpen = false;
        completed = null;
    }
}
