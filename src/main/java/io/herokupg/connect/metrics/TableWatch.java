/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.batch.Batch;
import io.herokupg.connect.catalog.TableId;

/**
 * One table as the task observes it: its metrics, the pass in progress, and the extraction log lines (logger
 * {@code io.herokupg.connect.extraction}): pass start and end at INFO (DEBUG for a change pass that found nothing),
 * a query's SQL at INFO the first time its shape is used (its values, which the query holds as literals, each
 * replaced by {@code ?}), each batch at DEBUG. Nothing logged holds a row's values or a credential.
 */
final class TableWatch {
    static final Logger LOG = LoggerFactory.getLogger("io.herokupg.connect.extraction");
    /** The values a query holds: string constants ({@code E'…'}, quotes doubled, backslash escapes) and numbers. */
    private static final Pattern VALUE = Pattern.compile("E'(?:[^'\\\\]|''|\\\\.)*'|\\b\\d+\\b");

    private final String table;
    final TableStats stats;
    private final Set<String> shapesSeen = new HashSet<>();

    // The pass in progress.
    private boolean active;
    private boolean startLogged;
    private String method;
    private boolean fullRead;
    private long startMs;
    private String positionBefore;
    private long rows;
    private long bytes;
    private long estimated;
    private SourceRecord lastRecord;
    private String queryId = "-";
    /** The query last given its id: a pass's batches all read by one query. */
    private String lastQuery;

    TableWatch(TableId table, Clock clock) {
        this.table = table.toString();
        this.stats = new TableStats(clock);
    }

    String table() {
        return table;
    }

    boolean active() {
        return active;
    }

    /** A pass begins (or, after a restart, resumes) with the read that began in this state. */
    void begin(Batch.Before before) {
        active = true;
        startLogged = false;
        method = before.method();
        fullRead = before.fullRead();
        startMs = before.startedMs();
        positionBefore = before.position();
        rows = 0;
        bytes = 0;
        estimated = before.estimatedRows().orElse(-1);
        lastRecord = null;
        stats.passStarted(startMs, fullRead, before.estimatedRows());
    }

    /** A batch was read; returns the pass's report when this batch ended a pass that emitted rows. */
    Optional<LoadReports.Pass> batch(Batch read, long nowMs, long readMs, String connector, int task) {
        List<SourceRecord> batch = read.records();
        long batchBytes = read.bytes();
        rows += batch.size();
        bytes += batchBytes;
        if (!batch.isEmpty()) {
            lastRecord = batch.get(batch.size() - 1);
        }
        stats.emitted(batch.size(), batchBytes, nowMs);
        stats.read(batch.size());
        query(read.after().query());
        boolean ended = read.passEnded();
        boolean quiet = !fullRead && rows == 0;
        if (!startLogged && !(ended && quiet)) {
            startLogged = true;
            LOG.info("Pass started: table={} method={} full_read={} position={} query={} estimated_rows={}",
                table(), method, fullRead, positionBefore, queryId, estimated);
        }
        LOG.debug("Batch: table={} method={} rows={} bytes={} read_ms={} pass_rows={}", table(), method,
            batch.size(), batchBytes, readMs, rows);
        if (!ended) {
            stats.inPass(fullRead);
            return Optional.empty();
        }
        active = false;
        stats.passEnded(nowMs, rows);
        String message = "Pass ended: table={} method={} full_read={} rows={} bytes={} duration_ms={}"
            + " position_before={} position_after={} query={}";
        Object[] args = {table(), method, fullRead, rows, bytes, nowMs - startMs, positionBefore,
            read.after().position(), queryId};
        if (quiet) {
            LOG.debug(message, args);
        } else {
            LOG.info(message, args);
        }
        return rows == 0 ? Optional.empty() : Optional.of(new LoadReports.Pass(connector, task, table(),
            method, fullRead, rows, bytes, startMs, nowMs, read.after().position()));
    }

    SourceRecord lastRecord() {
        return lastRecord;
    }

    private void query(Optional<String> sql) {
        if (sql.isEmpty() || sql.get().equals(lastQuery)) {
            return;
        }
        lastQuery = sql.get();
        String shape = VALUE.matcher(sql.get()).replaceAll("?");
        queryId = String.format("%08x", shape.hashCode());
        if (shapesSeen.add(shape)) {
            LOG.info("Query {} of table {} (first use; values shown as ?): {}", queryId, table(), shape);
        }
    }

    /** The replication lag and the horizon's oldest transaction, from the reader's state after a read. */
    void observe(Batch.After after) {
        after.newestKey().ifPresent(key -> KeyTimes.epochMs(key.sqlType(), key.text()).ifPresent(stats::newestKey));
        after.activity().ifPresent(a -> {
            long ageMs = a.oldestStart().isPresent() ? (a.nowMicros() - a.oldestStart().getAsLong()) / 1000 : 0;
            stats.oldestTransaction(Math.max(0, ageMs), a.oldestPid());
        });
        stats.replayLag(after.replayLagMs().isPresent() ? after.replayLagMs().getAsLong() : Double.NaN);
        after.captureLog().ifPresent(log -> stats.captureLog(log.entries(),
            log.oldestAgeMs().isPresent() ? log.oldestAgeMs().getAsLong() : Double.NaN));
    }
}
