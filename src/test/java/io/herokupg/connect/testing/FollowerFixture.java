/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.herokupg.connect.catalog.PgServer;

/**
 * A primary and its hot standby, as a Heroku database and its follower: real PostgreSQL servers (the classpath's
 * version), the standby streaming the primary's WAL over TLS. zonky's binaries have no {@code pg_basebackup}, so the
 * standby starts from a copy of the cleanly stopped primary's data directory (permissions kept), with
 * {@code standby.signal} and {@code primary_conninfo} added. Writers connect to {@link #primary()}; the connector
 * reads {@link #standby()}. Both have the application role and database of {@link PostgresFixture}.
 */
public final class FollowerFixture implements AutoCloseable {
    /** Files of a data directory that belong to the running server, not to the data. */
    private static final Set<String> RUNTIME_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private final EmbeddedPostgresFixture primary;
    private final EmbeddedPostgresFixture standby;

    private FollowerFixture(EmbeddedPostgresFixture primary, EmbeddedPostgresFixture standby) {
        this.primary = primary;
        this.standby = standby;
    }

    /** Starts a primary, then a standby of it, and waits until the standby has replayed what the primary wrote. */
    public static FollowerFixture start() {
        try {
            Path primaryData = Files.createTempDirectory("follower-primary-");
            EmbeddedPostgresFixture primary = EmbeddedPostgresFixture.startPrimary(primaryData);
            String version = primary.serverVersion();
            primary.stopServer();
            Path standbyData = Files.createTempDirectory("follower-standby-");
            copyDataDirectory(primaryData, standbyData);
            primary.startServer();
            Files.writeString(standbyData.resolve("standby.signal"), "");
            Files.writeString(standbyData.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=localhost port="
                + primary.port() + " user=postgres sslmode=require application_name=follower'\n",
                StandardOpenOption.APPEND, StandardOpenOption.CREATE);
            EmbeddedPostgresFixture standby = EmbeddedPostgresFixture.startStandby(standbyData, version);
            FollowerFixture fixture = new FollowerFixture(primary, standby);
            fixture.awaitReplay(Duration.ofSeconds(60));
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("the standby did not start streaming", e);
        }
    }

    /** The primary: where the application writes (Heroku's DATABASE_URL). */
    public EmbeddedPostgresFixture primary() {
        return primary;
    }

    /** The hot standby: what the connector reads (Heroku's HEROKU_POSTGRESQL_&lt;COLOR&gt;_URL of a follower). */
    public EmbeddedPostgresFixture standby() {
        return standby;
    }

    /**
     * Waits until the standby has replayed every commit the primary made so far: up to the primary's WAL insert
     * position now, or, once the WAL writer has flushed every asynchronous commit (within three times
     * {@code wal_writer_delay}), up to what the primary has flushed (a tail without commits may stay unflushed).
     */
    public void awaitReplay(Duration timeout) throws SQLException {
        long target;
        try (Connection conn = primary.superuser()) {
            target = PgServer.now(conn).lsn();
        }
        Instant flushed = Instant.now().plusSeconds(1);
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (Connection conn = standby.superuser()) {
                if (PgServer.now(conn).lsn() >= target) {
                    return;
                }
            } catch (SQLException e) {
                // Not accepting connections yet (not consistent): try again.
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            if (Instant.now().isAfter(flushed)) {
                try (Connection conn = primary.superuser()) {
                    target = Math.min(target, PgServer.flushed(conn));
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the standby did not replay up to " + PgServer.formatLsn(target)
                    + " in " + timeout);
            }
            sleep(20);
        }
    }

    /** Promotes the standby to a primary of its own ({@code pg:promote}), waiting until it accepts writes. */
    public void promote() throws SQLException {
        try (Connection conn = standby.superuser(); Statement st = conn.createStatement()) {
            st.execute("SELECT pg_promote(true, 60)");
        }
    }

    private static void copyDataDirectory(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                if (!Files.exists(target)) {
                    Files.copy(dir, target, StandardCopyOption.COPY_ATTRIBUTES);
                } else {
                    // The target's root exists (a temporary directory); PostgreSQL wants it no wider than 0750.
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(dir));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!RUNTIME_FILES.contains(file.getFileName().toString())) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            standby.close();
        } finally {
            primary.close();
        }
    }
}
