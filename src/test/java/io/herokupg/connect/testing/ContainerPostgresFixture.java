/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.MountableFile;

/**
 * The same server as {@link EmbeddedPostgresFixture}, from the official {@code postgres} image, for machines with a
 * Docker engine: TLS only (pg_hba rejects plaintext), password authentication, a far-from-UTC time zone.
 */
public final class ContainerPostgresFixture implements PostgresFixture {
    private static final String SUPERUSER_PASSWORD = "container-superuser";

    private final GenericContainer<?> container;
    private final TestCertificates certs;
    private final String version;

    private ContainerPostgresFixture(GenericContainer<?> container, TestCertificates certs) throws SQLException {
        this.container = container;
        this.certs = certs;
        try (Connection c = connectAs("postgres", SUPERUSER_PASSWORD, "postgres"); Statement st = c.createStatement()) {
            this.version = PostgresFixture.createApplicationDatabase(st);
        }
    }

    /** A server of the given major version ("9.6", "17", …). */
    @SuppressWarnings("resource")
    public static ContainerPostgresFixture start(String majorVersion) {
        TestCertificates certs = TestCertificates.get();
        GenericContainer<?> container = new GenericContainer<>("postgres:" + majorVersion)
            .withEnv("POSTGRES_PASSWORD", SUPERUSER_PASSWORD)
            .withCopyFileToContainer(MountableFile.forHostPath(certs.serverCertificate(), 0644), "/tls/server.crt")
            .withCopyFileToContainer(MountableFile.forHostPath(certs.caCertificate(), 0644), "/tls/ca.crt")
            .withCopyFileToContainer(MountableFile.forHostPath(certs.serverKey(), 0600), "/tls/server.key.src")
            .withCopyToContainer(Transferable.of(String.join("\n",
                "hostnossl all all all reject",
                "local all all trust",
                "hostssl all " + TestCertificates.CLIENT_USER + " all cert",
                "hostssl all all all md5", "")), "/tls/pg_hba.conf")
            .withExposedPorts(5432)
            // The key must belong to the postgres user with mode 0600; copy it so before starting the server.
            .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh", "-c",
                "cp /tls/server.key.src /tls/server.key && chown postgres /tls/server.key && chmod 600 /tls/server.key"
                    + " && exec docker-entrypoint.sh postgres -c ssl=on -c ssl_cert_file=/tls/server.crt"
                    + " -c ssl_key_file=/tls/server.key -c hba_file=/tls/pg_hba.conf -c timezone=Asia/Kathmandu"
                    + " -c ssl_ca_file=/tls/ca.crt"))
            .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2)
                .withStartupTimeout(Duration.ofMinutes(2)));
        container.start();
        try {
            return new ContainerPostgresFixture(container, certs);
        } catch (SQLException e) {
            container.stop();
            throw new IllegalStateException("could not set up the test database", e);
        }
    }

    private Connection connectAs(String user, String password, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/" + database, props);
    }

    @Override
    public String serverVersion() {
        return version;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(5432);
    }

    @Override
    public Connection superuser() throws SQLException {
        return connectAs("postgres", SUPERUSER_PASSWORD, DATABASE);
    }

    @Override
    public Path caCertificate() {
        return certs.caCertificate();
    }

    @Override
    public void close() {
        container.stop();
    }
}
