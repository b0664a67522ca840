/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.herokupg.connect.offset.Snapshots;

/**
 * The conditions of a fenced pass (INCREMENTAL, XMIN) but its position: the method's range; for a table with row
 * versions, the versions the fence (the previous pass's snapshot) did not see; and the pass's own versions: below its
 * watermark and, when the rows are read in a later snapshot than the pass's (a resumed pass, a follower), seen by the
 * pass's snapshot, or else beyond what the next pass reads (INCREMENTAL: a row updated since, its key unchanged).
 * Values in, SQL out.
 *
 * @param range          the method's range conditions (INCREMENTAL: its key bound)
 * @param versioned      whether the rows have versions ({@code xmin}); a view's do not, and have no fence
 * @param xid            the SQL of a row's 64-bit transaction id ({@link Sql#xid64})
 * @param fence          the previous pass's snapshot, if any (and not too old to place row versions against)
 * @param fenceWatermark the fence's watermark: it saw only the versions below it
 * @param watermark      the pass's watermark: it emits only the versions below it
 * @param snapshotXmax   the xmax of the pass's snapshot
 * @param ownSnapshot    when the rows are read in a later snapshot: the pass's snapshot (if not too old)
 * @param beyond         when the rows are read in a later snapshot: the condition of a row the next pass will not
 *                       read, emitted even though the pass's snapshot did not see it
 */
public record FenceConditions(List<String> range, boolean versioned, String xid, Optional<String> fence,
                              OptionalLong fenceWatermark, long watermark, long snapshotXmax,
                              Optional<String> ownSnapshot, Optional<String> beyond) {

    /** The conditions of the pass's rows. */
    public List<String> pass() {
        List<String> conditions = unseenInRange();
        own().ifPresent(ownVersions -> conditions.add(beyond.map(b -> "((" + ownVersions + ") OR " + b + ")")
            .orElse(ownVersions)));
        return conditions;
    }

    /**
     * Among the versions unseen by the fence, those the pass's own snapshot saw below its watermark; empty when every
     * version the reading transaction sees is (it reads in the pass's snapshot, and no watermark holds any back).
     */
    public Optional<String> own() {
        if (!versioned) {
            return Optional.empty();
        }
        List<String> own = new ArrayList<>();
        if (watermark < snapshotXmax) {
            own.add(xid + " < " + Sql.cast(Long.toString(watermark), "int8"));
        }
        ownSnapshot.ifPresent(snapshot -> own.add("txid_visible_in_snapshot(" + xid + ", "
            + Sql.cast(snapshot, "txid_snapshot") + ")"));
        return own.isEmpty() ? Optional.empty() : Optional.of(String.join(" AND ", own));
    }

    /** The fence's condition alone: the versions it did not see (nothing without a fence). */
    public List<String> unseenByFence() {
        return versioned ? fence.map(f -> List.of(unseen(f))).orElse(List.of()) : List.of();
    }

    /** The versions a fence (with its watermark) saw: the negation of what it did not see. */
    public static String seenBy(String xid, String fence, OptionalLong fenceWatermark) {
        return "NOT (" + new FenceConditions(List.of(), true, xid, Optional.of(fence), fenceWatermark, 0, 0,
            Optional.empty(), Optional.empty()).unseenByFence().get(0) + ")";
    }

    /**
     * The conditions of the row versions in the range, unseen by the fence, that the pass may not emit yet (at or
     * above its watermark), which the range must then not move past; empty when the watermark holds none back.
     */
    public Optional<List<String>> delayed() {
        if (watermark >= snapshotXmax) {
            return Optional.empty();
        }
        List<String> conditions = unseenInRange();
        conditions.add(xid + " >= " + Sql.cast(Long.toString(watermark), "int8"));
        return Optional.of(conditions);
    }

    /** The method's range, and for a table with row versions, not seen by the fence. */
    private List<String> unseenInRange() {
        List<String> conditions = new ArrayList<>(range);
        if (versioned) {
            fence.ifPresent(f -> conditions.add(unseen(f)));
        }
        return conditions;
    }

    /**
     * Not seen by the fence: it saw only the versions below its watermark that were visible in it (its text does not
     * list the subtransactions of the transactions it saw running, which are all above the watermark).
     */
    private String unseen(String snapshot) {
        String unseen = "NOT txid_visible_in_snapshot(" + xid + ", " + Sql.cast(snapshot, "txid_snapshot") + ")";
        if (fenceWatermark.isEmpty() || fenceWatermark.getAsLong() >= Snapshots.parse(snapshot).xmax()) {
            return unseen;
        }
        return "(" + xid + " >= " + Sql.cast(Long.toString(fenceWatermark.getAsLong()), "int8") + " OR " + unseen
            + ")";
    }
}
