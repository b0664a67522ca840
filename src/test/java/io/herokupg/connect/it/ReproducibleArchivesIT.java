/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar, the Hub zip and the plugin-path tarball are byte-for-byte the same when built twice: the sources are
 * copied to two folders of different names and packaged one after the other by the Maven running this build
 * (offline, tests not even compiled, so this test cannot run itself), and the three files' SHA-256 compared. It is
 * project.build.outputTimestamp that makes them so (the builds run seconds apart): remove it and this fails.
 */
class ReproducibleArchivesIT {
    /** What packaging reads: the POM, the main sources, the archives' descriptors and documents (.mvn if any). */
    private static final List<String> INPUTS = List.of("pom.xml", "README.md", "LICENSE", "assembly", "config",
        "src/main", ".mvn");
    private static final long BUILD_MINUTES = 4;

    @Test
    void twoBuildsGiveTheSameJarZipAndTarball(@TempDir Path work) throws Exception {
        Path basedir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Map<String, String> first = build(basedir, work.resolve("first"));
        Map<String, String> second = build(basedir, work.resolve("second-build"));

        assertThat(first).hasSize(3);
        assertThat(second).as("SHA-256 of what the second build packaged, against the first's")
            .containsExactlyInAnyOrderEntriesOf(first);
    }

    /** Copies the inputs into {@code project}, packages it, and gives the SHA-256 of the jar and both archives. */
    private static Map<String, String> build(Path basedir, Path project) throws Exception {
        for (String input : INPUTS) {
            if (Files.exists(basedir.resolve(input))) {
                copy(basedir.resolve(input), project.resolve(input));
            }
        }
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-o", "-q", "package",
            "-Dmaven.test.skip=true", "-Dcheckstyle.skip=true"));
        String repository = System.getProperty("localRepository");
        if (repository != null && !repository.isEmpty()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        Path log = project.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process maven = builder.start();
        if (!maven.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new AssertionError("the build in " + project + " took over " + BUILD_MINUTES + " minutes");
        }
        assertThat(maven.exitValue()).as("mvn package in %s:%n%s", project, Files.readString(log)).isZero();

        Path target = project.resolve("target");
        Map<String, String> digests = new LinkedHashMap<>();
        Path packages = target.resolve("components/packages");
        try (Stream<Path> built = Stream.concat(Files.list(target), Files.list(packages))) {
            built.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".zip")
                || p.toString().endsWith(".tar.gz")).forEach(p -> digests.put(p.getFileName().toString(), sha256(p)));
        }
        return digests;
    }

    /** The Maven that runs this build (failsafe passes maven.home), else the one on the PATH. */
    private static String maven() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : (Iterable<Path>) tree::iterator) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(source, dest);
                }
            }
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
