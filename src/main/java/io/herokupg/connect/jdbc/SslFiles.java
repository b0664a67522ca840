/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * PgJDBC reads TLS material only from files; certificates and keys given as PEM text are written to files that only
 * this process's user can read, named by a hash of their content (so the same material is written once, and a
 * changed certificate gets a new file), and removed when the JVM exits.
 */
final class SslFiles {
    private static Path directory;

    private SslFiles() {
    }

    /** A file holding {@code content}, e.g. {@code /tmp/herokupg-tls-…/3f2a….pk8}. */
    static synchronized Path write(byte[] content, String suffix) {
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("herokupg-tls-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                directory.toFile().deleteOnExit();
            }
            Path file = directory.resolve(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(content)) + suffix);
            if (!Files.exists(file)) {
                Path temp = Files.createTempFile(directory, "tmp-", suffix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(temp, content);
                Files.move(temp, file);
                file.toFile().deleteOnExit();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TLS material to a temporary file", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(String content, String suffix) {
        return write(content.getBytes(StandardCharsets.US_ASCII), suffix);
    }
}
