/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.util.Map;
import java.util.Optional;

import io.herokupg.connect.config.ReplicationSettings;
import io.herokupg.connect.config.StartSettings;
import io.herokupg.connect.offset.TableOffset;
import io.herokupg.connect.schedule.PassSchedule;
import io.herokupg.connect.types.RecordBuilder;

/**
 * What a reader is made of for one table.
 *
 * @param builder     the builder of its records, for the table as discovered
 * @param replication its replication method and key
 * @param partition   its source partition
 * @param schedule    when its passes are due
 * @param stored      its position in Connect's offset storage, if any
 * @param start       where it starts without a stored position, and its re-sync token
 */
public record TableContext(RecordBuilder builder, ReplicationSettings replication, Map<String, Object> partition,
                           PassSchedule schedule, Optional<TableOffset> stored, StartSettings start) {

    /** A table that starts with a full load and has no re-sync token. */
    public TableContext(RecordBuilder builder, ReplicationSettings replication, Map<String, Object> partition,
                        PassSchedule schedule, Optional<TableOffset> stored) {
        this(builder, replication, partition, schedule, stored, StartSettings.DEFAULT);
    }
}
