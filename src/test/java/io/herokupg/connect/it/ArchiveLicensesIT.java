/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.herokupg.connect.testing.ArchiveFiles;
import io.herokupg.connect.testing.Fixtures;

/**
 * What the built archives bundle, read from the archives themselves (both of them, as `mvn verify` built them):
 * no jar the worker provides (Kafka, slf4j), and for every other jar a line in doc/THIRD-PARTY.txt with its version
 * and license and its license text in doc/licenses/&lt;artifactId&gt;.txt. A dependency added without its license
 * text (committed in assembly/licenses/) fails here.
 */
class ArchiveLicensesIT {
    private static final String CONNECTOR_JAR = "kafka-connect-heroku-postgres-";
    /** A THIRD-PARTY.txt line: "(license) name (groupId:artifactId:version - url)". */
    private static final Pattern LISTED = Pattern.compile(
        "(?m)^\\s*\\(([^)]+)\\) .* \\(([^:\\s]+):([^:\\s]+):([^:\\s]+) - .*\\)$");
    /** A sentence each license's text holds, by the license names THIRD-PARTY.txt uses (see the POM's merges). */
    private static final Map<String, String> LICENSE_TEXTS = Map.of(
        "Apache-2.0", "Version 2.0, January 2004",
        "BSD-2-Clause", "Redistribution and use in source and binary forms, with or without",
        "MIT", "Permission is hereby granted, free of charge, to any person obtaining a copy");

    static Stream<Arguments> archives() throws IOException {
        Path hub = Fixtures.hubArchive();
        Path target = hub.getParent().getParent().getParent();
        Path tarball;
        try (Stream<Path> files = Files.list(target)) {
            tarball = files.filter(p -> p.getFileName().toString().endsWith("-plugin-path.tar.gz")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no plugin-path tarball in " + target));
        }
        String hubRoot = hub.getFileName().toString().replaceFirst("\\.zip$", "") + "/";
        return Stream.of(Arguments.of("Hub zip", hub, hubRoot, hubRoot + "lib/"),
            Arguments.of("plugin-path tarball", tarball, "kafka-connect-heroku-postgres/",
                "kafka-connect-heroku-postgres/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("archives")
    void everyBundledJarHasItsLicenseAndNoneIsTheWorkers(String what, Path archive, String root, String lib)
        throws IOException {
        Map<String, byte[]> files = ArchiveFiles.read(archive);
        List<String> jars = ArchiveFiles.jarsIn(files, lib);
        assertThat(jars).as(what).anyMatch(j -> j.startsWith(CONNECTOR_JAR)).anyMatch(j -> j.startsWith("postgresql-"))
            .anyMatch(j -> j.startsWith("HikariCP-")).anyMatch(j -> j.startsWith("cron-utils-"));
        assertThat(jars).as(what + ": jars the worker provides (loaded parent-first) must not be bundled")
            .noneMatch(ArchiveLicensesIT::providedByTheWorker);

        String thirdParty = text(files, root + "doc/THIRD-PARTY.txt");
        List<String> bundled = jars.stream().filter(j -> !j.startsWith(CONNECTOR_JAR)).toList();
        List<String> listed = new ArrayList<>();
        Matcher m = LISTED.matcher(thirdParty);
        while (m.find()) {
            listed.add(m.group(3) + "-" + m.group(4) + ".jar");
            String license = text(files, root + "doc/licenses/" + m.group(3) + ".txt");
            assertThat(license).as(what + ": the license text of " + m.group(2) + ":" + m.group(3) + " (committed in"
                + " assembly/licenses/" + m.group(3) + ".txt)").contains(m.group(2) + ":" + m.group(3));
            assertThat(LICENSE_TEXTS).as(what + ": a license this test knows the text of").containsKey(m.group(1));
            assertThat(license).as(what + ": " + m.group(3) + " is " + m.group(1))
                .contains(LICENSE_TEXTS.get(m.group(1)));
        }
        assertThat(listed).as(what + ": doc/THIRD-PARTY.txt lists exactly the bundled jars")
            .containsExactlyInAnyOrderElementsOf(bundled);
        for (String jar : bundled) {
            String artifactId = ArchiveFiles.artifactAndVersion(jar).get(0);
            assertThat(files.keySet()).as(what + ": the license text of " + jar + " (assembly/licenses/" + artifactId
                + ".txt)").contains(root + "doc/licenses/" + artifactId + ".txt");
        }
        assertThat(files.keySet()).as(what).contains(root + "doc/LICENSE", root + "doc/README.md");
    }

    /** Kafka's and slf4j's jars: the worker has them, and its plugin class loaders load those packages first. */
    private static boolean providedByTheWorker(String jar) {
        return jar.startsWith("slf4j-") || jar.startsWith("kafka_") || jar.startsWith("connect-")
            || jar.startsWith("kafka-") && !jar.startsWith(CONNECTOR_JAR);
    }

    private static String text(Map<String, byte[]> files, String path) {
        assertThat(files.keySet()).as("the archive holds " + path).contains(path);
        return new String(files.get(path), StandardCharsets.UTF_8);
    }
}
