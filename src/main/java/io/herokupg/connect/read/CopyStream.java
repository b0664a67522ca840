/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.errors.ConnectException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.herokupg.connect.catalog.TableId;

/**
 * The rows of one {@code COPY (query) TO STDOUT (FORMAT binary)}, read ahead on a thread of their own while the
 * caller turns earlier rows into records, so that the server, the TLS decryption and the conversion work at the same
 * time. PostgreSQL sends one message per row (the first also carries the file header, the last is the trailer).
 *
 * <p>Rows travel in chunks (up to {@link #CHUNK_ROWS} rows, {@link #FIRST_CHUNK_ROWS} in the first one, or
 * {@link #CHUNK_BYTES} bytes, or what arrived within {@link #FLUSH_AFTER_MS}), at most {@link #QUEUED_CHUNKS} of
 * them waiting: memory stays bounded whatever the table's
 * size, and a reader that stops taking rows stops the server's sending (TCP flow control). The reading thread always
 * holds back the newest row until it knows whether another follows, so that the chunk with the last row says so.
 *
 * <p>While the stream is open the reading thread owns the connection: nothing else may use it until the caller has
 * taken the last row ({@link #exhausted()}), met the failure, or closed the stream. Closing it early aborts the
 * connection (its socket is closed; the pool then discards it), the only way to stop a read blocked on the socket;
 * a failed COPY aborts it too, since PgJDBC may still hold the connection for the COPY.
 * The statement runs without {@code statement_timeout} ({@link PassTransactions#begin}), since it lasts as long as
 * the records take to be consumed; a silent server is still detected by the driver's {@code socketTimeout}.
 */
