/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.types.RecordBuilder;

/**
 * XMIN: emits the rows inserted or updated since the previous pass, for tables without a usable key column. Each
 * pass scans the whole table and emits the row versions its fence (the previous pass's snapshot) did not see, in
 * the order of their 64-bit transaction id, then primary key (the first pass, which emits every row, in primary-key
 * order). Transaction ids are compared as 64-bit numbers, so
 * the order holds across wraparound; see {@link ChangeReader} for frozen rows and very old fences.
 */
final class XminReader extends ChangeReader {

    XminReader(RecordBuilder builder, Map<String, Object> partition, PassSchedule schedule, Clock clock,
               boolean headers, BuilderSource builders, Executor fetchers, ChangeOffset start) {
        super(builder, partition, schedule, clock, headers, builders, fetchers, start);
    }

    @Override
    boolean keyed() {
        return false;
    }

    @Override
    String leadExpression(String xid) {
        return xid;
    }

    @Override
    String leadType() {
        return "int8";
    }

    @Override
    List<String> rangeConditions() {
        return List.of();
    }

    @Override
    OptionalLong horizon(Connection connection) {
        return OptionalLong.empty();
    }
}