final class CopyStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CopyStream.class);
    static final int CHUNK_ROWS = 1024;
    static final int FIRST_CHUNK_ROWS = 64;
    static final int CHUNK_BYTES = 1 << 20;
    static final int QUEUED_CHUNKS = 4;
    static final long FLUSH_AFTER_MS = 50;
    /** How long a read waits for a batch's first row before it returns none while a pass goes on. */
    static final Duration FIRST_ROW_WAIT = Duration.ofMillis(250);
    /** How long close() waits for the reading thread once the connection is aborted. */
    private static final long CLOSE_WAIT_MS = 5_000;
    /** {@code PGCOPY\n\377\r\n\0}, then 32-bit flags and header extension length. */
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int HEADER_BYTES = SIGNATURE.length + 8;

    private final Connection connection;
    private final TableId table;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private final CountDownLatch done = new CountDownLatch(1);
    /** The chunk the reading thread fills. */
    private final Filler filler = new Filler();
    private volatile boolean closed;

    // The caller's side.
    private Chunk current;
    private int index;
    private boolean exhausted;
    /** The failure met, thrown again by every later call. */
    private Exception failed;

    /** Rows in order; {@code last} when the COPY has no more; or the failure that ended it. */
    private record Chunk(byte[][] rows, int count, boolean last, Exception failure) {
    }

    private CopyStream(Connection connection, TableId table) {
        this.connection = connection;
        this.table = table;
    }

    /**
     * Starts reading the rows of {@code query} on a thread of {@code executor}, in the connection's open transaction
     * (whose snapshot the query sees).
     */
    static CopyStream open(Connection connection, String query, Executor executor, TableId table) {
        CopyStream stream = new CopyStream(connection, table);
        String sql = "COPY (" + query + ") TO STDOUT (FORMAT binary)";
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        executor.execute(() -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                stream.run(sql);
            } finally {
                MDC.clear();
                stream.done.countDown();
            }
        });
        return stream;
    }

    private void run(String sql) {
        try {
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            if (readRows(copy)) {
                // Ends the COPY, so that the connection is free again when the caller takes the last chunk.
                while (copy.readFromCopy() != null) {
                    LOG.debug("Table {}: data after the COPY trailer ignored", table);
                }
                hand(filler.take(true));
            }
        } catch (SQLException | RuntimeException e) {
            // After a failure in the middle of a COPY (a lost connection above all), PgJDBC may still hold the
            // connection's lock for it, so that any later statement on it would wait forever: abort the connection,
            // which its pool then discards. The failure reaches the caller, which retries on a new connection.
            abortConnection();
            if (!closed) {
                hand(new Chunk(new byte[0][], 0, true, e));
            }
        }
    }

    /**
     * Reads rows up to the trailer into chunks, handing over all but the last row; false when the stream was closed
     * meanwhile.
     */
    private boolean readRows(CopyOut copy) throws SQLException {
        byte[] pending = null;
        byte[] message = withoutHeader(copy.readFromCopy());
        while (message != null && !isTrailer(message)) {
            if (pending != null && filler.add(pending) && !hand(filler.take(false))) {
                return false;
            }
            pending = message;
            message = copy.readFromCopy();
        }
        if (message == null) {
            throw new SQLException("COPY of table " + table + " ended without its trailer", "08P01");
        }
        if (pending != null) {
            filler.add(pending);
        }
        return true;
    }

    private void abortConnection() {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Table {}: aborting the connection of an unfinished COPY failed: {}", table, e.getMessage());
        }
    }

    /** Puts a chunk in the queue, waiting for room; false when the stream was closed meanwhile. */
    private boolean hand(Chunk chunk) {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The first message carries the file header before the first row (or the trailer). */
    private static byte[] withoutHeader(byte[] message) throws SQLException {
        if (message == null || message.length < HEADER_BYTES
            || !Arrays.equals(message, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new SQLException("COPY (FORMAT binary) did not start with its signature", "08P01");
        }
        int extension = HEADER_BYTES - 4;
        int length = (message[extension] & 0xFF) << 24 | (message[extension + 1] & 0xFF) << 16
            | (message[extension + 2] & 0xFF) << 8 | message[extension + 3] & 0xFF;
        return Arrays.copyOfRange(message, HEADER_BYTES + length, message.length);
    }

    private static boolean isTrailer(byte[] message) {
        return message.length == 2 && message[0] == (byte) 0xFF && message[1] == (byte) 0xFF;
    }

    /** The chunk being filled by the reading thread; the first is small, so that the first records come soon. */
    private static final class Filler {
        private byte[][] rows = new byte[CHUNK_ROWS][];
        private int limit = FIRST_CHUNK_ROWS;
        private int count;
        private long bytes;
        private long firstNanos;

        /** Adds a row; true when the chunk should be handed over. */
        boolean add(byte[] row) {
            if (count == 0) {
                firstNanos = System.nanoTime();
            }
            rows[count++] = row;
            bytes += row.length;
            return count == limit || bytes >= CHUNK_BYTES
                || System.nanoTime() - firstNanos >= TimeUnit.MILLISECONDS.toNanos(FLUSH_AFTER_MS);
        }

        Chunk take(boolean last) {
            Chunk chunk = new Chunk(rows, count, last, null);
            rows = new byte[CHUNK_ROWS][];
            limit = CHUNK_ROWS;
            count = 0;
            bytes = 0;
            return chunk;
        }
    }

    /**
     * The next row (its fields, without the file header), waiting for it until {@code deadlineNanos}
     * ({@link System#nanoTime()}) at most, or not at all unless {@code wait}; null when none came in time or none is
     * left ({@link #exhausted()}).
     *
     * @throws SQLException when the COPY failed (the rows before the failure were returned)
     */
    byte[] next(long deadlineNanos, boolean wait) throws SQLException {
        if (failed != null) {
            throw failure(failed);
        }
        if (exhausted) {
            return null;
        }
        if ((current == null || index == current.count()) && !nextChunk(deadlineNanos, wait)) {
            return null;
        }
        byte[] row = index < current.count() ? current.rows()[index] : null;
        current.rows()[index] = null;
        index++;
        if (current.last() && index >= current.count()) {
            exhausted = true;
        }
        return row;
    }

    /** Takes the next chunk; false when none came (in time). */
    private boolean nextChunk(long deadlineNanos, boolean wait) throws SQLException {
        current = wait ? take(deadlineNanos) : queue.poll();
        index = 0;
        if (current == null) {
            return false;
        }
        if (current.failure() != null) {
            failed = current.failure();
            throw failure(failed);
        }
        return true;
    }

    private Chunk take(long deadlineNanos) {
        try {
            long wait = deadlineNanos - System.nanoTime();
            return wait <= 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static SQLException failure(Exception e) {
        if (e instanceof SQLException sql) {
            return sql;
        }
        throw e instanceof ConnectException connect ? connect : new ConnectException(e.getMessage(), e);
    }

    /** Whether every row has been returned, the last one by the latest {@link #next} (never after a failure). */
    boolean exhausted() {
        return exhausted;
    }

    /**
     * Stops reading. While the reading thread is still at work (before the caller took the last row), the connection
     * is aborted (its socket closed): the thread may be blocked on it, and the connection is in the middle of a COPY.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!exhausted && failed == null && done.getCount() > 0) {
            abortConnection();
        }
        try {
            if (!done.await(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Table {}: the thread reading its COPY did not stop within {} ms", table, CLOSE_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }
}
